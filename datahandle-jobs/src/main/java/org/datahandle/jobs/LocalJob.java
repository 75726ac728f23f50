package org.datahandle.jobs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.datahandle.DataHandleException;
import org.datahandle.ExternalWrite;

/**
 * A job this process runs. One supervisor thread starts the command, waits for its end (or a
 * cancel, or the timeout), ends what is left of its process group, lets the pumps drain, then
 * commits the outputs or abandons them, and writes the terminal status last.
 */
final class LocalJob implements Job {
    private final JobFolder folder;
    private final JobSpec spec;
    private final JobRegistry.Settings settings;
    private final List<String> argv;
    private final Map<String, String> environment;
    private final Map<String, ExternalWrite> writes;
    private final EventLogWriter log;
    private final Optional<RowsChannel> rows;
    private final CompletableFuture<JobStatus> done = new CompletableFuture<>();
    private final Runnable onEnd;
    private volatile JobStatus status = JobStatus.of(JobState.PENDING);
    private volatile boolean cancelRequested;
    private volatile Process process;

    LocalJob(JobFolder folder, JobSpec spec, JobRegistry.Settings settings, List<String> argv, Map<String, String> environment,
            Map<String, ExternalWrite> writes, EventLogWriter log, Optional<RowsChannel> rows, Runnable onEnd) {
        this.folder = folder;
        this.spec = spec;
        this.settings = settings;
        this.argv = argv;
        this.environment = environment;
        this.writes = writes;
        this.log = log;
        this.rows = rows;
        this.onEnd = onEnd;
    }

    void start() {
        Thread t = new Thread(this::supervise, "datahandle-job-" + id());
        t.setDaemon(true);
        t.start();
    }

    @Override
    public String id() {
        return folder.id();
    }

    @Override
    public JobInfo info() {
        return folder.info();
    }

    @Override
    public EventCursor cursor(long from, Set<JobStream> streams) {
        return folder.cursor(from, streams);
    }

    @Override
    public Flow.Publisher<JobEvent> publisher(long from, Set<JobStream> streams, Executor executor) {
        return folder.publisher(from, streams, executor);
    }

    @Override
    public JobStatus status() {
        return status;
    }

