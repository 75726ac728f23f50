package org.datahandle.exchange;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.datahandle.AlreadyProducedException;
import org.datahandle.DataFormatException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.HandleNotFoundException;
import org.datahandle.NotProducedException;
import org.datahandle.TableStream;
import org.datahandle.formats.arrow.ArrowIpc;
import org.datahandle.formats.arrow.ArrowIpcReader;
import org.datahandle.formats.arrow.ArrowIpcWriter;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * A client of an {@link ExchangeServer}, for a second JVM that pulls and pushes handles by name the way the
 * Python client does. On {@code java.net.http}; tables are read and written as Arrow IPC streams without an
 * Arrow runtime.
 *
 * <pre>{@code
 * ExchangeClient ds = ExchangeClient.connect();               // DATAHANDLE_URL/TOKEN, or the connection file
 * ds.push("dat", table);
 * Table dat = ds.pull("dat");
 * }</pre>
 *
 * <p>Errors are the library's own exceptions where one exists ({@link AlreadyProducedException},
 * {@link NotProducedException}, {@link HandleNotFoundException}, {@link DataFormatException}), else
 * {@link ExchangeAuthException} or {@link ExchangeException} with the protocol's code. Thread-safe.
 *
 * @since 0.1
 */
public final class ExchangeClient {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final URI base;
    private final String token;
    private final HttpClient http;

    private ExchangeClient(URI base, String token, javax.net.ssl.SSLContext ssl) {
        this.base = requireNonNull(base, "base is null");
        this.token = requireNonNull(token, "token is null");
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    /** A client of the server at {@code url} ({@code http://127.0.0.1:PORT}) with its token. */
    public static ExchangeClient connect(String url, String token) {
        requireNonNull(url, "url is null");
        return new ExchangeClient(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url), token, null);
    }

