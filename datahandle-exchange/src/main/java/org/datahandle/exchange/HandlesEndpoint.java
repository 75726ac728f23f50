package org.datahandle.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DataLocation;
import org.datahandle.DiskStatus;
import org.datahandle.HandleNotFoundException;
import org.datahandle.HandleState;
import org.datahandle.MemoryFormat;
import org.datahandle.TableSink;
import org.datahandle.TableStream;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.formats.arrow.ArrowIpc;
import org.datahandle.formats.arrow.EncodedBatch;
import org.datahandle.formats.arrow.ArrowIpcReader;
import org.datahandle.formats.arrow.ArrowIpcWriter;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * {@code /v1/handles}: list, pull, push, delete, state and locate, over one catalog. Tables travel as Arrow
 * IPC streams, {@code object} and {@code json} handles as JSON (docs/exchange.md, "Protocol").
 */
final class HandlesEndpoint {
    private static final int BUFFER = 1 << 20;
    private static final int PINNING_ATTEMPTS = 3;

    private final Catalog catalog;
    private final boolean declaredOnly;
    private final ExchangeLimits limits;
    private final Semaphore uploads;
    private final Semaphore streams;
    private final IdleWatchdog watchdog;
    private final String baseUrl;
    private final PushLocks pushLocks = new PushLocks();

    HandlesEndpoint(Catalog catalog, boolean declaredOnly, ExchangeLimits limits, IdleWatchdog watchdog, String baseUrl) {
        this.catalog = catalog;
        this.declaredOnly = declaredOnly;
        this.limits = limits;
        this.uploads = new Semaphore(limits.maxConcurrentUploads());
        this.streams = new Semaphore(limits.maxConcurrentStreams());
        this.watchdog = watchdog;
        this.baseUrl = baseUrl;
    }

    /** {@code segments} is the path after {@code /v1/handles}, split at '/'. */
    void handle(HttpExchange ex, List<String> segments) throws IOException {
        String method = ex.getRequestMethod();
        if (segments.isEmpty()) {
            requireMethod(method, "GET");
            Http.sendJson(ex, 200, Map.of("handles", list()));
            return;
        }
        String name = HandleNames.fromSegment(segments.get(0));
        if (segments.size() == 1) {
            switch (method) {
                case "GET" -> pull(ex, name);
                case "PUT" -> push(ex, name);
                case "DELETE" -> delete(ex, name);
                default -> throw methodNotAllowed(method);
            }
            return;
        }
        if (segments.size() == 2) {
            requireMethod(method, "GET");
            DataHandle h = catalog.get(name);
            switch (segments.get(1)) {
                case "state" -> Http.sendJson(ex, 200, describe(h, false));
                case "locations" -> Http.sendJson(ex, 200, describe(h, true));
                default -> throw notFound(ex);
            }
            return;
        }
        throw notFound(ex);
    }

    // ---- list, state, locate ----

