package org.datahandle.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * One job's folder: {@code job.json} (what it runs, which engine runs it), {@code status.json}
 * (replaced atomically at every status change, for cheap listing) and the event log segments. A
 * job whose engine process is gone while its status is not terminal was abandoned: the first
 * reader to notice ends its process tree if it still runs and closes its log with a
 * {@code failed} status, under a file lock so that happens once.
 */
final class JobFolder implements JobLog {
    static final String JOB_FILE = "job.json";
    static final String STATUS_FILE = "status.json";

    private final Path dir;
    private final String id;
    private final LogSignal signal;
    private final JobRegistry.Settings settings;

    JobFolder(Path dir, String id, LogSignal signal, JobRegistry.Settings settings) {
        this.dir = dir;
        this.id = id;
        this.signal = signal;
        this.settings = settings;
    }

    Path dir() {
        return dir;
    }

    @Override
    public String id() {
        return id;
    }

    /** Writes job.json for a new job; the engine is this process. */
    void writeDescription(JobSpec spec, List<String> argv, Map<String, List<String>> inputs, Instant created) {
        ObjectNode n = EventCodec.MAPPER.createObjectNode();
        n.put("id", id);
        spec.name().ifPresent(v -> n.put("name", v));
        ArrayNode cmd = n.putArray("command");
        argv.forEach(cmd::add);
        ObjectNode in = n.putObject("inputs");
        inputs.forEach((k, v) -> {
            ArrayNode a = in.putArray(k);
            v.forEach(a::add);
        });
        ArrayNode out = n.putArray("outputs");
        spec.outputs().forEach(out::add);
        n.put("created", created.toString());
        ObjectNode engine = n.putObject("engine");
        ProcessHandle self = ProcessHandle.current();
        engine.put("pid", self.pid());
        self.info().startInstant().ifPresent(t -> engine.put("started", t.toString()));
        writeAtomically(JOB_FILE, n);
    }

    /** Replaces status.json; {@code childStarted} identifies the command's process against pid reuse. */
    void writeStatus(JobStatus status, Optional<Instant> childStarted) {
        ObjectNode n = EventCodec.MAPPER.createObjectNode();
        n.put("state", status.state().wireName());
        status.exitCode().ifPresent(v -> n.put("exitCode", v));
        status.signal().ifPresent(v -> n.put("signal", v));
        status.pid().ifPresent(v -> n.put("pid", v));
        childStarted.ifPresent(t -> n.put("pidStarted", t.toString()));
        status.message().ifPresent(v -> n.put("message", v));
        n.put("updated", Instant.now().toString());
        writeAtomically(STATUS_FILE, n);
    }

    @Override
    public JobInfo info() {
        JsonNode job = read(JOB_FILE).orElseThrow(() -> new JobNotFoundException(
                "job '" + id + "' has no " + JOB_FILE + " in " + dir));
        Optional<JsonNode> status = read(STATUS_FILE);
        if (status.isPresent() && !JobState.ofWireName(status.get().path("state").asText()).isTerminal() && abandoned(job)) {
            recoverIfAbandoned();
            status = read(STATUS_FILE);
        }
        List<String> command = new ArrayList<>();
        job.path("command").forEach(c -> command.add(c.asText()));
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = job.path("inputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> paths = new ArrayList<>();
            e.getValue().forEach(p -> paths.add(p.asText()));
            inputs.put(e.getKey(), paths);
        }
        List<String> outputs = new ArrayList<>();
        job.path("outputs").forEach(o -> outputs.add(o.asText()));
        Instant created = Instant.parse(job.path("created").asText());
        JobStatus st = status.map(JobFolder::statusOf).orElse(JobStatus.of(JobState.PENDING));
        Instant updated = status.map(s -> Instant.parse(s.path("updated").asText())).orElse(created);
        return new JobInfo(id, job.has("name") ? Optional.of(job.get("name").asText()) : Optional.empty(),
                command, inputs, outputs, created, st, updated);
    }

