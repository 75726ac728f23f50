package org.datahandle.exchange;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drops requests that make no progress for the idle timeout: a client that stops reading a pull holds a
 * worker thread blocked in a socket write, and one that stops sending a push holds one blocked in a read.
 * The JDK server's connections are blocking socket channels, which are interruptible: interrupting the
 * blocked handler thread closes the connection and unblocks it with an I/O error (an
 * {@code HttpExchange} offers no other way to close a connection that is stuck mid-write). The handler then
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
     * Starts watching the request the calling thread handles; close the watch when done with it. (The
     * exchange itself cannot be closed while a write to it is blocked; its thread can be interrupted.)
     */
    Watch watch(HttpExchange exchange) {
        Watch w = new Watch();
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
        private volatile long last = System.nanoTime();
        private volatile boolean expired;
        private boolean closed;

        private Watch() {}

        private synchronized void expire() {
            watches.remove(this);
            if (!closed && !expired) {
                expired = true;
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