    private List<Map<String, Object>> list() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (DataHandle h : catalog.handles()) {
            all.add(describe(h, true));
        }
        return all;
    }

    private Map<String, Object> describe(DataHandle h, boolean withLocations) {
        Map<String, Object> m = new LinkedHashMap<>();
        HandleState state = h.state();
        m.put("name", h.id());
        m.put("temporary", h.spec().temporary());
        m.put("state", Map.of("disk", wire(state.disk().name()), "memory", wire(state.memory().name())));
        m.put("produced", state.diskProduced() || state.memoryProduced());
        m.put("pushing", pushLocks.isHeld(h.id()));
        m.put("format", h.spec().disk().map(d -> d.format()).orElse("memory"));
        m.put("kind", isDocument(h) ? "document" : "table");
        m.put("memoryFormat", h.spec().memory().format().yamlName());
        Object rows = null;
        Object bytes = null;
        Object version = null;
        List<Map<String, Object>> locations = new ArrayList<>();
        if (!h.spec().temporary()) {
            DiskStatus st = h.disk().check();
            if (st.produced()) {
                bytes = st.totalSize();
                version = Versions.of(st);
                if (withLocations) {
                    Map<URI, DiskStatus.FileInfo> files = new LinkedHashMap<>();
                    st.files().forEach(f -> files.put(f.path(), f));
                    for (DataLocation l : safeLocations(h)) {
                        locations.add(location(l, files, st));
                    }
                }
            }
        }
        if (state.memoryProduced() && !isDocument(h)) {
            try {
                Table t = h.read();
                rows = t.rowCount();
                if (version == null) {
                    version = Versions.ofMemory(t);
                }
            } catch (RuntimeException e) {
                // memory dropped meanwhile, or not tabular: no row count
            }
        }
        m.put("rows", rows);
        m.put("bytes", bytes);
        m.put("version", version);
        if (withLocations) {
            Map<String, Object> http = new LinkedHashMap<>();
            http.put("uri", baseUrl + "/v1/handles/" + h.id());
            locations.add(http);
            m.put("locations", locations);
        }
        return m;
    }

    private static List<DataLocation> safeLocations(DataHandle h) {
        try {
            return h.disk().locations();
        } catch (org.datahandle.NotProducedException e) {
            return List.of(); // deleted between the check and now
        }
    }

    private static Map<String, Object> location(DataLocation l, Map<URI, DiskStatus.FileInfo> files, DiskStatus st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", l.host());
        m.put("uri", l.uri().toString());
        m.put("path", l.path().toString());
        m.put("offset", l.offset());
        m.put("length", l.length());
        DiskStatus.FileInfo f = files.get(l.path());
        if (f == null) {
            f = files.get(l.uri());
        }
        if (f != null) {
            m.put("size", f.size());
            m.put("modifiedMillis", f.modified().toEpochMilli());
        }
        m.put("recordMatches", st.commitRecord() == DiskStatus.CommitRecordState.MATCHES);
        m.put("schema", l.schema().map(HandlesEndpoint::schemaJson).orElse(null));
        return m;
    }

    private static List<Map<String, Object>> schemaJson(Schema s) {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field f : s.fields()) {
            fields.add(Map.of("name", f.name(), "type", f.type().typeName()));
        }
        return fields;
    }

    private static String wire(String enumName) {
        return enumName.toLowerCase(java.util.Locale.ROOT);
    }

    /** Handles whose memory form is a document travel as JSON; everything else as a table. */
    private static boolean isDocument(DataHandle h) {
        MemoryFormat f = h.spec().memory().format();
        if (h.spec().temporary()) {
            return false; // decided by what is in memory, at pull time
        }
        return f == MemoryFormat.OBJECT || f == MemoryFormat.JSON;
    }

    // ---- delete ----

    private void delete(HttpExchange ex, String name) throws IOException {
        DataHandle h = catalog.get(name);
        h.deleteDisk();
        Http.sendEmpty(ex, 204);
    }

    // ---- pull ----

    private void pull(HttpExchange ex, String name) throws IOException {
        DataHandle h = catalog.get(name);
        if (isDocument(h)) {
            pullDocument(ex, h);
            return;
        }
        if (!streams.tryAcquire()) {
            throw busy(name, "streams", limits.maxConcurrentStreams());
        }
        try (IdleWatchdog.Watch watch = watchdog.watch(ex)) {
            if (h.spec().temporary()) {
                pullMemory(ex, h, watch);
            } else {
                pullDisk(ex, h, watch);
            }
        } finally {
            streams.release();
        }
    }

    private void pullDocument(HttpExchange ex, DataHandle h) throws IOException {
        String json = h.read(String.class);
        String version = h.spec().temporary() ? Versions.ofMemory(json) : Versions.of(h.disk().check());
        ex.getResponseHeaders().set(Http.VERSION_HEADER, version);
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", Http.JSON_TYPE);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void pullMemory(HttpExchange ex, DataHandle h, IdleWatchdog.Watch watch) throws IOException {
        Table t;
        try {
            t = h.read();
        } catch (UnsupportedFormatException e) {
            // a temporary handle holding a document, not a table
            watch.close();
            pullDocument(ex, h);
            return;
        }
        ex.getResponseHeaders().set(Http.VERSION_HEADER, Versions.ofMemory(t));
        ex.getResponseHeaders().set("Content-Type", ArrowIpc.STREAM_MEDIA_TYPE);
        ex.sendResponseHeaders(200, 0);
        OutputStream out = new BufferedOutputStream(new ProgressOutputStream(ex.getResponseBody(), watch), BUFFER);
        try {
            ArrowIpcWriter w = ArrowIpc.streamWriter(out, t.schema());
            w.write(t);
            w.finish();
        } catch (IOException | RuntimeException e) {
            poison(out);
            throw e;
        }
        out.close();
    }

    /**
     * Streams a handle's disk data, pinned to one version: the version is taken, the stream opened and its
     * first batch read (so its files are open), and the version checked again; a delete and re-write in
     * between starts over. Local files then serve from their open inodes whatever happens to the names; for
     * data of several files, read one after another, the version is checked again before the end-of-stream
     * marker, and a changed version ends the response without it, so the client gets an error, never a mix.
     */
    private void pullDisk(HttpExchange ex, DataHandle h, IdleWatchdog.Watch watch) throws IOException {
        for (int attempt = 1; ; attempt++) {
            DiskStatus before = h.disk().check();
            if (!before.produced()) {
                throw new org.datahandle.NotProducedException(h.id(), org.datahandle.ErrorLocation.UNKNOWN,
                        "not produced: " + before.problem().orElse("no data"));
            }
            String version = Versions.of(before);
            Optional<ArrowFileBody> file = arrowFile(h, before);
            if (file.isPresent()) {
                try (ArrowFileBody body = file.get()) {
                    DiskStatus opened = h.disk().check();
                    if (!opened.produced() || !Versions.of(opened).equals(version)) {
                        if (attempt < PINNING_ATTEMPTS) {
                            continue;
                        }
                        throw changedWhileStarting(h);
                    }
                    ex.getResponseHeaders().set(Http.VERSION_HEADER, version);
                    ex.getResponseHeaders().set("Content-Type", ArrowIpc.STREAM_MEDIA_TYPE);
                    ex.sendResponseHeaders(200, body.length());
                    try (OutputStream out = ex.getResponseBody()) {
                        body.sendTo(out, watch);
                    }
                    return;
                }
            }
            TableStream s = h.stream();
            try {
                boolean any = s.hasNext();
                DiskStatus opened = h.disk().check();
                if (!opened.produced() || !Versions.of(opened).equals(version)) {
                    if (attempt < PINNING_ATTEMPTS) {
                        continue;
                    }
                    throw changedWhileStarting(h);
                }
                ex.getResponseHeaders().set(Http.VERSION_HEADER, version);
                ex.getResponseHeaders().set("Content-Type", ArrowIpc.STREAM_MEDIA_TYPE);
                ex.sendResponseHeaders(200, 0);
                OutputStream out = new BufferedOutputStream(new ProgressOutputStream(ex.getResponseBody(), watch),
                        BUFFER);
                try {
                    ArrowIpcWriter w = ArrowIpc.streamWriter(out, s.schema());
                    while (any) {
                        w.write(s.next());
                        any = s.hasNext();
                    }
                    if (before.files().size() > 1) {
                        DiskStatus after = h.disk().check();
                        if (!after.produced() || !Versions.of(after).equals(version)) {
                            // the client gets an error, never a mix of versions
                            poison(out);
                            return;
                        }
                    }
                    w.finish();
                } catch (IOException | RuntimeException e) {
                    poison(out);
                    throw e;
                }
                out.close();
                return;
            } finally {
                s.close();
            }
        }
    }

    /**
     * Ends a stream that cannot be completed so that no reader can take it for a complete one. Stopping
     * without the end-of-stream marker is not enough: pyarrow, like the IPC format's legacy readers, takes
     * the end of the input at a message boundary as the end of the stream. So the stream ends inside a
     * message that announces more metadata than any reader accepts, and the HTTP body ends there.
     */
    private static void poison(OutputStream out) {
        try {
            out.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0, (byte) 0xFF,
                (byte) 0xFF, (byte) 0x7F});
            out.flush();
        } catch (IOException | RuntimeException ignored) {
            // the client is gone: it has seen no end-of-stream marker either
        }
    }

    private static WireError.Failure changedWhileStarting(DataHandle h) {
        return new WireError.Failure(503, WireError.BUSY, h.id(), "handle '" + h.id() + "' changed "
                + PINNING_ATTEMPTS + " times while the pull was starting; try again");
    }

    /** A handle that is one uncompressed-container Arrow IPC file on this machine: served as bytes. */
    private static Optional<ArrowFileBody> arrowFile(DataHandle h, DiskStatus status) throws IOException {
        var disk = h.spec().disk().orElseThrow();
        if (!disk.format().equals("arrow") || !disk.compression().equals("none") || status.files().size() != 1) {
            return Optional.empty();
        }
        List<DataLocation> where = safeLocations(h);
        if (where.size() != 1 || !"file".equals(where.get(0).uri().getScheme()) || where.get(0).offset() != 0) {
            return Optional.empty();
        }
        try {
            return ArrowFileBody.open(java.nio.file.Path.of(where.get(0).uri()));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty(); // deleted meanwhile: the generic path says not produced
        }
    }

    // ---- push ----

    private void push(HttpExchange ex, String name) throws IOException {
        DataHandle h = resolveForPush(name);
        HandleState state = h.state();
        if (state.diskProduced() || state.memoryProduced() || state.disk() == HandleState.DiskState.WRITING) {
            // refused before a byte of the body is read
            throw new WireError.Failure(409, WireError.ALREADY_PRODUCED, name, "handle '" + name + "' is "
                    + (state.disk() == HandleState.DiskState.WRITING ? "being written by another writer"
                            : "already produced (" + state + "); delete it first"));
        }
        String type = Optional.ofNullable(ex.getRequestHeaders().getFirst("Content-Type")).orElse("");
        boolean json = type.startsWith(Http.JSON_TYPE);
        if (!json && !type.startsWith(ArrowIpc.STREAM_MEDIA_TYPE)) {
            throw new WireError.Failure(415, WireError.UNSUPPORTED, name, "a push sends "
                    + ArrowIpc.STREAM_MEDIA_TYPE + " (a table) or " + Http.JSON_TYPE + " (a document), not '"
                    + type + "'");
        }
        if (!uploads.tryAcquire()) {
            throw busy(name, "uploads", limits.maxConcurrentUploads());
        }
        try (IdleWatchdog.Watch watch = watchdog.watch(ex); PushLocks.Held held = pushLocks.hold(name)) {
            if (!held.acquired()) {
                throw new WireError.Failure(409, WireError.ALREADY_PRODUCED, name,
                        "handle '" + name + "' is being pushed by another client");
            }
            Map<String, Object> result = json ? pushDocument(ex, h, watch) : pushTable(ex, h, watch);
            Http.sendJson(ex, 201, result);
        } finally {
            uploads.release();
        }
    }

    private DataHandle resolveForPush(String name) {
        try {
            return catalog.get(name);
        } catch (HandleNotFoundException e) {
            if (declaredOnly) {
                throw new WireError.Failure(404, WireError.HANDLE_NOT_FOUND, name, e.getMessage()
                        + " (this server is declared-only: it takes pushes to declared handles only)");
            }
            return catalog.temporary(name);
        }
    }

    private Map<String, Object> pushTable(HttpExchange ex, DataHandle h, IdleWatchdog.Watch watch) throws IOException {
        URI source = URI.create(baseUrl + "/v1/handles/" + h.id());
        // a temporary handle has no disk; a handle of several files (or partitioned) is written whole by
        // write(), which splits the table across its paths: both collect the upload in memory first
        boolean memory = h.spec().temporary() || h.spec().disk().get().isMultiFile() || h.spec().disk().get().isPartitioned();
        IpcUploadStream body = new IpcUploadStream(ex.getRequestBody(), h.id(), source, limits.maxBatchBytes(),
                memory ? limits.maxMemoryUploadBytes() : limits.maxUploadBytes(), watch);
        long rows = 0;
        try (ArrowIpcReader reader = ArrowIpc.reader(body, h.id(), source)) {
            Schema schema = reader.schema();
            if (memory) {
                List<Table> batches = new ArrayList<>();
                for (Optional<Table> b = reader.next(); b.isPresent(); b = reader.next()) {
                    batches.add(b.get());
                    rows += b.get().rowCount();
                }
                body.requireCleanEnd();
                Table all = batches.size() == 1 ? batches.get(0) : Table.concat(schema, batches);
                h.write(all);
                return pushed(h, rows, body.bytesRead(), h.spec().temporary() ? Versions.ofMemory(all)
                        : Versions.of(h.disk().check()));
            }
            try (TableSink sink = h.sink(schema)) {
                // An Arrow handle's own writer takes the batches as they came: checked, framed again, copied
                // into the staged file without a decode and an encode (ArrowIpcWriter.write(EncodedBatch)).
                Optional<ArrowIpcWriter> arrow = sink.unwrap(ArrowIpcWriter.class);
                if (arrow.isPresent()) {
                    for (Optional<EncodedBatch> b = reader.nextEncoded(); b.isPresent(); b = reader.nextEncoded()) {
                        writeThrough(h, arrow.get(), b.get());
                        rows += b.get().rowCount();
                    }
                } else {
                    for (Optional<Table> b = reader.next(); b.isPresent(); b = reader.next()) {
                        sink.write(b.get());
                        rows += b.get().rowCount();
                    }
                }
                // publish only after the end-of-stream marker and a clean end of the body
                body.requireCleanEnd();
                if (watch.expired()) {
                    throw new WireError.Failure(408, WireError.BAD_REQUEST, h.id(), "the upload stalled");
                }
                sink.commit();
            }
            return pushed(h, rows, body.bytesRead(), Versions.of(h.disk().check()));
        }
    }

    /** A batch into an Arrow handle's writer, failing as {@code TableSink.write} fails. */
    private static void writeThrough(DataHandle h, ArrowIpcWriter writer, EncodedBatch batch) {
        try {
            writer.write(batch);
        } catch (IOException e) {
            throw new org.datahandle.StorageException(h.id(), org.datahandle.ErrorLocation.UNKNOWN,
                    "streaming write failed", e);
        }
    }

    private Map<String, Object> pushDocument(HttpExchange ex, DataHandle h, IdleWatchdog.Watch watch) throws IOException {
        long limit = limits.maxMemoryUploadBytes();
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
        }
        watch.run();
        if (bytes.length > limit) {
            throw new WireError.Failure(413, WireError.TOO_LARGE, h.id(), "the document is over this server's limit of "
                    + limit + " bytes; nothing was published");
        }
        JsonNode node;
        try {
            node = Http.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new WireError.Failure(400, WireError.BAD_DATA, h.id(), "handle '" + h.id()
                    + "': the pushed document is not valid JSON: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new WireError.Failure(400, WireError.BAD_DATA, h.id(), "handle '" + h.id() + "': the pushed document is empty");
        }
        if (h.spec().memory().format() == MemoryFormat.JSON) {
            h.write(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } else {
            h.write(Http.JSON.treeToValue(node, Object.class));
        }
        String version = h.spec().temporary() ? Versions.ofMemory(node) : Versions.of(h.disk().check());
        return pushed(h, null, bytes.length, version);
    }

    private static Map<String, Object> pushed(DataHandle h, Long rows, long bytes, String version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", h.id());
        m.put("rows", rows);
        m.put("bytes", bytes);
        m.put("version", version);
        return m;
    }

    // ---- errors ----

    private static WireError.Failure busy(String name, String what, int limit) {
        return new WireError.Failure(503, WireError.BUSY, name, "the server is serving its limit of " + limit
                + " concurrent " + what + "; try again");
    }

    static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw methodNotAllowed(method);
        }
    }

    static WireError.Failure methodNotAllowed(String method) {
        return new WireError.Failure(405, WireError.METHOD, null, "method " + method + " is not allowed here");
    }

    static WireError.Failure notFound(HttpExchange ex) {
        return new WireError.Failure(404, WireError.BAD_REQUEST, null, "no such resource: "
                + ex.getRequestURI().getRawPath());
    }
}
