package org.datahandle.exchange;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.datahandle.Catalog;
import org.datahandle.jobs.JobRegistry;

/**
 * Serves a {@link Catalog}'s handles by name over HTTP, so that a Python or R session, a notebook, or a
 * step on another machine pulls and pushes them: tables as Arrow IPC streams
 * ({@code application/vnd.apache.arrow.stream}), {@code object}/{@code json} handles as JSON, and a job
 * registry's event logs as NDJSON or server-sent events. The protocol is docs/exchange.md.
 *
 * <pre>{@code
 * try (ExchangeServer server = ExchangeServer.builder(catalog).start()) {
 *     System.out.println(server.url() + " " + server.connectionFile().orElseThrow());
 *     ...
 * }
 * }</pre>
 *
 * <p>The same rules hold over the wire as in the process: a push to a produced handle is refused before its
 * body is read; a push streams into the handle's staged sink and is published only after the stream's
 * end-of-stream marker and a clean end of the body, so a client that dies mid-upload publishes nothing;
 * of racing pushers exactly one wins; a pull is pinned to one version.
 *
 * <p>Secure by default: it binds the loopback address; every request needs the server's token (random,
 * 256 bits), which is written to a connection file only its user can read and handed to child processes
 * through {@link #environment()}; requests carrying an {@code Origin}, or whose {@code Host} is not the
 * server's, are refused; binding any other address requires TLS. Runs on a small HTTP/1.1 server of its own
 * on the JDK's blocking sockets ({@link Http1Server}): no extra jar, no JVM flag.
 *
 * @since 0.1
 */
public final class ExchangeServer implements AutoCloseable {
    /** The environment variable that carries the server's URL to child processes. */
    public static final String URL_VARIABLE = "DATAHANDLE_URL";
    /** The environment variable that carries the server's token to child processes. */
    public static final String TOKEN_VARIABLE = "DATAHANDLE_TOKEN";
    /** The environment variable that names the server's connection file. */
    public static final String CONNECTION_FILE_VARIABLE = "DATAHANDLE_CONNECTION_FILE";

    private final Http1Server http;
    private final String url;
    private final String token;
    private final Optional<Path> connectionFile;
    private final IdleWatchdog watchdog;
    private final ThreadPoolExecutor executor;
    private final Optional<JobsEndpoint> jobs;
    private final HandlesEndpoint handles;
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean closed;

