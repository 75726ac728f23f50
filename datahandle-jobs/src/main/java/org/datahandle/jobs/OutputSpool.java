package org.datahandle.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;

/**
 * Keeps the child's output away from the cost of encoding it. The stdout and stderr pumps copy
 * what each read of a pipe returns into one raw spool file (a read and a write, what {@code cat >
 * file} costs), tagged with its stream, in the order the reads returned; an encoder thread turns
 * the spool into log events in that same order. The child therefore waits for the copy, not for
 * the encoding.
 *
 * <p>Three paths, all in the order the reads returned (one lock orders them):
 * <ul>
 *   <li><b>A trickle</b>: a small read ({@value #INLINE_BYTES} bytes at most) that finds the spool
 *       empty and nobody encoding is encoded and flushed by the pump itself, at once: no spool write,
 *       no hand-over to another thread, so a follower sees the line within the read's own time.
 *   <li><b>A flood</b>: larger reads, or reads behind a backlog, are spooled; the encoder thread
 *       encodes them at a lower CPU priority where it can ({@link BackgroundPriority}): with a spare
 *       core it keeps up, under load it yields to the child and the pumps, and catches up later. It
 *       flushes the log whenever it has caught up.
 *   <li><b>A full spool</b> ({@code limitBytes} behind): the pump encodes the oldest record itself
 *       instead of waiting for the encoder, so a child that gets that far ahead goes at the speed of
 *       the encoding at the pump's own priority (as for any slow reader of a pipe), never slower.
 * </ul>
 *
 * <p>The file is emptied (truncated) when the encoder has caught up and it has grown past
 * {@code truncateBytes}: rarely in a flood (truncating at every record it catches up with would be
 * tens of thousands of truncations per GiB), and the disk holds at most the backlog plus that much.
 * It is deleted at the end. Memory is a few 64 KiB buffers, whatever the child writes.
 *
 * <p>Record format: stream ordinal (1 byte), length (4 bytes, -1 for the end of that stream), bytes.
 */
final class OutputSpool {
    static final int CHUNK = 64 << 10;
    static final int HEADER = 5;
    /** A read this small that finds nothing waiting is encoded by the pump at once (a line a person can read). */
    static final int INLINE_BYTES = 4 << 10;
    /** By default the spool file is emptied once caught up past this size. */
    static final long TRUNCATE_BYTES = 16L << 20;
    private static final int END = -1;

    private final Path file;
    private final FileChannel channel;
    private final EventLogWriter log;
    private final Map<JobStream, LineSplitter> splitters = new EnumMap<>(JobStream.class);
    private final LineSplitter.Sink[] sinks = new LineSplitter.Sink[JobStream.values().length];
    private final Thread encoder;
    /** Guards everything below; the pumps' writes happen under it, so a reader never sees half a record. */
    private final Object lock = new Object();
    private long writePos;
    private long readPos;
    /** A thread (the encoder, or a pump facing a full spool) is encoding the record at readPos. */
    private boolean busy;
    private boolean started;
    /** Threads other than the encoder waiting on the lock (the rows channel, a pump behind a busy encoder). */
    private int waiters;
    /** Bytes ever appended / encoded (never reset by truncation): what {@link #awaitEncoded()} compares. */
    private long appended;
    private long encoded;
    private long truncations;
    private int openStreams;
    /** No more appends: the encoder ends once it has encoded what is there. */
    private boolean finished;
    private IOException failure;
    /** The most the encoder may be behind by: past it a pump encodes instead of spooling. */
    private final long limitBytes;
    private final long truncateBytes;

    OutputSpool(Path dir, String jobId, EventLogWriter log, int lineLimit, long limitBytes) throws IOException {
        this(dir, jobId, log, lineLimit, limitBytes, TRUNCATE_BYTES);
    }

    OutputSpool(Path dir, String jobId, EventLogWriter log, int lineLimit, long limitBytes, long truncateBytes) throws IOException {
        this.limitBytes = limitBytes;
        this.truncateBytes = truncateBytes;
        this.file = Files.createTempFile(dir, ".spool-", ".bin");
        this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.log = log;
        for (JobStream s : new JobStream[] {JobStream.STDOUT, JobStream.STDERR}) {
            splitters.put(s, new LineSplitter(lineLimit));
            sinks[s.ordinal()] = new LogSink(s);
        }
        this.openStreams = splitters.size(); // each pump ends its stream with an END record
        this.encoder = new Thread(this::encode, "datahandle-job-" + jobId + "-encoder");
        this.encoder.setDaemon(true);
    }

