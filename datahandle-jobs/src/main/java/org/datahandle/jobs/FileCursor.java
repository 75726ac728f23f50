package org.datahandle.jobs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An {@link EventCursor} over the segment files of one log. It reads only complete lines (the
 * writer may have flushed half of one), keeps its segment open while it reads it (so a segment that
 * retention deletes meanwhile is still read to its end), and moves to the next segment only once
 * that one exists, which means the current one is complete.
 */
final class FileCursor implements EventCursor {
    /** How long an idle reader in another process sleeps between looks at the files. */
    static final long POLL_MILLIS = 10;
    private static final int MAX_LINE = 64 << 20;

    private final Path dir;
    private final Set<JobStream> streams;
    private final LogSignal signal;
    private final Runnable whenIdle;

    private long nextSeq;
    private FileChannel channel;
    private long currentFirst = -1;
    private ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    /** Bytes of buf [0, limit) are read from the file; [lineStart, limit) is not yet consumed. */
    private int lineStart;
    private int scanned;
    private JobEvent pending;
    private boolean ended;
    private boolean closed;
    private long lastIdleCheck = System.nanoTime();

    FileCursor(Path dir, long from, Set<JobStream> streams, LogSignal signal, Runnable whenIdle) {
        if (from < 0) {
            throw new IllegalArgumentException("a cursor position is a sequence number >= 0, got " + from);
        }
        this.dir = dir;
        this.nextSeq = from;
        this.streams = Set.copyOf(streams);
        this.signal = signal;
        this.whenIdle = whenIdle;
        buf.limit(0);
    }

    @Override
    public long position() {
        return pending != null ? pending.seq() : nextSeq;
    }

    @Override
    public boolean ended() {
        return ended && pending == null;
    }

    @Override
    public Optional<JobEvent> poll() {
        requireOpen();
        while (true) {
            JobEvent e = readOne();
            if (e == null) {
                return Optional.empty();
            }
            if (e.belongsTo(streams)) {
                return Optional.of(e);
            }
        }
    }

    @Override
    public Optional<JobEvent> next(Duration timeout) {
        requireOpen();
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            long seen = signal.version();
            Optional<JobEvent> e = poll();
            if (e.isPresent() || ended()) {
                return e;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            if (System.nanoTime() - lastIdleCheck > 1_000_000_000L) {
                lastIdleCheck = System.nanoTime();
                whenIdle.run();
            }
            long wait = signal == LogSignal.NONE ? POLL_MILLIS : 200;
            try {
                signal.awaitChange(seen, Math.max(1, Math.min(wait, left / 1_000_000L)));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeChannel();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("cursor of job log " + dir + " is closed");
        }
    }

    /** The next stored event (or gap) available now, whatever its stream; null if none. */
    private JobEvent readOne() {
        if (pending != null) {
            JobEvent e = pending;
            pending = null;
            return consumed(e);
        }
        if (ended) {
            return null;
        }
        try {
            while (true) {
                if (channel == null) {
                    JobEvent gap = openSegmentFor(nextSeq);
                    if (gap != null) {
                        return gap;
                    }
                    if (channel == null) {
                        return null;
                    }
                }
                String line = readLine();
                if (line == null) {
                    // nothing more now: has the writer moved on to a later segment?
                    TreeMap<Long, Path> segments = Segments.list(dir);
                    line = readLine(); // what was flushed before the listing
                    if (line == null) {
                        Long later = segments.higherKey(currentFirst);
                        if (later == null) {
                            return null;
                        }
                        closeChannel();
                        if (later > nextSeq) {
                            return gap(later); // retention removed the segments in between
                        }
                        continue;
                    }
                }
                long seq = EventCodec.seqOf(line);
                if (seq < 0) {
                    throw new JobLogException("corrupt job event log " + Segments.path(dir, currentFirst)
                            + ": a line without a leading seq after event " + (nextSeq - 1));
                }
                if (seq < nextSeq) {
                    continue; // before the position the cursor was opened at
                }
                JobEvent e = EventCodec.parse(line, Segments.path(dir, currentFirst) + " (event " + seq + ")");
                if (seq > nextSeq) {
                    pending = e;
                    return gap(seq);
                }
                return consumed(e);
            }
        } catch (IOException e) {
            throw new JobLogException("cannot read the event log in " + dir, e);
        }
    }

    private JobEvent consumed(JobEvent e) {
        nextSeq = e.seq() + 1;
        if (e instanceof JobEvent.Status s && s.status().state().isTerminal()) {
            ended = true;
            closeChannel();
        }
        return e;
    }

    private JobEvent gap(long to) {
        JobEvent g = new JobEvent.Gap(nextSeq, Instant.now(), to);
        nextSeq = to;
        return g;
    }

    /**
     * Opens the segment holding {@code seq}; when retention deleted it, opens the oldest one left
     * and answers the gap in between.
     */
    private JobEvent openSegmentFor(long seq) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            TreeMap<Long, Path> segments = Segments.list(dir);
            if (segments.isEmpty()) {
                return null;
            }
            Map.Entry<Long, Path> floor = segments.floorEntry(seq);
            JobEvent gap = null;
            if (floor == null) {
                floor = segments.firstEntry();
                gap = new JobEvent.Gap(seq, Instant.now(), floor.getKey());
            }
            try {
                channel = FileChannel.open(floor.getValue(), StandardOpenOption.READ);
            } catch (NoSuchFileException deletedMeanwhile) {
                continue;
            }
            currentFirst = floor.getKey();
            buf.clear().limit(0);
            lineStart = 0;
            scanned = 0;
            if (gap != null) {
                nextSeq = floor.getKey();
            }
            return gap;
        }
        throw new JobLogException("the event log in " + dir + " changed under the reader 100 times in a row");
    }

    /** The next complete line of the current segment, or null if none is complete yet. */
    private String readLine() throws IOException {
        while (true) {
            int limit = buf.limit();
            for (int i = Math.max(scanned, lineStart); i < limit; i++) {
                if (buf.get(i) == '\n') {
                    String line = new String(buf.array(), lineStart, i - lineStart, StandardCharsets.UTF_8);
                    lineStart = i + 1;
                    scanned = lineStart;
                    return line;
                }
            }
            scanned = limit;
            // make room: drop consumed bytes, grow for a long line
            if (lineStart > 0) {
                int rest = limit - lineStart;
                System.arraycopy(buf.array(), lineStart, buf.array(), 0, rest);
                scanned -= lineStart;
                lineStart = 0;
                buf.limit(rest);
            }
            if (buf.limit() == buf.capacity()) {
                if (buf.capacity() >= MAX_LINE) {
                    throw new JobLogException("corrupt job event log " + Segments.path(dir, currentFirst)
                            + ": a line longer than " + MAX_LINE + " bytes after event " + (nextSeq - 1));
                }
                ByteBuffer bigger = ByteBuffer.allocate(buf.capacity() * 2);
                bigger.put(buf.array(), 0, buf.limit());
                bigger.limit(buf.limit());
                buf = bigger;
            }
            int before = buf.limit();
            buf.position(before).limit(buf.capacity());
            int n = channel.read(buf);
            buf.limit(buf.position()).position(0);
            if (n <= 0) {
                buf.limit(before);
                return null;
            }
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a read-only channel: nothing to lose
            }
            channel = null;
        }
    }
}