    private ExchangeServer(Builder b) throws IOException {
        InetSocketAddress address = new InetSocketAddress(b.address, b.port);
        boolean tls = b.sslContext != null;
        ExchangeLimits limits = b.limits;
        AtomicInteger threadNumber = new AtomicInteger();
        // one thread per connection; a connection that finds every thread and the queue taken is answered 503
        this.executor = new ThreadPoolExecutor(limits.threads(), limits.threads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "datahandle-exchange-" + threadNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        this.http = new Http1Server(address, b.sslContext, executor, limits);
        int port = http.port();
        String hostForUrl = b.address.getHostAddress().contains(":") ? "[" + b.address.getHostAddress() + "]"
                : b.address.getHostAddress();
        this.url = (tls ? "https://" : "http://") + hostForUrl + ":" + port;
        this.token = b.token != null ? b.token : newToken();
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(hostForUrl + ":" + port);
        if (b.address.isLoopbackAddress()) {
            hosts.add("localhost:" + port);
            hosts.add("127.0.0.1:" + port);
            hosts.add("[::1]:" + port);
        }
        for (String h : b.allowedHosts) {
            hosts.add(h.toLowerCase(Locale.ROOT) + ":" + port);
        }
        this.watchdog = new IdleWatchdog(limits.idleTimeout());
        Access access = new Access(token, hosts, limits.maxHeaderBytes());
        this.handles = new HandlesEndpoint(b.catalog, b.declaredOnly, limits, watchdog, url);
        this.jobs = Optional.ofNullable(b.jobs).map(r -> new JobsEndpoint(r, limits, watchdog));
        http.start(ex -> serve(ex, access, handles));
        Optional<Path> file = Optional.empty();
        if (b.writeConnectionFile) {
            Path f = b.connectionFile != null ? b.connectionFile
                    : ConnectionFile.defaultDirectory().resolve("server-" + ProcessHandle.current().pid() + "-" + port + ".json");
            try {
                ConnectionFile.write(f, url, token, Optional.ofNullable(b.workflow));
            } catch (IOException | RuntimeException e) {
                http.close();
                executor.shutdownNow();
                watchdog.close();
                throw e;
            }
            file = Optional.of(f);
        }
        this.connectionFile = file;
    }

    /** A builder for a server of {@code catalog}. */
    public static Builder builder(Catalog catalog) {
        return new Builder(catalog);
    }

    /** The base URL, {@code http://127.0.0.1:PORT} by default; the protocol lives under {@code /v1}. */
    public String url() {
        return url;
    }

    /** The port the server listens on. */
    public int port() {
        return http.port();
    }

    /** The HTTP server underneath, for tests of its connection handling. */
    Http1Server http() {
        return http;
    }

    /** The token every request must carry as {@code Authorization: Bearer <token>}. Keep it secret. */
    public String token() {
        return token;
    }

    /** The 0600 file that holds the URL and token for clients on this machine, unless turned off. */
    public Optional<Path> connectionFile() {
        return connectionFile;
    }

    /**
     * What a child process needs to reach this server: {@code DATAHANDLE_URL}, {@code DATAHANDLE_TOKEN} and,
     * when written, {@code DATAHANDLE_CONNECTION_FILE}. The Python client's {@code connect()} reads them.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(URL_VARIABLE, url);
        env.put(TOKEN_VARIABLE, token);
        connectionFile.ifPresent(f -> env.put(CONNECTION_FILE_VARIABLE, f.toString()));
        return Map.copyOf(env);
    }

    private void serve(HttpExchange ex, Access access, HandlesEndpoint handles) throws IOException {
        active.incrementAndGet();
        String handle = null;
        try {
            if (closed) {
                throw new WireError.Failure(503, WireError.BUSY, null, "the server is stopping");
            }
            access.check(ex.getRequestHeaders());
            List<String> segments = segments(ex.getRequestURI().getRawPath());
            if (segments.size() >= 2 && segments.get(0).equals("v1")) {
                handle = segments.get(1).equals("handles") && segments.size() > 2 ? safeName(segments.get(2)) : null;
                switch (segments.get(1)) {
                    case "handles" -> {
                        handles.handle(ex, segments.subList(2, segments.size()));
                        return;
                    }
                    case "jobs" -> {
                        if (jobs.isEmpty()) {
                            throw new WireError.Failure(404, WireError.BAD_REQUEST, null,
                                    "this server has no job registry");
                        }
                        jobs.get().handle(ex, segments.subList(2, segments.size()));
                        return;
                    }
                    case "info" -> {
                        HandlesEndpoint.requireMethod(ex.getRequestMethod(), "GET");
                        Http.sendJson(ex, 200, Map.of("protocol", 1, "server", "datahandle-exchange",
                                "jobs", jobs.isPresent()));
                        return;
                    }
                    default -> {
                        // below
                    }
                }
            }
            throw HandlesEndpoint.notFound(ex);
        } catch (Throwable e) {
            drainRefusedBody(ex);
            answer(ex, WireError.of(e, handle));
            if (e instanceof Error err && !(e instanceof OutOfMemoryError)) {
                throw err;
            }
        } finally {
            ex.close();
            active.decrementAndGet();
        }
    }

    private static String safeName(String raw) {
        try {
            return HandleNames.fromSegment(raw);
        } catch (WireError.Failure e) {
            return null;
        }
    }

    private static void answer(HttpExchange ex, WireError error) {
        try {
            if (ex.getResponseCode() == -1) {
                Http.sendError(ex, error);
            }
            // else the response was under way: closing without the end-of-stream marker tells the client
        } catch (IOException | RuntimeException ignored) {
            // the client is gone
        }
    }

    /**
     * Before an error answer to a request whose body is not read to its end (a refused push): reads and
     * drops the rest of it when it is at most 16 MiB, so that the client, still sending, receives the answer
     * instead of a connection reset (the server closes the connection after an error, and closing a socket
     * with unread data resets it). A body announced bigger is not read: the answer goes out at once and the
     * client may see only the reset; the clients then ask the handle's state. A stalled body is cut off by
     * the idle watchdog.
     */
    private void drainRefusedBody(HttpExchange ex) {
        String method = ex.getRequestMethod();
        if (!method.equals("PUT") && !method.equals("POST") || ex.getResponseCode() != -1) {
            return;
        }
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        try {
            if (length != null && Long.parseLong(length.trim()) > 16L << 20) {
                return;
            }
        } catch (NumberFormatException e) {
            return;
        }
        try (IdleWatchdog.Watch watch = watchdog.watch(ex)) {
            java.io.InputStream in = ex.getRequestBody();
            byte[] buf = new byte[64 << 10];
            long left = 16L << 20;
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; left -= n) {
                watch.run();
            }
        } catch (IOException | RuntimeException e) {
            // the client is gone, or the watchdog cut it off
        }
    }

    private static List<String> segments(String rawPath) {
        String p = rawPath == null ? "" : rawPath;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        // keep empty segments: "/v1/handles//state" names the empty handle, which is refused
        return Arrays.asList(p.split("/", -1));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Stops the server: no new requests; in-flight uploads are cut off (they publish nothing) and the
     * handlers are given a few seconds to clean up; the connection file is removed. The catalog stays open:
     * it belongs to the caller.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        jobs.ifPresent(JobsEndpoint::stop);
        http.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (active.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        executor.shutdownNow();
        watchdog.close();
        connectionFile.ifPresent(f -> {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // left behind: the next server writes another name; clients check the pid
            }
        });
    }

