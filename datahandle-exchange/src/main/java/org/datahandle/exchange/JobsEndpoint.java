package org.datahandle.exchange;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.datahandle.formats.arrow.ArrowIpc;
import org.datahandle.formats.arrow.ArrowIpcWriter;
import org.datahandle.jobs.EventCursor;
import org.datahandle.jobs.Job;
import org.datahandle.jobs.JobEvent;
import org.datahandle.jobs.JobInfo;
import org.datahandle.jobs.JobLog;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.jobs.JobStatus;
import org.datahandle.jobs.JobStream;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * {@code /v1/jobs}: a job registry's jobs by id, and their event logs as live streams. Events go out as
 * NDJSON (one event per line, the log's own JSON, {@code seq} first) or, when the client asks for
 * {@code text/event-stream}, as server-sent events whose {@code id} is the sequence number, so a browser's
 * {@code EventSource} resumes where it stopped. A job's rows can also come as an Arrow IPC stream, one
 * batch per burst of rows.
 */
final class JobsEndpoint {
    private static final Duration WAIT = Duration.ofMillis(250);
    private static final int ROWS_PER_BATCH = 4096;

    private final JobRegistry registry;
    private final Semaphore streams;
    private final IdleWatchdog watchdog;
    private volatile boolean stopping;

    JobsEndpoint(JobRegistry registry, ExchangeLimits limits, IdleWatchdog watchdog) {
        this.registry = registry;
        this.streams = new Semaphore(limits.maxConcurrentStreams());
        this.watchdog = watchdog;
    }

    /** Ends following streams at their next wait (the server is stopping). */
    void stop() {
        stopping = true;
    }

    void handle(HttpExchange ex, List<String> segments) throws IOException {
        String method = ex.getRequestMethod();
        if (segments.isEmpty()) {
            HandlesEndpoint.requireMethod(method, "GET");
            List<Map<String, Object>> jobs = new ArrayList<>();
            for (JobInfo info : registry.list()) {
                jobs.add(info(info));
            }
            Http.sendJson(ex, 200, Map.of("jobs", jobs));
            return;
        }
        String id = segments.get(0);
        JobLog log = registry.log(id);
        if (segments.size() == 1) {
            HandlesEndpoint.requireMethod(method, "GET");
            Http.sendJson(ex, 200, info(log.info()));
            return;
        }
        if (segments.size() != 2) {
            throw HandlesEndpoint.notFound(ex);
        }
        String what = segments.get(1);
        if (what.equals("cancel")) {
            HandlesEndpoint.requireMethod(method, "POST");
            Optional<Job> job = registry.running(id);
            if (job.isEmpty()) {
                throw new WireError.Failure(409, WireError.BAD_REQUEST, null, "job '" + id
                        + "' is not running in this server's registry (" + log.info().status() + ")");
            }
            job.get().cancel();
            Http.sendJson(ex, 202, Map.of("id", id, "cancelled", true));
            return;
        }
        HandlesEndpoint.requireMethod(method, "GET");
        Set<JobStream> wanted = streamsOf(what);
        Map<String, String> q = Http.query(ex);
        long from = parseFrom(q.getOrDefault("from", "0"));
        boolean follow = q.containsKey("follow") && !q.get("follow").equals("0") && !q.get("follow").equals("false");
        if (!streams.tryAcquire()) {
            throw new WireError.Failure(503, WireError.BUSY, null, "the server is serving its limit of concurrent streams");
        }
        try (IdleWatchdog.Watch watch = watchdog.watch(ex); EventCursor cursor = log.cursor(from, wanted)) {
            if (what.equals("rows") && Http.accepts(ex, ArrowIpc.STREAM_MEDIA_TYPE)) {
                rowsAsArrow(ex, cursor, follow, watch);
            } else {
                events(ex, cursor, follow, watch, Http.accepts(ex, Http.SSE_TYPE));
            }
        } finally {
            streams.release();
        }
    }

    private static Set<JobStream> streamsOf(String what) {
        if (what.equals("events")) {
            return EnumSet.allOf(JobStream.class);
        }
        try {
            return EnumSet.of(JobStream.ofWireName(what));
        } catch (IllegalArgumentException e) {
            throw new WireError.Failure(404, WireError.BAD_REQUEST, null, "no job resource '" + what
                    + "': expected events, stdout, stderr, status, rows or cancel");
        }
    }

    private static long parseFrom(String s) {
        try {
            long from = Long.parseLong(s);
            if (from >= 0) {
                return from;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new WireError.Failure(400, WireError.BAD_REQUEST, null, "from must be a sequence number >= 0, was '" + s + "'");
    }

    private void events(HttpExchange ex, EventCursor cursor, boolean follow, IdleWatchdog.Watch watch, boolean sse)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", sse ? Http.SSE_TYPE : Http.NDJSON_TYPE);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = new BufferedOutputStream(new ProgressOutputStream(ex.getResponseBody(), watch), 64 << 10)) {
            while (true) {
                Optional<JobEvent> e = next(cursor, follow, watch);
                if (e.isEmpty()) {
                    break;
                }
                String json = e.get().toJson();
                String line = sse ? "id: " + e.get().seq() + "\ndata: " + json + "\n\n" : json + "\n";
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    /** The next event: what is there; when following, waits (counting as progress) until the job ends. */
    private Optional<JobEvent> next(EventCursor cursor, boolean follow, IdleWatchdog.Watch watch) {
        if (!follow) {
            return cursor.poll();
        }
        while (!stopping) {
            Optional<JobEvent> e = cursor.next(WAIT);
            watch.run();
            if (e.isPresent() || cursor.ended()) {
                return e;
            }
        }
        return Optional.empty();
    }

    private void rowsAsArrow(HttpExchange ex, EventCursor cursor, boolean follow, IdleWatchdog.Watch watch)
            throws IOException {
        List<Map<String, Object>> pending = new ArrayList<>();
        Schema schema = null;
        ArrowIpcWriter w = null;
        OutputStream out = null;
        try {
            while (true) {
                Optional<JobEvent> e = next(cursor, follow, watch);
                if (e.isPresent() && e.get() instanceof JobEvent.Row row) {
                    pending.add(row.values());
                }
                boolean burstOver = e.isEmpty() || pending.size() >= ROWS_PER_BATCH;
                if (burstOver && !pending.isEmpty()) {
                    if (schema == null) {
                        schema = schemaOf(pending.get(0));
                        ex.getResponseHeaders().set("Content-Type", ArrowIpc.STREAM_MEDIA_TYPE);
                        ex.sendResponseHeaders(200, 0);
                        out = new BufferedOutputStream(new ProgressOutputStream(ex.getResponseBody(), watch), 1 << 20);
                        w = ArrowIpc.streamWriter(out, schema);
                    }
                    w.write(batch(schema, pending));
                    out.flush();
                    pending.clear();
                }
                if (e.isEmpty()) {
                    break;
                }
            }
            if (w == null) {
                // no rows at all: an empty table with no columns
                ex.getResponseHeaders().set("Content-Type", ArrowIpc.STREAM_MEDIA_TYPE);
                ex.sendResponseHeaders(200, 0);
                out = new BufferedOutputStream(ex.getResponseBody());
                w = ArrowIpc.streamWriter(out, Schema.of(List.of()));
            }
            w.finish();
        } finally {
            if (out != null) {
                out.close();
            }
        }
    }

    /** The first row fixes the columns: whole numbers int64, other numbers float64, booleans, the rest strings. */
    private static Schema schemaOf(Map<String, Object> row) {
        List<Field> fields = new ArrayList<>();
        row.forEach((k, v) -> {
            DataType t = v instanceof Integer || v instanceof Long ? DataType.INT64
                    : v instanceof Number ? DataType.FLOAT64
                    : v instanceof Boolean ? DataType.BOOLEAN : DataType.STRING;
            fields.add(Field.of(k, t));
        });
        return Schema.of(fields);
    }

    /** Values that do not fit their column's type are null here; the NDJSON stream carries every row as written. */
    private static Table batch(Schema schema, List<Map<String, Object>> rows) {
        Table.Builder b = Table.builder(schema, rows.size());
        for (Map<String, Object> row : rows) {
            Object[] values = new Object[schema.size()];
            for (int i = 0; i < schema.size(); i++) {
                Field f = schema.field(i);
                Object v = row.get(f.name());
                values[i] = fit(f.type(), v);
            }
            b.addRow(values);
        }
        return b.build();
    }

    private static Object fit(DataType type, Object v) {
        if (v == null) {
            return null;
        }
        if (type == DataType.INT64) {
            return v instanceof Integer || v instanceof Long ? ((Number) v).longValue() : null;
        }
        if (type == DataType.FLOAT64) {
            return v instanceof Number n ? n.doubleValue() : null;
        }
        if (type == DataType.BOOLEAN) {
            return v instanceof Boolean ? v : null;
        }
        return v instanceof String s ? s : v instanceof Map || v instanceof List ? toJson(v) : String.valueOf(v);
    }

    private static String toJson(Object v) {
        try {
            return Http.JSON.writeValueAsString(v);
        } catch (IOException e) {
            return String.valueOf(v);
        }
    }

    static Map<String, Object> info(JobInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", info.id());
        m.put("name", info.name().orElse(null));
        m.put("command", info.command());
        m.put("inputs", info.inputs());
        m.put("outputs", info.outputs());
        m.put("created", info.created().toString());
        m.put("updated", info.updated().toString());
        m.put("status", status(info.status()));
        return m;
    }

    private static Map<String, Object> status(JobStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", s.state().wireName());
        s.exitCode().ifPresent(c -> m.put("exitCode", c));
        s.signal().ifPresent(c -> m.put("signal", c));
        s.pid().ifPresent(p -> m.put("pid", p));
        s.message().ifPresent(msg -> m.put("message", msg));
        return m;
    }
}
