package org.datahandle.formats.compress;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread pools owned by one stream, and waiting on their results with I/O semantics. */
final class Workers {

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private Workers() {}

    /**
     * A fixed pool of daemon threads: a stream the caller forgets to close must not keep the JVM
     * alive. The stream shuts the pool down when it closes or reaches its end.
     */
    static ExecutorService newPool(String purpose, int threads) {
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "datahandle-" + purpose + "-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The result of {@code future}. A task's IOException is rethrown as a new IOException with the
     * same message (so the caller's stack is in the trace) and the original as its cause.
     */
    static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for a block");
            interrupted.initCause(e);
            throw interrupted;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }
}