    /** A client of an {@code https://} server whose certificate {@code ssl} trusts. */
    public static ExchangeClient connect(String url, String token, javax.net.ssl.SSLContext ssl) {
        requireNonNull(url, "url is null");
        requireNonNull(ssl, "ssl is null");
        return new ExchangeClient(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url), token, ssl);
    }

    /** A client from a server's connection file. */
    public static ExchangeClient fromConnectionFile(Path file) {
        try {
            JsonNode n = Http.JSON.readTree(Files.readAllBytes(file));
            if (n == null || !n.hasNonNull("url") || !n.hasNonNull("token")) {
                throw new ExchangeException(0, "BadConnectionFile", "connection file " + file + " has no url and token");
            }
            return connect(n.get("url").asText(), n.get("token").asText());
        } catch (IOException e) {
            throw new ExchangeException("cannot read connection file " + file, e);
        }
    }

    /** From {@code DATAHANDLE_URL} and {@code DATAHANDLE_TOKEN}, else the file {@code DATAHANDLE_CONNECTION_FILE} names. */
    public static ExchangeClient connect() {
        String url = System.getenv(ExchangeServer.URL_VARIABLE);
        String token = System.getenv(ExchangeServer.TOKEN_VARIABLE);
        if (url != null && token != null) {
            return connect(url, token);
        }
        String file = System.getenv(ExchangeServer.CONNECTION_FILE_VARIABLE);
        if (file != null) {
            return fromConnectionFile(Path.of(file));
        }
        throw new ExchangeException(0, "NotConfigured", "no server: set " + ExchangeServer.URL_VARIABLE + " and "
                + ExchangeServer.TOKEN_VARIABLE + ", or " + ExchangeServer.CONNECTION_FILE_VARIABLE);
    }

    /** The whole table. For data larger than memory use {@link #stream(String)}. */
    public Table pull(String name) {
        try (TableStream s = stream(name)) {
            List<Table> batches = new ArrayList<>();
            while (s.hasNext()) {
                batches.add(s.next());
            }
            return batches.size() == 1 ? batches.get(0) : Table.concat(s.schema(), batches);
        }
    }

    /**
     * The table batch by batch, as the server streams it; close the stream to release the connection.
     *
     * @throws DataFormatException (when iterating) if the stream ends without its end-of-stream marker: the
     *     server stopped mid-way, or the handle changed during a multi-file pull
     */
    public TableStream stream(String name) {
        HttpResponse<InputStream> r = send(request(name).header("Accept", ArrowIpc.STREAM_MEDIA_TYPE).GET(),
                HttpResponse.BodyHandlers.ofInputStream(), name);
        try {
            ArrowIpcReader reader = ArrowIpc.reader(r.body(), name, handleUri(name));
            return new PullStream(reader);
        } catch (IOException e) {
            throw new ExchangeException("pulling '" + name + "' from " + base + " failed", e);
        }
    }

    /** A document handle's JSON. */
    public String pullJson(String name) {
        HttpResponse<byte[]> r = send(request(name).header("Accept", Http.JSON_TYPE).GET(),
                HttpResponse.BodyHandlers.ofByteArray(), name);
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /**
     * Pushes a table under {@code name}; the server publishes it once the whole stream has arrived.
     *
     * @return the server's answer: name, rows, bytes, version
     * @throws AlreadyProducedException if the handle is produced or another client is pushing it
     */
    public Map<String, Object> push(String name, Table table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowIpcWriter w = ArrowIpc.streamWriter(bytes, table.schema())) {
            w.write(table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pushing(name, () -> json(send(request(name).header("Content-Type", ArrowIpc.STREAM_MEDIA_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())), HttpResponse.BodyHandlers.ofByteArray(),
                name)));
    }

    /** Pushes batches as they come, for data larger than memory; the server publishes after the last. */
    public Map<String, Object> push(String name, Schema schema, Iterator<Table> batches) {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out;
        try {
            out = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread writer = new Thread(() -> {
            try (ArrowIpcWriter w = ArrowIpc.streamWriter(out, schema)) {
                while (batches.hasNext()) {
                    w.write(batches.next());
                }
            } catch (IOException | RuntimeException e) {
                // the pipe is closed without the end-of-stream marker: the server publishes nothing
                try {
                    out.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }, "datahandle-exchange-push-" + name);
        writer.setDaemon(true);
        writer.start();
        return pushing(name, () -> json(send(request(name).header("Content-Type", ArrowIpc.STREAM_MEDIA_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> in)), HttpResponse.BodyHandlers.ofByteArray(), name)));
    }

    /**
     * A server refusing a large push answers before reading the body and then closes the connection; a
     * client still sending may see only the reset. Then the handle's state says whether it was refused
     * because the handle is produced or being written.
     */
    private Map<String, Object> pushing(String name, java.util.function.Supplier<Map<String, Object>> push) {
        try {
            return push.get();
        } catch (ExchangeException e) {
            if (e.status() != 0) {
                throw e;
            }
            Map<String, Object> state;
            try {
                state = state(name);
            } catch (RuntimeException second) {
                e.addSuppressed(second);
                throw e;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> flags = (Map<String, Object>) state.get("state");
            if (Boolean.TRUE.equals(state.get("produced")) || Boolean.TRUE.equals(state.get("pushing"))
                    || flags != null && "writing".equals(flags.get("disk"))) {
                boolean produced = Boolean.TRUE.equals(state.get("produced"));
                AlreadyProducedException refused = new AlreadyProducedException(
                        produced ? ErrorCode.ALREADY_PRODUCED : ErrorCode.CONFLICT, name, ErrorLocation.UNKNOWN,
                        (produced ? "already produced" : "being written by another client")
                                + "; the server refused the push");
                refused.addSuppressed(e);
                throw refused;
            }
            throw e;
        }
    }

    /** Pushes a JSON document to an {@code object}/{@code json} handle (or a new temporary one). */
    public Map<String, Object> pushJson(String name, String json) {
        return pushing(name, () -> json(send(request(name).header("Content-Type", Http.JSON_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(json)), HttpResponse.BodyHandlers.ofByteArray(), name)));
    }

    /** Every handle: name, state, format, kind, rows, bytes, version, locations. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list() {
        Map<String, Object> m = json(send(builder("/v1/handles").GET(), HttpResponse.BodyHandlers.ofByteArray(), null));
        return (List<Map<String, Object>>) m.get("handles");
    }

    /** One handle's state: disk, memory, produced, version. */
    public Map<String, Object> state(String name) {
        return json(send(builder("/v1/handles/" + encode(name) + "/state").GET(), HttpResponse.BodyHandlers.ofByteArray(),
                name));
    }

    /** Where a handle's data is: the files ({@code file:} URIs for local and shm data) and the HTTP URL. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> locate(String name) {
        Map<String, Object> m = json(send(builder("/v1/handles/" + encode(name) + "/locations").GET(),
                HttpResponse.BodyHandlers.ofByteArray(), name));
        return (List<Map<String, Object>>) m.get("locations");
    }

    /** Deletes a handle's data (disk, and memory with it). */
    public void delete(String name) {
        send(request(name).DELETE(), HttpResponse.BodyHandlers.discarding(), name);
    }

    private HttpRequest.Builder request(String name) {
        return builder("/v1/handles/" + encode(name));
    }

    private URI handleUri(String name) {
        return base.resolve("/v1/handles/" + encode(name));
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token);
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body, String name) {
        HttpResponse<byte[]> failed;
        try {
            HttpResponse<T> r = http.send(request.build(), info -> info.statusCode() < 300 ? body.apply(info)
                    : castHandler(HttpResponse.BodyHandlers.ofByteArray().apply(info)));
            if (r.statusCode() < 300) {
                return r;
            }
            @SuppressWarnings("unchecked")
            HttpResponse<byte[]> f = (HttpResponse<byte[]>) r;
            failed = f;
        } catch (IOException e) {
            throw new ExchangeException("request to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExchangeException("interrupted while talking to " + base, e);
        }
        throw error(failed, name);
    }

    @SuppressWarnings("unchecked")
    private static <T> HttpResponse.BodySubscriber<T> castHandler(HttpResponse.BodySubscriber<byte[]> s) {
        return (HttpResponse.BodySubscriber<T>) s;
    }

    private static RuntimeException error(HttpResponse<byte[]> r, String name) {
        String code = "Http" + r.statusCode();
        String message = new String(r.body() == null ? new byte[0] : r.body(), StandardCharsets.UTF_8);
        try {
            JsonNode n = Http.JSON.readTree(r.body());
            if (n != null && n.hasNonNull("error")) {
                code = n.get("error").asText();
                message = n.path("message").asText(message);
            }
        } catch (IOException e) {
            // not JSON: keep the text
        }
        return switch (code) {
            case WireError.ALREADY_PRODUCED -> new AlreadyProducedException(message);
            case WireError.NOT_PRODUCED -> new NotProducedException(message);
            case WireError.HANDLE_NOT_FOUND -> new HandleNotFoundException(message);
            case WireError.BAD_DATA -> new DataFormatException(message, null, -1, -1);
            case WireError.UNAUTHORIZED, WireError.FORBIDDEN -> new ExchangeAuthException(r.statusCode(), code, message);
            default -> new ExchangeException(r.statusCode(), code, message + (name != null && !message.contains(name)
                    ? " (handle '" + name + "')" : ""));
        };
    }

    private static Map<String, Object> json(HttpResponse<byte[]> r) {
        try {
            return Http.JSON.readValue(r.body(), MAP);
        } catch (IOException e) {
            throw new ExchangeException(r.statusCode(), "BadResponse", "the server's answer is not JSON: " + e.getMessage());
        }
    }

    /** A pull as a {@link TableStream}. */
    private static final class PullStream implements TableStream {
        private final ArrowIpcReader reader;
        private Optional<Table> next;

        PullStream(ArrowIpcReader reader) {
            this.reader = reader;
        }

        @Override
        public Schema schema() {
            return reader.schema();
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    next = reader.next();
                } catch (IOException e) {
                    throw new ExchangeException("the pull stream broke: " + e, e);
                }
            }
            return next.isPresent();
        }

        @Override
        public Table next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Table t = next.get();
            next = null;
            return t;
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                // the connection is released either way
            }
        }
    }
}
