package org.datahandle.jobs;

/**
 * Wakes the cursors of this process when the writer of a log flushes, so a following reader sees a
 * line as soon as it is written. Readers in other processes have no signal and poll the files.
 */
final class LogSignal {
    /** For logs written by another process: nobody signals, waiting is polling. */
    static final LogSignal NONE = new LogSignal();

    private long version;

    synchronized long version() {
        return version;
    }

    synchronized void bump() {
        version++;
        notifyAll();
    }

    /** Waits up to {@code millis} unless the version has moved past {@code seen} already. */
    synchronized void awaitChange(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (version == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