    /** Starts the encoder, normally before the two pumps (stdout and stderr) start. */
    void start() {
        synchronized (lock) {
            started = true;
        }
        encoder.start();
    }

    /** Starts a pump thread copying {@code in} into the spool. */
    Thread pump(InputStream in, JobStream stream, String threadName) {
        Thread t = new Thread(() -> {
            // the record's header goes in front of the bytes read: one write per read
            byte[] buf = new byte[HEADER + CHUNK];
            Reader helper = new Reader();
            try (in) {
                int n;
                while ((n = in.read(buf, HEADER, CHUNK)) >= 0) {
                    if (n > 0) {
                        append(stream, buf, n, helper);
                    }
                }
            } catch (IOException e) {
                // the pipe broke: what was read is spooled, the stream ends here
            }
            append(stream, buf, END, helper);
        }, threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** {@code buf[HEADER, HEADER + n)} was read from {@code stream} ({@code n} is END at its end). */
    private void append(JobStream stream, byte[] buf, int n, Reader helper) {
        int size = HEADER + Math.max(n, 0);
        while (true) {
            synchronized (lock) {
                if (finished) {
                    return; // a pump abandoned after the job ended (a process outside the group held its pipe)
                }
                if (failure != null) {
                    lock.notifyAll(); // disk full: the pumps keep draining the child, the output is lost and said so
                    return;
                }
                if (n <= INLINE_BYTES && readPos == writePos && !busy) {
                    // a trickle: nothing is waiting, so this read is next in order; encode it now
                    encodeRecord(stream, buf, HEADER, n);
                    appended += size;
                    encoded += size;
                    if (n == END) {
                        openStreams--;
                    }
                    log.flush();
                    if (waiters > 0 || n == END) {
                        // not the encoder (it has nothing to do): a nice-19 thread woken per line could be
                        // preempted holding this lock, and the next line would wait for it to get a core back
                        lock.notifyAll();
                    }
                    return;
                }
                // the backlog stays within the limit, and the file within the limit plus the truncation size
                boolean fits = writePos - readPos + size <= limitBytes && writePos + size <= limitBytes + truncateBytes;
                if (fits || readPos == writePos || started && !encoder.isAlive()) {
                    buf[0] = (byte) stream.ordinal();
                    ByteBuffer.wrap(buf, 1, 4).putInt(n);
                    try {
                        writeFully(ByteBuffer.wrap(buf, 0, size), writePos);
                        writePos += size;
                        appended += size;
                    } catch (IOException e) {
                        failure = e;
                    }
                    lock.notifyAll();
                    return;
                }
                if (busy) {
                    waiters++;
                    waitOn(100);
                    waiters--;
                    continue;
                }
            }
            // the spool is full (or its file is, behind a small backlog): rather than wait for the encoder,
            // encode its oldest record here
            helper.encodeNext();
        }
    }

    private int writeFully(ByteBuffer b, long at) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            total += channel.write(b, at + total);
        }
        return total;
    }

    /** Waits until everything spooled so far is in the log (the rows channel calls this to keep the arrival order). */
    void awaitEncoded() {
        synchronized (lock) {
            long target = appended;
            waiters++;
            try {
                while (encoded < target && encoder.isAlive()) {
                    if (!waitOn(100)) {
                        return;
                    }
                }
            } finally {
                waiters--;
            }
        }
    }

    /**
     * No more output is taken (the pumps have ended, or one is abandoned); waits until the encoder
     * has written everything before it to the log, then deletes the spool. Returns the spool's
     * failure, if any.
     */
    IOException finish() {
        synchronized (lock) {
            finished = true;
            lock.notifyAll();
        }
        try {
            encoder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a spool left behind holds no events; the job folder is still readable
        }
        synchronized (lock) {
            return failure;
        }
    }

    /** How often the file was emptied (for tests of the truncation boundary). */
    long truncations() {
        synchronized (lock) {
            return truncations;
        }
    }