    /**
     * When the job ended, if it has ended and no process writes its folder any more; empty while it
     * is pending, running or finishing. Ended means: its status is terminal (a job whose engine died
     * is first closed as {@code failed}, as {@link #info()} does) and either that engine is gone or
     * the log's last line is the terminal status (an engine writes {@code status.json}, then that
     * line, then closes the log, so a job seen between the two is still finishing). The time is the
     * one recorded with the terminal status ({@code status.json}'s {@code updated}), not the folder's
     * modification time, which a reader's recovery lock or a copy can change. A job with no
     * {@code status.json} whose engine is gone counts as ended when it was created.
     *
     * @throws JobLogException if the folder cannot be read
     */
    Optional<Instant> endedAt() {
        Optional<JsonNode> description = read(JOB_FILE);
        if (description.isPresent() && read(STATUS_FILE).isEmpty() && abandoned(description.get())) {
            // no status.json (its engine died before writing the first, or a partial rm took it) and its
            // engine is gone: nothing will ever run it; it ended when it was created
            return Optional.of(Instant.parse(description.get().path("created").asText()));
        }
        JobInfo info = info();
        if (!info.status().state().isTerminal()) {
            return Optional.empty();
        }
        Optional<JsonNode> job = read(JOB_FILE);
        if (job.isPresent() && !abandoned(job.get()) && !logEndsWithTerminalStatus()) {
            return Optional.empty();
        }
        return Optional.of(info.updated());
    }

