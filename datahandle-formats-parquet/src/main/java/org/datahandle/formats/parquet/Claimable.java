package org.datahandle.formats.parquet;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A task handed to the catalog's executor that the waiting thread runs itself when no pool thread
 * has started it yet. The reading (or writing) thread may itself be a thread of that executor, or
 * its threads may all be busy: waiting for a task that has not started could then wait forever, so
 * whoever claims the task first runs it, and the other only waits for a task already running.
 */
final class Claimable<T> {
    private final Supplier<T> work;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Claimable(Supplier<T> work) {
        this.work = work;
    }

    /** Starts {@code work} on {@code executor}, or leaves it to {@link #join()} when there is none or it refuses. */
    static <T> Claimable<T> submit(Supplier<T> work, Executor executor) {
        Claimable<T> task = new Claimable<>(work);
        if (executor != null) {
            try {
                executor.execute(task::runIfUnclaimed);
            } catch (RejectedExecutionException e) {
                // the catalog is closing: join() runs it
            }
        }
        return task;
    }

    private void runIfUnclaimed() {
        if (claimed.compareAndSet(false, true)) {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }
    }

    /** The result: computed here if no pool thread has started the work, else waited for. */
    T join() {
        runIfUnclaimed();
        try {
            return result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Runs {@code then} on the result once there is one (to release it when nobody will join). */
    void whenDone(java.util.function.Consumer<T> then) {
        result.thenAccept(then);
    }

    /** Keeps a pool thread that has not started the work from starting it. */
    void cancel() {
        if (claimed.compareAndSet(false, true)) {
            result.cancel(false);
        }
    }
}
