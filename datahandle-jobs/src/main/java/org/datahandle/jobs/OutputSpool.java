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
 * Keeps the child's output away from the cost of encoding it. The stdout and stderr pumps only copy
 * what each read of a pipe returns into one raw spool file (a read and a write, what {@code cat >
 * file} costs), tagged with its stream, in the order the reads returned; one encoder thread turns
 * the spool into log events in that same order, at its own pace. The child therefore never waits for
 * the encoding, only for the copy.
 *
 * <p>The encoder works as soon as there is anything to encode (no timer): a trickle of lines is
 * encoded and flushed one read at a time, as before. When it has caught up with the pumps the file
 * is truncated, so the spool holds only what the encoder is behind by, at most {@code limitBytes}
 * (past that a pump waits for the encoder, and so does the child); it is deleted at the end.
 * Memory is two read buffers and one record buffer, whatever the child writes.
 *
 * <p>Record format: stream ordinal (1 byte), length (4 bytes, -1 for the end of that stream), bytes.
 */
final class OutputSpool {
    private static final int CHUNK = 64 << 10;
    private static final int HEADER = 5;
    private static final int END = -1;

    private final Path file;
    private final FileChannel channel;
    private final EventLogWriter log;
    private final Map<JobStream, LineSplitter> splitters = new EnumMap<>(JobStream.class);
    private final Thread encoder;
    /** Guards the positions below; the pumps' writes happen under it too, so a read never sees half a record. */
    private final Object lock = new Object();
    private long writePos;
    private long readPos;
    /** Bytes ever appended / encoded (never reset by truncation): what {@link #awaitEncoded()} compares. */
    private long appended;
    private long encoded;
    private int openStreams;
    /** No more appends: the encoder ends once it has encoded what is there. */
    private boolean finished;
    private IOException failure;
    /** The most the encoder may be behind by: past it a pump waits (and so does the child). */
    private final long limitBytes;

    OutputSpool(Path dir, String jobId, EventLogWriter log, int lineLimit, long limitBytes) throws IOException {
        this.limitBytes = limitBytes;
        this.file = Files.createTempFile(dir, ".spool-", ".bin");
        this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.log = log;
        for (JobStream s : new JobStream[] {JobStream.STDOUT, JobStream.STDERR}) {
            splitters.put(s, new LineSplitter(lineLimit));
        }
        this.openStreams = splitters.size(); // each pump ends its stream with an END record
        this.encoder = new Thread(this::encode, "datahandle-job-" + jobId + "-encoder");
        this.encoder.setDaemon(true);
    }

    /** Starts the encoder, before the two pumps (stdout and stderr) start. */
    void start() {
        encoder.start();
    }

    /** Starts a pump thread copying {@code in} into the spool. */
    Thread pump(InputStream in, JobStream stream, String threadName) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[CHUNK];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0) {
                        append(stream, buf, n);
                    }
                }
            } catch (IOException e) {
                // the pipe broke: what was read is spooled, the stream ends here
            }
            append(stream, buf, END);
        }, threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void append(JobStream stream, byte[] bytes, int n) {
        ByteBuffer header = ByteBuffer.allocate(HEADER).put((byte) stream.ordinal()).putInt(n).flip();
        synchronized (lock) {
            while (writePos - readPos + HEADER + Math.max(n, 0) > limitBytes && !finished && failure == null && encoder.isAlive()) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (finished) {
                return; // a pump abandoned after the job ended (a process outside the group held its pipe)
            }
            if (failure == null) {
                try {
                    long at = writePos;
                    at += writeFully(header, at);
                    if (n > 0) {
                        at += writeFully(ByteBuffer.wrap(bytes, 0, n), at);
                    }
                    writePos = at;
                    appended += HEADER + Math.max(n, 0);
                } catch (IOException e) {
                    failure = e; // disk full: the pumps keep draining the child, the output is lost and said so
                }
            }
            lock.notifyAll();
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
            while (encoded < target && encoder.isAlive()) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
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

    private void encode() {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        byte[] data = new byte[CHUNK];
        ByteBuffer body = ByteBuffer.wrap(data);
        LineSplitter.Sink[] sinks = new LineSplitter.Sink[JobStream.values().length];
        for (JobStream s : splitters.keySet()) {
            sinks[s.ordinal()] = new LogSink(s);
        }
        while (true) {
            long at;
            synchronized (lock) {
                while (readPos == writePos && !(finished || openStreams == 0)) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        finished = true;
                    }
                }
                if (readPos == writePos) {
                    return; // finished (or every stream ended) and all encoded
                }
                at = readPos;
            }
            try {
                header.clear();
                readFully(header, at);
                JobStream stream = JobStream.values()[header.get(0)];
                int n = header.getInt(1);
                LineSplitter splitter = splitters.get(stream);
                if (n == END) {
                    splitter.endOfInput(sinks[stream.ordinal()]);
                } else {
                    body.clear().limit(n);
                    readFully(body, at + HEADER);
                    splitter.feed(data, 0, n, sinks[stream.ordinal()]);
                }
                at += HEADER + Math.max(n, 0);
            } catch (IOException e) {
                synchronized (lock) {
                    failure = e;
                    readPos = writePos; // nothing more can be read back
                    encoded = appended;
                    lock.notifyAll();
                }
                continue;
            }
            boolean caughtUp;
            synchronized (lock) {
                if (header.getInt(1) == END) {
                    openStreams--;
                }
                encoded += at - readPos;
                readPos = at;
                caughtUp = readPos == writePos;
                if (caughtUp) {
                    // the encoder is not behind: forget what it read, so the spool holds only its backlog
                    try {
                        channel.truncate(0);
                    } catch (IOException e) {
                        failure = e;
                    }
                    readPos = 0;
                    writePos = 0;
                }
                lock.notifyAll();
            }
            if (caughtUp) {
                log.flush(); // nothing waits behind these lines: a follower sees them now
            }
        }
    }

    private void readFully(ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            int r = channel.read(b, pos);
            if (r < 0) {
                throw new IOException("the output spool " + file + " ended early at byte " + pos);
            }
            pos += r;
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
            // the encoder flushes when it has caught up with the spool, not at each stream's end
        }
    }
}