    @Override
    public void cancel() {
        cancelRequested = true;
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public JobStatus await() throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("job " + id() + " supervisor failed", e.getCause());
        }
    }

    @Override
    public Optional<JobStatus> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(done.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("job " + id() + " supervisor failed", e.getCause());
        }
    }

    private void supervise() {
        JobStatus end;
        try {
            end = run();
        } catch (RuntimeException | Error e) {
            end = JobStatus.of(JobState.FAILED, "the job's supervisor failed: " + e);
        }
        // staged files of every output that was not committed are removed here
        for (Map.Entry<String, ExternalWrite> w : writes.entrySet()) {
            try {
                w.getValue().close();
            } catch (RuntimeException e) {
                end = end.state() == JobState.SUCCEEDED ? end
                        : withMessage(end, end.message().orElse("") + "; removing the staged files of '" + w.getKey() + "' failed: " + e.getMessage());
            }
        }
        if (log.failure() != null) {
            end = withMessage(end, end.message().orElse("") + "; the event log could not be written completely: " + log.failure());
        }
        setStatus(end);
        log.close();
        onEnd.run();
        done.complete(end);
    }

    private JobStatus run() {
        if (cancelRequested) {
            return JobStatus.of(JobState.CANCELLED, "cancelled before the command started; nothing published");
        }
        Optional<String> missing = missingProgram();
        if (missing.isPresent()) {
            rows.ifPresent(r -> r.finish(1000));
            return JobStatus.of(JobState.FAILED, missing.get() + "; nothing published");
        }
        ProcessBuilder pb = new ProcessBuilder(ProcessTree.inOwnGroup(argv));
        pb.environment().putAll(environment);
        spec.workingDirectory().ifPresent(d -> pb.directory(d.toFile()));
        boolean ownGroup = ProcessTree.groups();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            rows.ifPresent(r -> r.finish(1000));
            return JobStatus.of(JobState.FAILED, "cannot start " + argv.get(0) + ": " + e.getMessage() + "; nothing published");
        }
        process = p;
        Optional<Instant> started = p.info().startInstant();
        try {
            p.getOutputStream().close(); // no standard input: a command that reads it sees its end at once
        } catch (IOException ignored) {
            // the command may have exited already
        }
        setStatus(new JobStatus(JobState.RUNNING, OptionalInt.empty(), OptionalInt.empty(), Optional.of(p.pid()), Optional.empty()), started);
        OutputSpool spool;
        try {
            spool = new OutputSpool(folder.dir(), id(), log, settings.lineLimit(), settings.spoolBytes());
        } catch (IOException e) {
            ProcessTree.end(p.toHandle(), ownGroup, settings.killGrace());
            waitExit(p);
            rows.ifPresent(r -> r.finish(1000));
            return JobStatus.of(JobState.FAILED, "cannot create the output spool in " + folder.dir() + ": " + e.getMessage()
                    + "; the command was ended; nothing published");
        }
        rows.ifPresent(r -> r.orderAfter(spool::awaitEncoded));
        spool.start();
        Thread out = spool.pump(p.getInputStream(), JobStream.STDOUT, "datahandle-job-" + id() + "-stdout");
        Thread err = spool.pump(p.getErrorStream(), JobStream.STDERR, "datahandle-job-" + id() + "-stderr");

        long deadline = spec.timeout().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        boolean timedOut = false;
        boolean cancelled = false;
        try {
            while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
                if (cancelRequested) {
                    cancelled = true;
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    timedOut = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        }
        String leftovers = "";
        if (cancelled || timedOut) {
            ProcessTree.end(p.toHandle(), ownGroup, settings.killGrace());
        } else if (ownGroup && ProcessTree.groupAlive(p.pid())) {
            // the command exited but left processes behind in its group: the job is over, so are they
            ProcessTree.end(p.toHandle(), true, settings.killGrace());
            leftovers = "; processes it left running were ended";
        }
        int exit = waitExit(p);
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean drained = join(out, drainDeadline) & join(err, drainDeadline);
        // every line the pumps took is in the log before the rows end and before the status
        IOException spoolFailure = spool.finish();
        rows.ifPresent(r -> r.finish(2000));
        if (!drained) {
            leftovers += "; a process outside its process group still held its output open, later output is lost";
        }
        if (spoolFailure != null) {
            leftovers += "; the output spool failed (" + spoolFailure.getMessage() + "), output after that is lost";
        }
        if (cancelled) {
            return JobStatus.exited(JobState.CANCELLED, exit, p.pid(), "cancelled; process tree ended; nothing published" + leftovers);
        }
        if (timedOut) {
            return JobStatus.exited(JobState.TIMED_OUT, exit, p.pid(), "ran longer than its timeout of "
                    + spec.timeout().orElseThrow() + "; process tree ended; nothing published" + leftovers);
        }
        if (exit != 0) {
            String why = exit > 128 && exit <= 192 ? "exited with code " + exit + " (killed by signal " + (exit - 128) + "?)"
                    : "exited with code " + exit;
            return JobStatus.exited(JobState.FAILED, exit, p.pid(), why + "; nothing published" + leftovers);
        }
        return commit(p.pid(), leftovers);
    }

    /** Publishes every output, after checking that the command wrote each of them. */
    private JobStatus commit(long pid, String leftovers) {
        for (Map.Entry<String, ExternalWrite> w : writes.entrySet()) {
            for (URI staged : w.getValue().paths()) {
                if ("file".equals(staged.getScheme()) && !Files.exists(Path.of(staged))) {
                    return JobStatus.exited(JobState.FAILED, 0, pid, "exited 0 but did not write output '" + w.getKey()
                            + "' (" + Path.of(staged) + "); nothing published" + leftovers);
                }
            }
        }
        List<String> published = new ArrayList<>();
        for (Map.Entry<String, ExternalWrite> w : writes.entrySet()) {
            try {
                w.getValue().commit();
                published.add(w.getKey());
            } catch (DataHandleException e) {
                return JobStatus.exited(JobState.FAILED, 0, pid, "exited 0 but output '" + w.getKey() + "' could not be published: "
                        + e.getMessage() + (published.isEmpty() ? "; nothing published" : "; published before that: " + published) + leftovers);
            }
        }
        return JobStatus.exited(JobState.SUCCEEDED, 0, pid,
                (published.isEmpty() ? "no outputs to publish" : "published " + String.join(", ", published)) + leftovers);
    }

    private Optional<String> missingProgram() {
        String program = argv.get(0);
        if (program.contains(File.separator)) {
            Path p = Path.of(program);
            if (!p.isAbsolute()) {
                p = spec.workingDirectory().orElse(Path.of("").toAbsolutePath()).resolve(p);
            }
            return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.empty()
                    : Optional.of("command '" + program + "' does not exist or is not executable");
        }
        String path = environment.getOrDefault("PATH", System.getenv("PATH"));
        if (path == null) {
            return Optional.empty(); // let the OS decide
        }
        for (String d : path.split(File.pathSeparator)) {
            Path candidate = Path.of(d.isEmpty() ? "." : d).resolve(program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.empty();
            }
        }
        return Optional.of("command '" + program + "' not found on PATH (" + path + ")");
    }

    /** Waits for a pump to reach the end of its pipe; false if something outside the group keeps it open. */
    private static boolean join(Thread t, long deadline) {
        try {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    private static int waitExit(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return -1;
        }
    }

    private void setStatus(JobStatus s) {
        setStatus(s, Optional.empty());
    }

    private void setStatus(JobStatus s, Optional<Instant> childStarted) {
        status = s;
        folder.writeStatus(s, childStarted);
        log.status(s);
    }

    private static JobStatus withMessage(JobStatus s, String message) {
        return new JobStatus(s.state(), s.exitCode(), s.signal(), s.pid(), Optional.of(message));
    }

    /** Environment names for a handle id: upper case, anything but letters and digits becomes '_'. */
    static String envName(String prefix, String handleId) {
        StringBuilder sb = new StringBuilder(prefix);
        for (char c : handleId.toCharArray()) {
            sb.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return sb.toString();
    }

    static Map<String, String> pathsEnvironment(String prefix, Map<String, List<String>> paths) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> owner = new LinkedHashMap<>();
        paths.forEach((id, list) -> {
            String name = envName(prefix, id);
            String other = owner.putIfAbsent(name, id);
            if (other != null) {
                throw new IllegalArgumentException("handles '" + other + "' and '" + id + "' would share environment variable "
                        + name + "; rename one of them");
            }
            env.put(name, String.join("\n", list));
        });
        return env;
    }
}
