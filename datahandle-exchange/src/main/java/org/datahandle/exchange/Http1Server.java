package org.datahandle.exchange;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A small HTTP/1.1 server on blocking sockets: one thread of a bounded pool per connection, requests parsed
 * strictly ({@link HttpRequestHead}), bodies read in large blocks straight from the socket into the
 * handler's buffers ({@link HttpBodyInput}), keep-alive between requests. It replaced the JDK's
 * {@code com.sun.net.httpserver}, which hands a request body over in reads of at most 8 KiB and offers no
 * way around it (docs/performance.md, issue 12).
 *
 * <p>Bounded everywhere: a request's head must arrive within the idle time and fit the header limit; a
 * connection idle between requests is closed after {@link #KEEP_ALIVE} (or the idle time, when shorter), or
 * at once when every thread is taken and a new connection waits for one (an idle connection does not keep
 * a thread from a client with a request; HTTP/1.1 lets a server close an idle connection at any time, and
 * clients retry on a new one); a connection that cannot even be queued is answered 503 and closed. A
 * request that breaks the framing is answered (400, 414, 431, 501 or 505) and its connection closed.
 */
final class Http1Server implements AutoCloseable {
    /** How long a connection may wait for its next request. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

    /** Serves one request; whatever it throws has already been answered or is the connection's end. */
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final ServerSocket listener;
    private final ExecutorService pool;
    private volatile Handler handler;
    private final int maxHeaderBytes;
    private final int idleMillis;
    private final int keepAliveMillis;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final int threads;
    /** Connections accepted and not yet given a thread. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Connections holding a thread (serving a request or waiting for the next one). */
    private final AtomicInteger serving = new AtomicInteger();
    /** Connections holding a thread while they wait for their next request, with nothing of it read yet. */
    private final Set<Socket> idle = ConcurrentHashMap.newKeySet();
    /** Idle connections closed for a waiting one, whose threads have not finished yet; counted in freeing. */
    private final Set<Socket> yielded = ConcurrentHashMap.newKeySet();
    /** Threads being freed for waiting connections: one per waiting connection is enough. */
    private final AtomicInteger freeing = new AtomicInteger();
    private final AtomicLong closedForWaiting = new AtomicLong();
    /** Closes connections whose TLS handshake takes longer than the idle time. */
    private final ScheduledExecutorService handshakeTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "datahandle-exchange-handshakes");
        t.setDaemon(true);
        return t;
    });
    private Thread acceptor;
    private volatile boolean closed;

    /** Binds the address; {@link #start} begins accepting. */
    Http1Server(InetSocketAddress address, SSLContext tls, ExecutorService pool, ExchangeLimits limits)
            throws IOException {
        // plain text accepts through a channel, so that a response can hand file bytes to the kernel
        // (FileChannel.transferTo: sendfile); the socket's streams serve everything else as before
        this.listener = tls == null ? ServerSocketChannel.open().socket() : tls.getServerSocketFactory().createServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(address, 64);
        } catch (IOException | RuntimeException e) {
            listener.close();
            handshakeTimer.shutdownNow();
            throw e;
        }
        this.pool = pool;
        this.maxHeaderBytes = limits.maxHeaderBytes();
        this.idleMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, limits.idleTimeout().toMillis()));
        this.keepAliveMillis = (int) Math.min(idleMillis, KEEP_ALIVE.toMillis());
        this.threads = limits.threads();
    }

    /** Accepts connections and serves their requests with {@code requestHandler}. */
    synchronized void start(Handler requestHandler) {
        if (acceptor != null) {
            throw new IllegalStateException("already started");
        }
        this.handler = requestHandler;
        this.acceptor = new Thread(this::acceptLoop, "datahandle-exchange-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Idle connections closed so far to free a thread for a waiting one (not those whose keep-alive ran out). */
    long idleConnectionsClosedForWaiting() {
        return closedForWaiting.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                try {
                    Thread.sleep(10); // out of file descriptors, say: do not spin
                } catch (InterruptedException stop) {
                    return;
                }
                continue;
            }
            connections.add(s);
            waiting.incrementAndGet();
            try {
                pool.execute(() -> serveConnection(s));
            } catch (RejectedExecutionException e) {
                waiting.decrementAndGet();
                refuse(s);
                continue;
            }
            if (claimThreadForWaiting()) {
                closeAnIdleConnection();
            }
        }
    }

    /**
     * Whether a connection waits while every thread is taken and no thread is being freed for it yet; if so,
     * the caller frees one (or gives the claim back). Acceptor and idle threads both ask: one claim per waiter.
     */
    private boolean claimThreadForWaiting() {
        while (true) {
            int beingFreed = freeing.get();
            if (serving.get() < threads || waiting.get() <= beingFreed) {
                return false;
            }
            if (freeing.compareAndSet(beingFreed, beingFreed + 1)) {
                return true;
            }
        }
    }

    /** With a claim: closes one connection that is between requests; its thread then takes the waiting one. */
    private void closeAnIdleConnection() {
        for (Socket s : idle) {
            if (idle.remove(s)) {
                yielded.add(s);
                closedForWaiting.incrementAndGet();
                closeQuietly(s); // its thread's read fails, and the thread takes the next connection
                return;
            }
        }
        freeing.decrementAndGet(); // none idle: the waiting connection gets the first thread whose request ends
    }

    /** With a claim, on an idle connection's own thread: whether it gives the connection up. */
    private boolean yieldIdle(Socket s) {
        if (idle.remove(s)) {
            yielded.add(s);
            closedForWaiting.incrementAndGet();
            return true;
        }
        freeing.decrementAndGet(); // the acceptor closed it meanwhile, on a claim of its own
        return false;
    }

    /** No thread for the connection: 503 at once, without reading it. */
    private void refuse(Socket s) {
        try (s) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write(errorResponse(WireError.of(503, WireError.BUSY, null, "the server has no free thread; try again")));
            out.flush();
        } catch (IOException ignored) {
            // gone
        } finally {
            connections.remove(s);
        }
    }

    private void serveConnection(Socket s) {
        waiting.decrementAndGet();
        serving.incrementAndGet();
        try {
            s.setTcpNoDelay(true);
            if (s instanceof javax.net.ssl.SSLSocket tls) {
                // bounded as a whole: a client that trickles its handshake holds no thread past the idle time
                s.setSoTimeout(idleMillis);
                ScheduledFuture<?> cut = handshakeTimer.schedule(() -> closeQuietly(s), idleMillis, TimeUnit.MILLISECONDS);
                try {
                    tls.startHandshake();
                } finally {
                    cut.cancel(false);
                }
            }
            InputStream rawIn = s.getInputStream();
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 64 << 10);
            HttpInput in = new HttpInput(rawIn);
            boolean first = true;
            while (!closed) {
                s.setSoTimeout(first ? idleMillis : keepAliveMillis);
                in.lineDeadline(System.nanoTime() + (first ? idleMillis : keepAliveMillis) * 1_000_000L);
                if (!first && in.buffered() == 0) {
                    // idle until the next request: the acceptor may close this connection for a waiting one,
                    // and this thread gives it up itself when one already waits (marked first, then checked,
                    // as the acceptor counts first, then looks: one of the two sees the other)
                    idle.add(s);
                    if (claimThreadForWaiting() && yieldIdle(s)) {
                        return;
                    }
                }
                HttpRequestHead head;
                try {
                    head = HttpRequestHead.read(in, maxHeaderBytes);
                    idle.remove(s);
                    in.noLineDeadline();
                } catch (HttpProtocolException e) {
                    out.write(errorResponse(e.error()));
                    out.flush();
                    lingeringClose(s);
                    return;
                }
                if (head == null) {
                    return;
                }
                first = false;
                s.setSoTimeout(idleMillis); // inside a request the idle watchdog and this bound the waits
                if (head.expectContinue()) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                HttpBodyInput body = HttpBodyInput.of(in, head, maxHeaderBytes);
                HttpExchange ex = new HttpExchange(head, body, out, s.getChannel(), () -> abort(s));
                try {
                    handler.handle(ex);
                } finally {
                    ex.close();
                }
                if (!ex.reusable()) {
                    if (!body.complete()) {
                        lingeringClose(s);
                    }
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or the handler's failure was answered as far as possible
        } finally {
            idle.remove(s);
            serving.decrementAndGet();
            if (yielded.remove(s)) { // after serving, so that nobody frees a second thread for the same waiter
                freeing.decrementAndGet();
            }
            closeQuietly(s);
            connections.remove(s);
        }
    }

    /**
     * Closes after an answer to a request whose body was not read: stops sending, then reads and drops what
     * the client is still sending for a moment, so that it sees the answer rather than a reset.
     */
    private static void lingeringClose(Socket s) {
        try {
            s.getOutputStream().flush();
            if (!(s instanceof javax.net.ssl.SSLSocket)) {
                s.shutdownOutput();
            }
            s.setSoTimeout(500);
            InputStream in = s.getInputStream();
            byte[] drop = new byte[16 << 10];
            long left = 1L << 20;
            for (int n; left > 0 && (n = in.read(drop)) > 0; ) {
                left -= n;
            }
        } catch (IOException ignored) {
            // done either way
        }
    }

    static byte[] errorResponse(WireError e) {
        String body;
        try {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("error", e.code());
            m.put("message", e.message());
            body = Http.JSON.writeValueAsString(m);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + e.status() + " Error\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                + (e.status() == 503 ? "\r\nRetry-After: 1" : "") + "\r\nConnection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }

    /**
     * Ends a connection under a blocked request. Closing alone does not wake a thread blocked in
     * {@code sendfile} on the socket (the socket channel does not know it is there; measured: without this
     * and the watchdog's interrupt, which wakes it through the file's channel, a stalled reader holds its
     * thread); shutting the socket down first wakes it whatever it is blocked in.
     */
    private static void abort(Socket s) {
        try {
            if (!(s instanceof javax.net.ssl.SSLSocket)) {
                s.shutdownOutput();
                s.shutdownInput();
            }
        } catch (IOException ignored) {
            // already down
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closed
        }
    }

    /** Stops accepting and closes every connection: requests in flight fail (an upload publishes nothing). */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closed
        }
        for (Socket s : connections) {
            closeQuietly(s);
        }
        handshakeTimer.shutdownNow();
        Thread a;
        synchronized (this) {
            a = acceptor;
        }
        try {
            if (a != null) {
                a.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
