package org.datahandle.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * How far a long copy is: bytes read of the input's total, rows, rate and time left. On a terminal
 * one line redrawn in place; elsewhere (a log, a pipe) a plain line every few seconds, so a log
 * file is not flooded with carriage returns.
 */
abstract class Progress {
    private final long totalBytes;
    private final long start = System.nanoTime();

    Progress(long totalBytes) {
        this.totalBytes = totalBytes;
    }

    /** How progress is shown; {@code auto} picks {@code bar} on a terminal and {@code log} elsewhere. */
    enum Mode {
        auto, bar, log, none
    }

    static Progress create(Mode mode, long totalBytes, PrintWriter err) {
        Mode m = mode;
        if (m == Mode.auto) {
            // System.console() is non-null only when stdin and stdout are a terminal: the user is watching
            m = System.console() != null ? Mode.bar : Mode.log;
        }
        if (m == Mode.bar) {
            return new Bar(totalBytes, err);
        }
        if (m == Mode.log) {
            return new Log(totalBytes, err);
        }
        return new Progress(totalBytes) {
            @Override
            void update(long bytes, long rows) {}

            @Override
            void finish(long bytes, long rows) {}
        };
    }

    /** After each batch; implementations decide whether to print. */
    abstract void update(long bytes, long rows);

    /** Once, after the copy succeeded. */
    abstract void finish(long bytes, long rows);

    final double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** {@code 45% 12.3 MiB/27.1 MiB  1,234 rows  4.1 MiB/s  2,000 rows/s  ETA 0:04}. */
    final String line(long bytes, long rows) {
        double seconds = Math.max(elapsedSeconds(), 1e-3);
        long read = Math.min(bytes, totalBytes);
        StringBuilder sb = new StringBuilder();
        if (totalBytes > 0) {
            sb.append(String.format(Locale.ROOT, "%3d%% ", read * 100 / totalBytes));
        }
        sb.append(Output.bytes(read)).append('/').append(Output.bytes(totalBytes));
        sb.append(String.format(Locale.ROOT, "  %,d rows  %s/s  %,d rows/s", rows,
                Output.bytes((long) (bytes / seconds)), (long) (rows / seconds)));
        if (read > 0 && read < totalBytes) {
            long left = (long) Math.ceil(seconds * (totalBytes - read) / read);
            sb.append(String.format(Locale.ROOT, "  ETA %d:%02d", left / 60, left % 60));
        }
        return sb.toString();
    }

    final String summary(long bytes, long rows) {
        return String.format(Locale.ROOT, "%,d rows, %s read in %.1f s", rows, Output.bytes(bytes), elapsedSeconds());
    }

    private static final class Bar extends Progress {
        private static final long EVERY_NANOS = 100_000_000L;
        private final PrintWriter err;
        private long last;

        Bar(long totalBytes, PrintWriter err) {
            super(totalBytes);
            this.err = err;
        }

        @Override
        void update(long bytes, long rows) {
            long now = System.nanoTime();
            if (now - last >= EVERY_NANOS) {
                last = now;
                err.print("\r" + line(bytes, rows) + "\033[K");
                err.flush();
            }
        }

        @Override
        void finish(long bytes, long rows) {
            err.print("\r" + line(bytes, rows) + "\033[K\n");
            err.flush();
        }
    }

    private static final class Log extends Progress {
        private static final long EVERY_NANOS = 5_000_000_000L;
        private final PrintWriter err;
        private long last = System.nanoTime();

        Log(long totalBytes, PrintWriter err) {
            super(totalBytes);
            this.err = err;
        }

        @Override
        void update(long bytes, long rows) {
            long now = System.nanoTime();
            if (now - last >= EVERY_NANOS) {
                last = now;
                err.println("progress: " + line(bytes, rows));
            }
        }

        @Override
        void finish(long bytes, long rows) {
            err.println("progress: done, " + summary(bytes, rows));
        }
    }
}