    /**
     * Configures a server. Setters check their argument at once; {@link #start()} checks the combination
     * (a non-loopback address needs TLS).
     */
    public static final class Builder {
        private final Catalog catalog;
        private InetAddress address;
        private int port;
        private String token;
        private SSLContext sslContext;
        private ExchangeLimits limits = ExchangeLimits.defaults();
        private boolean declaredOnly;
        private JobRegistry jobs;
        private boolean writeConnectionFile = true;
        private Path connectionFile;
        private Path workflow;
        private final Set<String> allowedHosts = new LinkedHashSet<>();

        private Builder(Catalog catalog) {
            this.catalog = requireNonNull(catalog, "catalog is null");
            this.address = InetAddress.getLoopbackAddress();
        }

        /** The address and port to listen on (default {@code 127.0.0.1} and a free port, {@code 0}). */
        public Builder bind(InetAddress address, int port) {
            requireNonNull(address, "address is null");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            this.address = address;
            this.port = port;
            return this;
        }

        /** {@code host:port} or {@code host} (a free port); a name is resolved now. */
        public Builder bind(String hostAndPort) {
            requireNonNull(hostAndPort, "hostAndPort is null");
            int colon = hostAndPort.lastIndexOf(':');
            String host = hostAndPort;
            int p = 0;
            if (colon > 0 && !hostAndPort.endsWith("]") && hostAndPort.indexOf(':') == colon) {
                host = hostAndPort.substring(0, colon);
                try {
                    p = Integer.parseInt(hostAndPort.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad port in '" + hostAndPort + "'");
                }
            }
            try {
                return bind(InetAddress.getByName(host.replace("[", "").replace("]", "")), p);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cannot resolve bind address '" + host + "'", e);
            }
        }

        /** Use this token instead of a random one (at least 32 characters). */
        public Builder token(String token) {
            requireNonNull(token, "token is null");
            if (token.length() < 32 || token.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
                throw new IllegalArgumentException("a token has at least 32 printable ASCII characters and no spaces");
            }
            this.token = token;
            return this;
        }

        /** Serve HTTPS with this context (required for any non-loopback address). */
        public Builder tls(SSLContext context) {
            this.sslContext = requireNonNull(context, "context is null");
            return this;
        }

        /** Another name clients may use in {@code Host} (for a non-loopback server behind a DNS name). */
        public Builder allowHost(String hostName) {
            requireNonNull(hostName, "hostName is null");
            if (hostName.isBlank() || hostName.contains(":") && !hostName.startsWith("[")) {
                throw new IllegalArgumentException("a host name without a port, was '" + hostName + "'");
            }
            allowedHosts.add(hostName);
            return this;
        }

        public Builder limits(ExchangeLimits limits) {
            this.limits = requireNonNull(limits, "limits is null");
            return this;
        }

        /** Refuse pushes to names the catalog does not declare (default: they become temporary handles). */
        public Builder declaredOnly(boolean declaredOnly) {
            this.declaredOnly = declaredOnly;
            return this;
        }

        /** Serve this registry's jobs under {@code /v1/jobs}. */
        public Builder jobs(JobRegistry registry) {
            this.jobs = requireNonNull(registry, "registry is null");
            return this;
        }

        /** Write the connection file here instead of the default folder. */
        public Builder connectionFile(Path file) {
            requireNonNull(file, "file is null");
            if (!writeConnectionFile) {
                throw new IllegalStateException("the connection file was turned off");
            }
            this.connectionFile = file.toAbsolutePath();
            return this;
        }

        /** Write no connection file (the caller hands {@link ExchangeServer#token()} over itself). */
        public Builder noConnectionFile() {
            if (connectionFile != null) {
                throw new IllegalStateException("a connection file was already set: " + connectionFile);
            }
            this.writeConnectionFile = false;
            return this;
        }

        /** The workflow file, recorded in the connection file so clients can tell servers apart. */
        public Builder workflow(Path workflowFile) {
            this.workflow = requireNonNull(workflowFile, "workflowFile is null").toAbsolutePath();
            return this;
        }

        /**
         * Starts the server.
         *
         * @throws IllegalStateException if the address is not loopback and no TLS context is set
         * @throws UncheckedIOException if the address cannot be bound or the connection file written
         */
        public ExchangeServer start() {
            if (!address.isLoopbackAddress() && sslContext == null) {
                throw new IllegalStateException("binding " + address.getHostAddress() + " (not loopback) requires TLS:"
                        + " set tls(SSLContext); the token alone would travel in clear text");
            }
            try {
                return new ExchangeServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the exchange server on " + address.getHostAddress() + ":"
                        + port + ": " + e.getMessage(), e);
            }
        }
    }
}
