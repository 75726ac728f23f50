package org.datahandle.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends events to a job's log: assigns sequence numbers, writes JSON lines into the current
 * segment, starts a new segment past {@code segmentBytes} and deletes the oldest segments while the
 * log is larger than {@code retentionBytes}. Memory is one write buffer and one line encoder,
 * whatever the child prints and whoever reads. Thread-safe: the stdout, stderr and rows pumps and
 * the supervisor share it.
 *
 * <p>Output lines, the bulk of any log, are encoded from the child's bytes without building a
 * String ({@link OutputLineEncoder}), into a buffer of this class's own (no lock per line); their
 * time is read once per chunk a pump reads, and formatted at most once per millisecond. A pump holds
 * the writer for a whole chunk ({@link #beginChunk()} to {@link #endChunk()}): a flood of short lines
 * costs one lock per read, not one per line.
 *
 * <p>An I/O failure (disk full) is remembered and reported by {@link #failure()}; later appends are
 * dropped rather than stalling the pumps, which must keep draining the child's pipes.
 */
final class EventLogWriter implements AutoCloseable {
    /** The log's write buffer: a flood reaches the file in writes of this size. */
    private static final int WRITE_BUFFER = 256 << 10;

    private final Path dir;
    private final long segmentBytes;
    private final long retentionBytes;
    private final LogSignal signal;
    /** Closed segments still on disk, oldest first: {first seq, bytes}. */
    private final Deque<long[]> closedSegments = new ArrayDeque<>();
    private final OutputLineEncoder encoder = new OutputLineEncoder();
    /** Guards everything below; a pump holds it across the lines of one chunk it read. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Appended lines not yet written: a flood reaches the file in writes of this size. */
    private final byte[] buffer = new byte[WRITE_BUFFER];
    private int buffered;

    private long nextSeq;
    private long currentFirst = -1;
    private long currentBytes;
    private OutputStream out;
    private IOException failure;
    private boolean dirty;
    /** After close nothing is appended: the terminal status stays the last event. */
    private boolean ended;
    private long timeReadAt;
    private Instant time;
    private byte[] timeBytes;

    EventLogWriter(Path dir, long firstSeq, long segmentBytes, long retentionBytes, LogSignal signal) {
        this.dir = dir;
        this.nextSeq = firstSeq;
        this.segmentBytes = segmentBytes;
        this.retentionBytes = retentionBytes;
        this.signal = signal;
        readClock(System.nanoTime());
    }

    long nextSeq() {
        lock.lock();
        try {
            return nextSeq;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A pump has just read a chunk of output and hands over its lines next: takes the writer until
     * {@link #endChunk()} (the lines of one read stay together, and cost one lock), and reads the clock
     * once for them all, rather than once per line of a flood.
     */
    void beginChunk() {
        lock.lock();
        now();
    }

    /** The end of the lines of the chunk {@link #beginChunk()} began. */
    void endChunk() {
        lock.unlock();
    }

    /**
     * A line (or a piece of one) of the child's output, as the bytes it wrote, timed at the pump's
     * {@link #beginChunk()}. Only between {@link #beginChunk()} and {@link #endChunk()}, which hold the
     * writer: the hot path of a flood takes no lock per line.
     */
    void output(JobStream stream, byte[] bytes, int off, int len, boolean partial) {
        assert lock.isHeldByCurrentThread() : "output() outside beginChunk()/endChunk()";
        if (ended) {
            return; // a pump abandoned after the job ended (a process outside the group held its pipe)
        }
        encoder.encode(nextSeq, timeBytes, stream, bytes, off, len, partial);
        nextSeq++;
        append(encoder.bytes(), encoder.length());
    }

    JobEvent.Status status(JobStatus status) {
        lock.lock();
        try {
            JobEvent.Status e = new JobEvent.Status(nextSeq, Instant.now(), status);
            write(e);
            flush();
            return e;
        } finally {
            lock.unlock();
        }
    }

    void row(Map<String, Object> values) {
        lock.lock();
        try {
            write(new JobEvent.Row(nextSeq, now(), values));
        } finally {
            lock.unlock();
        }
    }

    void invalidRow(String text, String error) {
        lock.lock();
        try {
            write(new JobEvent.InvalidRow(nextSeq, now(), text, error));
        } finally {
            lock.unlock();
        }
    }

    /** Makes everything appended so far visible to readers, and wakes this process's cursors. */
    void flush() {
        lock.lock();
        try {
            if (out != null && dirty && failure == null) {
                try {
                    writeBuffer();
                } catch (IOException e) {
                    failure = e;
                }
            }
            dirty = false;
            signal.bump();
        } finally {
            lock.unlock();
        }
    }

    /** The first I/O error, if writing the log failed. */
    IOException failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            flush();
            ended = true;
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
        } finally {
            lock.unlock();
        }
    }

    /** The time of events written now, read from the clock at most once per millisecond. */
    private Instant now() {
        long t = System.nanoTime();
        if (t - timeReadAt >= 1_000_000L) {
            readClock(t);
        }
        return time;
    }

    private void readClock(long nanoTime) {
        timeReadAt = nanoTime;
        time = Instant.now();
        timeBytes = time.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void write(JobEvent e) {
        if (ended) {
            return;
        }
        byte[] line = (e.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
        nextSeq++;
        append(line, line.length);
    }

    private void append(byte[] line, int len) {
        if (failure != null) {
            return;
        }
        try {
            if (out == null) {
                currentFirst = nextSeq - 1;
                currentBytes = 0;
                out = Files.newOutputStream(Segments.path(dir, currentFirst), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            }
            if (len > buffer.length - buffered) {
                writeBuffer();
            }
            if (len > buffer.length) {
                out.write(line, 0, len);
            } else {
                System.arraycopy(line, 0, buffer, buffered, len);
                buffered += len;
            }
            currentBytes += len;
            dirty = true;
            if (currentBytes >= segmentBytes) {
                rotate();
            }
        } catch (IOException ex) {
            failure = ex;
        }
    }

    /** Writes what the buffer holds to the current segment. */
    private void writeBuffer() throws IOException {
        if (buffered > 0) {
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
    }

    /** Ends the current segment (complete before any later one exists), then applies retention. */
    private void rotate() throws IOException {
        writeBuffer();
        out.close();
        out = null;
        dirty = false;
        signal.bump();
        closedSegments.addLast(new long[] {currentFirst, currentBytes});
        long total = 0;
        for (long[] s : closedSegments) {
            total += s[1];
        }
        // the segment that follows is still to be written: keep at most retention minus one segment
        while (!closedSegments.isEmpty() && total + segmentBytes > retentionBytes) {
            long[] oldest = closedSegments.removeFirst();
            total -= oldest[1];
            Files.deleteIfExists(Segments.path(dir, oldest[0]));
        }
    }
}
