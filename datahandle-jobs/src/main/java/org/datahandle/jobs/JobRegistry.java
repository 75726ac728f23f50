package org.datahandle.jobs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.ExternalWrite;

/**
 * The jobs of one jobs folder: starts jobs bound to a catalog's handles, and reads any job of the
 * folder by id — ones this process runs, ones another process runs, finished ones.
 *
 * <pre>{@code
 * try (Catalog catalog = Catalog.load(workflow);
 *      JobRegistry jobs = JobRegistry.forWorkflow(workflow)) {
 *     Job job = jobs.start(catalog, JobSpec.command("sort", "-o", "{out}", "{in}")
 *             .inputs("samples").outputs("sorted").build());
 *     try (EventCursor c = job.cursor(0)) {
 *         while (!c.ended()) {
 *             c.next(Duration.ofSeconds(1)).ifPresent(e -> System.out.println(e.toJson()));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} cancels the jobs this registry still runs and waits for them.
 * There is no static state: two registries on one folder (in one process or two) see the same jobs.
 */
public final class JobRegistry implements AutoCloseable {
    /** Where {@link #forWorkflow(Path)} keeps jobs, relative to the workflow file's folder. */
    public static final String WORKFLOW_JOBS_FOLDER = ".datahandle/jobs";

    private static final Pattern ID = Pattern.compile("[0-9]{8}-[0-9]{6}-[0-9a-f]{6}");
    /** Prefix of a job folder being removed (renamed first, then deleted); never a job id. */
    private static final String REMOVING = ".removing-";
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Settings settings;
    private final Map<String, LocalJob> running = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;

