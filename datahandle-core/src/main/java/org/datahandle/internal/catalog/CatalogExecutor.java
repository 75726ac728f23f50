package org.datahandle.internal.catalog;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one catalog, which every parallel read of its handles shares (BGZF inflation,
 * chunked CSV parsing): the engine's executor when it gave one, else a pool of one daemon thread
 * per core, started on first use, whose idle threads end after a while, and which stops when the
 * catalog closes. An engine's executor is never shut down here: the engine owns it.
 *
 * <p>Tasks submitted here never wait on one another (the reading thread waits on them), so a pool of
 * any size makes progress.
 */
public final class CatalogExecutor implements Executor, AutoCloseable {
    private static final AtomicInteger CATALOG_NUMBER = new AtomicInteger();
    private static final long IDLE_SECONDS = 30;

    private final Executor given;
    private ThreadPoolExecutor own;
    private boolean closed;

    private CatalogExecutor(Executor given) {
        this.given = given;
    }

    /** A pool of the catalog's own, started on first use. */
    public static CatalogExecutor own() {
        return new CatalogExecutor(null);
    }

    /** The engine's executor, used as is and never shut down. */
    public static CatalogExecutor of(Executor engine) {
        return new CatalogExecutor(requireNonNull(engine, "engine is null"));
    }

    @Override
    public void execute(Runnable task) {
        requireNonNull(task, "task is null");
        target().execute(task);
    }

    private synchronized Executor target() {
        if (given != null) {
            return given;
        }
        if (closed) {
            throw new RejectedExecutionException("the catalog is closed");
        }
        if (own == null) {
            int threads = Runtime.getRuntime().availableProcessors();
            int catalog = CATALOG_NUMBER.incrementAndGet();
            AtomicInteger thread = new AtomicInteger();
            own = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    task -> {
                        Thread t = new Thread(task, "datahandle-" + catalog + "-" + thread.incrementAndGet());
                        t.setDaemon(true); // a catalog the engine forgets to close must not keep the JVM alive
                        return t;
                    });
            own.allowCoreThreadTimeOut(true);
        }
        return own;
    }

    /** Whether the catalog's own pool was started; for tests. */
    synchronized boolean startedOwnPool() {
        return own != null;
    }

    /** Stops the catalog's own pool (interrupting what runs on it); an engine's executor is left alone. */
    @Override
    public synchronized void close() {
        closed = true;
        if (own != null) {
            own.shutdownNow();
        }
    }
}
