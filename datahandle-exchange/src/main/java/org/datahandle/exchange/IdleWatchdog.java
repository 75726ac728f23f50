package org.datahandle.exchange;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drops requests that make no progress for the idle timeout: a client that stops reading a pull holds a
 * worker thread blocked in a socket write, and one that stops sending a push holds one blocked in a read.
 * Expiring a request closes its connection, which ends a blocked socket read or write with an I/O error, and
 * interrupts its thread (which ends a wait elsewhere, such as on a staged file's channel). The handler then
 * ends as for any broken connection (a push publishes nothing). What a stalled reader costs meanwhile is
 * bounded: one batch and the socket buffers.
 */
final class IdleWatchdog implements AutoCloseable {
    private final long idleNanos;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    IdleWatchdog(Duration idle) {
        this.idleNanos = idle.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "datahandle-exchange-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, idle.toMillis() / 4);
        timer.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts watching the request the calling thread handles; close the watch when done with it.
     */
    Watch watch(HttpExchange exchange) {
        Watch w = new Watch(exchange);
        watches.add(w);
        return w;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watch w : watches) {
            if (now - w.last > idleNanos) {
                w.expire();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One watched request. */
    final class Watch implements AutoCloseable, Runnable {
        private final Thread handler = Thread.currentThread();
        private final HttpExchange exchange;
        private volatile long last = System.nanoTime();
        private volatile boolean expired;
        private boolean closed;

        private Watch(HttpExchange exchange) {
            this.exchange = exchange;
        }

        private synchronized void expire() {
            watches.remove(this);
            if (!closed && !expired) {
                expired = true;
                exchange.abort(); // blocking socket reads and writes end only when their socket closes
                handler.interrupt();
            }
        }

        /** Progress: bytes moved. */
        @Override
        public void run() {
            last = System.nanoTime();
        }

        /** Whether the watchdog dropped this request. */
        boolean expired() {
            return expired;
        }

        @Override
        public synchronized void close() {
            closed = true;
            watches.remove(this);
            if (expired) {
                Thread.interrupted(); // leave no interrupt behind for the thread's next request
            }
        }
    }
}