    private void encode() {
        BackgroundPriority.lowerCurrentThread();
        Reader reader = new Reader();
        while (true) {
            synchronized (lock) {
                try {
                    while ((readPos == writePos || busy) && !(finished || openStreams == 0)) {
                        lock.wait();
                    }
                    while (busy) {
                        lock.wait(100); // a pump is encoding a record; it ends soon
                    }
                } catch (InterruptedException e) {
                    finished = true;
                    continue;
                }
                if (readPos == writePos) {
                    return; // finished (or every stream ended) and all encoded
                }
            }
            reader.encodeNext();
        }
    }

    /** Waits on the lock (held); false if interrupted. */
    private boolean waitOn(long millis) {
        try {
            lock.wait(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Hands the lines of one record to the log (the caller encodes alone: under the lock, or holding {@link #busy}). */
    private void encodeRecord(JobStream stream, byte[] data, int off, int n) {
        LineSplitter splitter = splitters.get(stream);
        if (n == END) {
            splitter.endOfInput(sinks[stream.ordinal()]);
        } else {
            splitter.feed(data, off, n, sinks[stream.ordinal()]);
        }
    }

    /** Reads records back from the file, one read each; one per thread that encodes from the spool. */
    private final class Reader {
        private final byte[] data = new byte[HEADER + CHUNK];
        private final ByteBuffer buffer = ByteBuffer.wrap(data);

        /** Encodes the oldest spooled record unless another thread is at it or there is none. */
        void encodeNext() {
            long at;
            long end;
            synchronized (lock) {
                if (busy || readPos == writePos) {
                    return;
                }
                busy = true;
                at = readPos;
                end = writePos;
            }
            int n;
            JobStream stream;
            try {
                // header and body in one read (the body is at most CHUNK)
                buffer.clear().limit((int) Math.min(end - at, data.length));
                readAtLeast(HEADER, at);
                stream = JobStream.values()[data[0]];
                n = buffer.getInt(1);
                if (n < END || n > CHUNK) {
                    throw new IOException("the output spool " + file + " is corrupt at byte " + at + " (a record of " + n + " bytes)");
                }
                readAtLeast(HEADER + Math.max(n, 0), at);
            } catch (IOException | RuntimeException e) {
                synchronized (lock) {
                    failure = e instanceof IOException io ? io : new IOException("the output spool " + file + " is corrupt: " + e, e);
                    readPos = writePos; // nothing more can be read back
                    encoded = appended;
                    busy = false;
                    lock.notifyAll();
                }
                return;
            }
            encodeRecord(stream, data, HEADER, n);
            boolean caughtUp;
            synchronized (lock) {
                busy = false;
                if (n == END) {
                    openStreams--;
                }
                long next = at + HEADER + Math.max(n, 0);
                encoded += next - readPos;
                readPos = next;
                caughtUp = readPos == writePos;
                if (caughtUp && writePos >= truncateBytes) {
                    // caught up with a file grown large: empty it, so the disk holds only the backlog
                    try {
                        channel.truncate(0);
                        truncations++;
                        readPos = 0;
                        writePos = 0;
                    } catch (IOException e) {
                        failure = e;
                    }
                }
                lock.notifyAll();
            }
            if (caughtUp) {
                log.flush(); // nothing waits behind these lines: a follower sees them now
            }
        }

        private void readAtLeast(int bytes, long at) throws IOException {
            while (buffer.position() < bytes) {
                int r = channel.read(buffer, at + buffer.position());
                if (r < 0) {
                    throw new IOException("the output spool " + file + " ended early at byte " + (at + buffer.position()));
                }
            }
        }
    }

    /** Lines of one stream, as the log's output events. */
    private final class LogSink implements LineSplitter.Sink {
        private final JobStream stream;

        LogSink(JobStream stream) {
            this.stream = stream;
        }

        @Override
        public void beginChunk() {
            log.beginChunk();
        }

        @Override
        public void endChunk() {
            log.endChunk();
        }

        @Override
        public void line(byte[] bytes, int off, int len, boolean partial) {
            log.output(stream, bytes, off, len, partial);
        }

        @Override
        public void batchEnd() {
            // the spool flushes when it has caught up (or at once, for a trickle), not at each stream's end
        }
    }
}
