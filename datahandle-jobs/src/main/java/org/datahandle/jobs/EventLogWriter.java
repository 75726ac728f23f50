package org.datahandle.jobs;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Appends events to a job's log: assigns sequence numbers, writes JSON lines into the current
 * segment, starts a new segment past {@code segmentBytes} and deletes the oldest segments while the
 * log is larger than {@code retentionBytes}. Memory is one write buffer, whatever the child prints
 * and whoever reads. Thread-safe: the stdout, stderr and rows pumps and the supervisor share it.
 *
 * <p>An I/O failure (disk full) is remembered and reported by {@link #failure()}; later appends are
 * dropped rather than stalling the pumps, which must keep draining the child's pipes.
 */
final class EventLogWriter implements AutoCloseable {
    private final Path dir;
    private final long segmentBytes;
    private final long retentionBytes;
    private final LogSignal signal;
    /** Closed segments still on disk, oldest first: {first seq, bytes}. */
    private final Deque<long[]> closed = new ArrayDeque<>();

    private long nextSeq;
    private long currentFirst = -1;
    private Counting counting;
    private JsonGenerator out;
    private IOException failure;
    private boolean dirty;

    EventLogWriter(Path dir, long firstSeq, long segmentBytes, long retentionBytes, LogSignal signal) {
        this.dir = dir;
        this.nextSeq = firstSeq;
        this.segmentBytes = segmentBytes;
        this.retentionBytes = retentionBytes;
        this.signal = signal;
    }

    synchronized long nextSeq() {
        return nextSeq;
    }

    synchronized void output(JobStream stream, String text, boolean partial) {
        write(new JobEvent.Output(nextSeq, Instant.now(), stream, text, partial));
    }

    synchronized JobEvent.Status status(JobStatus status) {
        JobEvent.Status e = new JobEvent.Status(nextSeq, Instant.now(), status);
        write(e);
        flush();
        return e;
    }

    synchronized void row(Map<String, Object> values) {
        write(new JobEvent.Row(nextSeq, Instant.now(), values));
    }

    synchronized void invalidRow(String text, String error) {
        write(new JobEvent.InvalidRow(nextSeq, Instant.now(), text, error));
    }

    /** Makes everything appended so far visible to readers, and wakes this process's cursors. */
    synchronized void flush() {
        if (out != null && dirty && failure == null) {
            try {
                out.flush();
            } catch (IOException e) {
                failure = e;
            }
        }
        dirty = false;
        signal.bump();
    }

    /** The first I/O error, if writing the log failed. */
    synchronized IOException failure() {
        return failure;
    }

    @Override
    public synchronized void close() {
        flush();
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            out = null;
        }
        signal.bump();
    }

    private void write(JobEvent e) {
        nextSeq++;
        if (failure != null) {
            return;
        }
        try {
            if (out == null) {
                open(e.seq());
            }
            EventCodec.write(out, e);
            out.writeRaw('\n');
            dirty = true;
            if (counting.count >= segmentBytes) {
                rotate();
            }
        } catch (IOException ex) {
            failure = ex;
        }
    }

    private void open(long firstSeq) throws IOException {
        counting = new Counting(new BufferedOutputStream(Files.newOutputStream(Segments.path(dir, firstSeq),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16));
        out = EventCodec.factory().createGenerator(counting);
        // one event per line, no pretty printing; a root-value separator would add spaces
        out.setRootValueSeparator(null);
        currentFirst = firstSeq;
    }

    /** Ends the current segment (complete before any later one exists), then applies retention. */
    private void rotate() throws IOException {
        out.close();
        signal.bump();
        out = null;
        dirty = false;
        closed.addLast(new long[] {currentFirst, counting.count});
        long total = 0;
        for (long[] s : closed) {
            total += s[1];
        }
        // the segment that follows is still to be written: keep at most retention minus one segment
        while (!closed.isEmpty() && total + segmentBytes > retentionBytes) {
            long[] oldest = closed.removeFirst();
            total -= oldest[1];
            Files.deleteIfExists(Segments.path(dir, oldest[0]));
        }
    }

    /** Counts bytes on their way to the file. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