    private JobRegistry(Path directory, Settings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    /** A registry on {@code directory} with default settings; the folder is created when missing. */
    public static JobRegistry open(Path directory) {
        return builder().open(directory);
    }

    /** The registry of a workflow: {@code .datahandle/jobs} in the workflow file's folder. */
    public static JobRegistry forWorkflow(Path workflowFile) {
        return open(directoryOf(workflowFile));
    }

    /** The jobs folder of a workflow file: {@code <its folder>/.datahandle/jobs}. */
    public static Path directoryOf(Path workflowFile) {
        Path parent = workflowFile.toAbsolutePath().normalize().getParent();
        return parent.resolve(WORKFLOW_JOBS_FOLDER);
    }

    /** A builder for registries with other retention, line limits or kill grace. */
    public static Builder builder() {
        return new Builder();
    }

    /** The jobs folder. */
    public Path directory() {
        return directory;
    }

    /**
     * Starts a job: resolves its inputs ({@code pathsForRead}), stages its outputs
     * ({@code beginExternalWrite}), registers it (state {@code pending}) and starts its command on
     * a thread of its own. Returns at once.
     *
     * @throws org.datahandle.HandleNotFoundException if the spec names a handle the catalog lacks
     * @throws org.datahandle.NotProducedException if an input is not produced (the job is not created)
     * @throws org.datahandle.AlreadyProducedException if an output is produced or another writer
     *     holds it (the job is not created)
     * @throws IllegalArgumentException if an output handle is temporary (it has no disk)
     * @throws IllegalStateException if the registry is closed
     */
    public Job start(Catalog catalog, JobSpec spec) {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(spec, "spec is null");
        if (closed) {
            throw new IllegalStateException("job registry on " + directory + " is closed");
        }
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        for (String id : spec.inputs()) {
            DataHandle h = catalog.get(id);
            if (h.spec().temporary()) {
                throw new IllegalArgumentException("input '" + id + "' is a temporary handle: it has no disk an external command could read");
            }
            inputs.put(id, h.disk().pathsForRead().stream().map(JobRegistry::commandPath).toList());
        }
        Map<String, ExternalWrite> writes = new LinkedHashMap<>();
        try {
            Map<String, List<String>> outputs = new LinkedHashMap<>();
            for (String id : spec.outputs()) {
                DataHandle h = catalog.get(id);
                if (h.spec().temporary()) {
                    throw new IllegalArgumentException("output '" + id + "' is a temporary handle: it has no disk an external command could write");
                }
                ExternalWrite w = h.disk().beginExternalWrite();
                writes.put(id, w);
                outputs.put(id, w.paths().stream().map(JobRegistry::commandPath).toList());
            }
            List<String> argv = spec.expand(inputs, outputs);
            Instant created = Instant.now();
            String id = newJobFolder(created);
            Path dir = directory.resolve(id);
            LogSignal signal = new LogSignal();
            JobFolder folder = new JobFolder(dir, id, signal, settings);
            folder.writeDescription(spec, argv, inputs, created);
            EventLogWriter log = new EventLogWriter(dir, 0, settings.segmentBytes(), settings.retentionBytes(), signal);
            JobStatus pending = JobStatus.of(JobState.PENDING);
            folder.writeStatus(pending, Optional.empty());
            log.status(pending);
            Optional<RowsChannel> rows = RowsChannel.open(dir, log, settings.rowLimit(), id);

            Map<String, String> env = new LinkedHashMap<>(spec.environment());
            env.put("DATAHANDLE_JOB_ID", id);
            env.put("DATAHANDLE_JOB_DIR", dir.toString());
            rows.ifPresent(r -> env.put("DATAHANDLE_ROWS", r.path().toString()));
            env.putAll(LocalJob.pathsEnvironment("DATAHANDLE_IN_", inputs));
            env.putAll(LocalJob.pathsEnvironment("DATAHANDLE_OUT_", outputs));

            LocalJob job = new LocalJob(folder, spec, settings, argv, env, writes, log, rows, () -> running.remove(id));
            running.put(id, job);
            job.start();
            return job;
        } catch (RuntimeException e) {
            writes.values().forEach(ExternalWrite::close);
            throw e;
        }
    }

    /**
     * Every job of the folder, oldest first, with its status now.
     *
     * @throws JobLogException if the folder cannot be read
     */
    public List<JobInfo> list() {
        List<JobInfo> jobs = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return jobs;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
            for (Path p : ds) {
                String id = p.getFileName().toString();
                if (ID.matcher(id).matches() && Files.exists(p.resolve(JobFolder.JOB_FILE))) {
                    try {
                        jobs.add(log(id).info());
                    } catch (JobNotFoundException | JobLogException e) {
                        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                            throw e;
                        }
                        // removed (renamed away) by remove or prune between the listing and the read
                    }
                }
            }
        } catch (IOException e) {
            throw new JobLogException("cannot list the jobs folder " + directory, e);
        }
        jobs.sort(Comparator.comparing(JobInfo::created).thenComparing(JobInfo::id));
        return jobs;
    }

    /**
     * The job {@code id} of this folder, to read: a job of this registry, of another process, or
     * finished.
     *
     * @throws JobNotFoundException if the folder has no such job (the message names the folder)
     */
    public JobLog log(String id) {
        requireNonNull(id, "id is null");
        LocalJob live = running.get(id);
        if (live != null) {
            return live;
        }
        return folder(id);
    }

    /**
     * Deletes the folder of job {@code id} (its description, status, log, spool), which must have
     * ended: {@code succeeded}, {@code failed} (a job whose engine process died reads as failed),
     * {@code cancelled} or {@code timedOut}. The folder is first renamed, in one step, to a hidden
     * name no listing shows ({@code .removing-<id>-...}), then deleted without following any
     * symbolic link; so a crash mid-way leaves no half job behind, and the next {@link #prune}
     * finishes the deletion. Readers that have the job's log open keep reading what they had.
     *
     * @throws JobNotFoundException if the folder has no such job, or {@code id} is not a job id (a
     *     path, a name with {@code /} or {@code ..}): nothing outside the jobs folder is touched
     * @throws JobStillRunningException if the job is pending or running, in this or another live
     *     process (or has just ended and its engine is still closing its log)
     * @throws JobLogException if the folder cannot be read or deleted
     */
    public void remove(String id) {
        JobFolder folder = folder(id);
        Optional<Instant> ended = running.containsKey(id) ? Optional.empty() : folder.endedAt();
        if (ended.isEmpty()) {
            JobState state = folder.info().status().state();
            throw new JobStillRunningException(state.isTerminal()
                    ? "job '" + id + "' in " + directory + " has " + state.wireName() + " but its engine is still closing its log: "
                            + "try again in a moment"
                    : "job '" + id + "' in " + directory + " has not ended (it is " + state.wireName()
                            + "): cancel it or wait for it to end before removing it");
        }
        if (!delete(id)) {
            throw new JobNotFoundException("no job '" + id + "' in " + directory + ": it was removed meanwhile");
        }
    }

    /**
     * Removes every job that ended more than {@code olderThan} ago and answers their ids, in the
     * order they ended. The end time is the one recorded with the job's terminal status ({@link JobInfo#updated()}),
     * not the folder's modification time. Jobs that have not ended, and folders that cannot be read
     * (a corrupt {@code job.json}), are left as they are; so are folders without {@code job.json},
     * which may be jobs being created. Also finishes removals a crash interrupted.
     *
     * @throws IllegalArgumentException if {@code olderThan} is negative
     * @throws JobLogException if the jobs folder itself cannot be listed
     */
    public List<String> prune(Duration olderThan) {
        requireNonNull(olderThan, "olderThan is null");
        if (olderThan.isNegative()) {
            throw new IllegalArgumentException("prune takes a duration >= 0, got " + olderThan);
        }
        Instant cutoff = Instant.now().minus(olderThan);
        Map<String, Instant> expired = new LinkedHashMap<>();
        List<String> leftovers = new ArrayList<>();
        for (String id : entries(leftovers)) {
            if (running.containsKey(id)) {
                continue;
            }
            try {
                folder(id).endedAt().filter(t -> t.isBefore(cutoff)).ifPresent(t -> expired.put(id, t));
            } catch (JobNotFoundException | JobLogException | IllegalArgumentException | java.time.DateTimeException e) {
                // unreadable, or removed meanwhile: left as it is
            }
        }
        List<String> removed = new ArrayList<>();
        for (String id : expired.keySet().stream().sorted(Comparator.comparing((String id) -> expired.get(id))
                .thenComparing(Comparator.naturalOrder())).toList()) {
            try {
                if (delete(id)) {
                    removed.add(id);
                }
            } catch (JobLogException e) {
                // cannot be renamed or deleted (permissions): left as it is, or finished by the next prune
            }
        }
        for (String name : leftovers) {
            try {
                FolderDeletion.delete(directory, name);
            } catch (IOException e) {
                // another try at the next prune
            }
        }
        return removed;
    }

    /** The job {@code id} if this registry runs it now. */
    public Optional<Job> running(String id) {
        return Optional.ofNullable(running.get(id));
    }

    /** The folder of job {@code id}, checked to be a job id of this folder (never a path). */
    private JobFolder folder(String id) {
        requireNonNull(id, "id is null");
        if (!ID.matcher(id).matches()) {
            throw new JobNotFoundException("no job '" + id + "' in " + directory + ": a job id looks like 20261130-091812-3fa9c2");
        }
        Path dir = directory.resolve(id);
        if (!Files.exists(dir.resolve(JobFolder.JOB_FILE))) {
            throw new JobNotFoundException("no job '" + id + "' in " + directory);
        }
        return new JobFolder(dir, id, LogSignal.NONE, settings);
    }

    /** The job ids of the folder, sorted (so by creation); names of interrupted removals go to {@code leftovers}. */
    private List<String> entries(List<String> leftovers) {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return ids;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (ID.matcher(name).matches()) {
                    ids.add(name);
                } else if (name.startsWith(REMOVING)) {
                    leftovers.add(name);
                }
            }
        } catch (IOException e) {
            throw new JobLogException("cannot list the jobs folder " + directory, e);
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    /**
     * Renames the job's folder to a hidden name in one step, then deletes it; false if it was gone.
     * The rename takes the job out of every listing at once and keeps a half-deleted folder from
     * ever looking like a job.
     */
    private boolean delete(String id) {
        String hidden = REMOVING + id + "-" + HexFormat.of().formatHex(randomBytes(4));
        try {
            Files.move(directory.resolve(id), directory.resolve(hidden), StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            throw new JobLogException("cannot remove job '" + id + "' from " + directory + ": " + e, e);
        }
        try {
            FolderDeletion.delete(directory, hidden);
        } catch (IOException e) {
            throw new JobLogException("job '" + id + "' is removed from " + directory + " but its files in "
                    + directory.resolve(hidden) + " could not all be deleted (the next prune tries again): " + e, e);
        }
        return true;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Cancels the jobs this registry still runs and waits for them to end (outputs unpublished). */
    @Override
    public void close() {
        closed = true;
        List<LocalJob> jobs = new ArrayList<>(running.values());
        jobs.forEach(LocalJob::cancel);
        for (LocalJob j : jobs) {
            try {
                j.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String newJobFolder(Instant created) {
        try {
            Files.createDirectories(directory);
            for (int attempt = 0; ; attempt++) {
                byte[] b = new byte[3];
                random.nextBytes(b);
                String id = ID_TIME.format(created) + "-" + HexFormat.of().formatHex(b);
                try {
                    Files.createDirectory(directory.resolve(id));
                    return id;
                } catch (FileAlreadyExistsException taken) {
                    if (attempt > 100) {
                        throw taken;
                    }
                }
            }
        } catch (IOException e) {
            throw new JobLogException("cannot create a job folder in " + directory, e);
        }
    }

    /** A local path as the command sees it; other file systems as URIs. */
    private static String commandPath(URI uri) {
        return "file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.toString();
    }

    /** Limits every job of a registry shares. */
    record Settings(long segmentBytes, long retentionBytes, int lineLimit, int rowLimit, Duration killGrace, long spoolBytes) {}

    /** Builds a {@link JobRegistry}; each setter checks its argument at once. */
    public static final class Builder {
        private long retentionBytes = 256L << 20;
        private long segmentBytes = -1;
        private int lineLimit = 64 << 10;
        private int rowLimit = 1 << 20;
        private Duration killGrace = Duration.ofSeconds(5);
        private long spoolBytes = 1L << 30;
        private Duration keepEnded;

        private Builder() {}

        /**
         * Prune on open: the registry {@link JobRegistry#prune(Duration) prunes} the jobs that
         * ended more than {@code keep} ago when it is opened. Default: never (nothing removes a
         * job's log unless asked).
         */
        public Builder keepEndedJobsFor(Duration keep) {
            requireNonNull(keep, "keep is null");
            if (keep.isNegative()) {
                throw new IllegalArgumentException("the time to keep ended jobs must not be negative, got " + keep);
            }
            this.keepEnded = keep;
            return this;
        }

        /**
         * How many bytes of events each job keeps on disk (default 256 MiB); older events are
         * dropped a segment at a time, and readers that wanted them get a {@link JobEvent.Gap}.
         */
        public Builder retentionBytes(long bytes) {
            if (bytes < 4096) {
                throw new IllegalArgumentException("retention must be at least 4096 bytes, got " + bytes);
            }
            this.retentionBytes = bytes;
            return this;
        }

        /** The size at which a log segment is closed and the next one begun (default: retention / 8). */
        public Builder segmentBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("a segment must be at least 1024 bytes, got " + bytes);
            }
            this.segmentBytes = bytes;
            return this;
        }

        /** The longest stdout/stderr line kept whole (default 64 KiB); longer ones come in partial pieces. */
        public Builder lineLimit(int bytes) {
            if (bytes < 16) {
                throw new IllegalArgumentException("the line limit must be at least 16 bytes, got " + bytes);
            }
            this.lineLimit = bytes;
            return this;
        }

        /** The longest row line accepted on the rows channel (default 1 MiB). */
        public Builder rowLimit(int bytes) {
            if (bytes < 16) {
                throw new IllegalArgumentException("the row limit must be at least 16 bytes, got " + bytes);
            }
            this.rowLimit = bytes;
            return this;
        }

        /** How long a cancelled or timed-out process tree gets between TERM and KILL (default 5 s). */
        public Builder killGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("the kill grace must not be negative, got " + grace);
            }
            this.killGrace = grace;
            return this;
        }

        /**
         * How far a job's output may run ahead of its encoding into events (default 1 GiB): the raw
         * output waits in a spool file in the job's folder for the encoder, and a child that gets this
         * far ahead waits for it (as it would for any slow reader of a pipe). The spool is emptied
         * whenever the encoder catches up, and deleted when the job ends.
         */
        public Builder spoolBytes(long bytes) {
            if (bytes < (1 << 20)) {
                throw new IllegalArgumentException("the spool must allow at least 1 MiB, got " + bytes);
            }
            this.spoolBytes = bytes;
            return this;
        }

        /**
         * The registry on {@code directory}, created if missing; pruned first if
         * {@link #keepEndedJobsFor(Duration)} was set.
         *
         * @throws IllegalStateException if the segment size exceeds the retention
         */
        public JobRegistry open(Path directory) {
            long segment = segmentBytes > 0 ? segmentBytes : Math.max(1024, retentionBytes / 8);
            if (segment * 2 > retentionBytes) {
                throw new IllegalStateException("segment size " + segment + " must be at most half the retention " + retentionBytes);
            }
            JobRegistry registry = new JobRegistry(directory.toAbsolutePath().normalize(),
                    new Settings(segment, retentionBytes, lineLimit, rowLimit, killGrace, spoolBytes));
            if (keepEnded != null) {
                registry.prune(keepEnded);
            }
            return registry;
        }
    }
}