    /** True if the last complete line of the log is a status event with a terminal state. */
    private boolean logEndsWithTerminalStatus() {
        for (Path segment : Segments.list(dir).descendingMap().values()) {
            try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size == 0) {
                    continue; // a segment just begun; the line before is in the previous one
                }
                // a status line is short; a longer last line is output, so not the end
                int window = (int) Math.min(size, 256 << 10);
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(window);
                while (buf.hasRemaining() && ch.read(buf, size - window + buf.position()) > 0) {
                    // read the whole tail
                }
                byte[] b = buf.array();
                int end = buf.position();
                while (end > 0 && b[end - 1] != '\n') {
                    end--; // a line still being written
                }
                if (end == 0) {
                    return false;
                }
                int start = end - 1;
                while (start > 0 && b[start - 1] != '\n') {
                    start--;
                }
                JsonNode last = EventCodec.MAPPER.readTree(new String(b, start, end - 1 - start, StandardCharsets.UTF_8));
                return "status".equals(last.path("type").asText())
                        && JobState.ofWireName(last.path("state").asText()).isTerminal();
            } catch (NoSuchFileException gone) {
                return false; // retention dropped it meanwhile: the engine still writes
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public EventCursor cursor(long from, Set<JobStream> streams) {
        return new FileCursor(dir, from, streams, signal, this::recoverIfAbandoned);
    }

    @Override
    public Flow.Publisher<JobEvent> publisher(long from, Set<JobStream> streams, Executor executor) {
        return new EventPublisher(() -> cursor(from, streams), executor);
    }

    /**
     * If the engine that ran this job has ended while the job's status is not terminal: ends the
     * command's process tree if it still runs, and appends a {@code failed} status to the log.
     */
    void recoverIfAbandoned() {
        if (signal != LogSignal.NONE) {
            return; // this process runs the job
        }
        Optional<JsonNode> job = read(JOB_FILE);
        Optional<JsonNode> status = read(STATUS_FILE);
        if (job.isEmpty() || status.isEmpty() || !abandoned(job.get())) {
            return;
        }
        try (FileChannel lockFile = FileChannel.open(dir.resolve("recover.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = lockFile.lock(); // released when the channel closes; one recovery at a time
            assert lock.isValid();
            status = read(STATUS_FILE);
            if (status.isEmpty() || JobState.ofWireName(status.get().path("state").asText()).isTerminal()) {
                return;
            }
            JsonNode st = status.get();
            String killed = "";
            if (st.has("pid")) {
                Optional<ProcessHandle> child = ProcessHandle.of(st.get("pid").asLong())
                        .filter(p -> sameStart(p, st.path("pidStarted").asText("")));
                if (child.isPresent()) {
                    ProcessTree.end(child.get(), ProcessTree.groups(), settings.killGrace());
                    killed = "; its command (pid " + child.get().pid() + ") was still running and has been ended";
                }
            }
            long engine = job.get().path("engine").path("pid").asLong();
            JobStatus failed = new JobStatus(JobState.FAILED, OptionalInt.empty(), OptionalInt.empty(),
                    st.has("pid") ? Optional.of(st.get("pid").asLong()) : Optional.empty(),
                    Optional.of("the engine that ran this job (pid " + engine + ") ended before the job did; "
                            + "nothing was published" + killed));
            try (EventLogWriter w = new EventLogWriter(dir, lastSeq() + 1, settings.segmentBytes(), settings.retentionBytes(), LogSignal.NONE)) {
                w.status(failed);
            }
            writeStatus(failed, Optional.empty());
        } catch (IOException e) {
            throw new JobLogException("cannot close the log of abandoned job '" + id + "' in " + dir, e);
        }
    }

    /**
     * The seq of the last complete (newline-terminated) line of the log, or -1 for an empty log.
     * Segments that hold no complete line (the engine died right after starting one) are deleted,
     * so the segment recovery writes is the last one.
     */
    private long lastSeq() throws IOException {
        TreeMap<Long, Path> segments = Segments.list(dir);
        for (Map.Entry<Long, Path> e : segments.descendingMap().entrySet()) {
            byte[] bytes = Files.readAllBytes(e.getValue());
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--; // a line the engine did not finish
            }
            if (end > 0) {
                int start = end - 1;
                while (start > 0 && bytes[start - 1] != '\n') {
                    start--;
                }
                long seq = EventCodec.seqOf(new String(bytes, start, end - 1 - start, StandardCharsets.UTF_8));
                if (seq >= 0) {
                    return seq;
                }
            }
            Files.deleteIfExists(e.getValue());
        }
        return -1;
    }

    private static boolean abandoned(JsonNode job) {
        JsonNode engine = job.path("engine");
        Optional<ProcessHandle> p = ProcessHandle.of(engine.path("pid").asLong(-1));
        return p.isEmpty() || !p.get().isAlive() || !sameStart(p.get(), engine.path("started").asText(""));
    }

    /** True if {@code p} started when recorded (so it is that process, not a reused pid). */
    private static boolean sameStart(ProcessHandle p, String recorded) {
        if (recorded.isEmpty()) {
            return true;
        }
        Optional<Instant> start = p.info().startInstant();
        return start.isEmpty() || Duration.between(start.get(), Instant.parse(recorded)).abs().toMillis() < 1000;
    }

    private static JobStatus statusOf(JsonNode n) {
        return new JobStatus(JobState.ofWireName(n.path("state").asText()),
                n.has("exitCode") ? OptionalInt.of(n.get("exitCode").asInt()) : OptionalInt.empty(),
                n.has("signal") ? OptionalInt.of(n.get("signal").asInt()) : OptionalInt.empty(),
                n.has("pid") ? Optional.of(n.get("pid").asLong()) : Optional.empty(),
                n.has("message") ? Optional.of(n.get("message").asText()) : Optional.empty());
    }

    private Optional<JsonNode> read(String file) {
        try {
            return Optional.of(EventCodec.MAPPER.readTree(dir.resolve(file).toFile()));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new JobLogException("cannot read " + dir.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    private void writeAtomically(String file, JsonNode n) {
        Path tmp = dir.resolve("." + file + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(tmp, EventCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
            Files.move(tmp, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new JobLogException("cannot write " + dir.resolve(file), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the move failed too; the error above says why
            }
        }
    }
}
