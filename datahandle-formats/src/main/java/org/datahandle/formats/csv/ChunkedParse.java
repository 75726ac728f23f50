package org.datahandle.formats.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.datahandle.DataFormatException;

/**
 * Parses the records of a source on several threads. The caller's thread reads (and so decompresses)
 * the stream into chunks of about {@link #CHUNK_BYTES} that end just after a line feed; worker threads
 * parse each chunk as if it began at a record boundary, and the results are taken in order.
 *
 * <p>That guess is wrong only when the line feed ending the previous chunk was inside a quoted field;
 * the previous chunk's parse then ends inside the quote, which it reports exactly (its own start was
 * already confirmed). The two chunks are then joined and parsed again from the known start, as often
 * as needed. A chunk whose parse failed for another reason is parsed again from its known start and
 * line, so that the error names the right line; line numbers of the other chunks are shifted once the
 * lines before them are counted. The records, their order, and every error are the same as a parse in
 * one thread.
 */
final class ChunkedParse implements AutoCloseable {
    /** Bytes per chunk: big enough that a chunk is a few milliseconds of work, small enough to balance the threads. */
    static final int CHUNK_BYTES = 4 << 20;

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    /** What every chunk of one read shares. */
    record Layout(String handleId, URI path, int sourceIndex, byte delimiter, int quote, byte[] nullBytes, int width,
            boolean[] infer, Extras extras, ChunkTypes typing) {}

    /**
     * What only some options ask of a parse: comment lines ({@code comment}, or {@link CsvOptions#NO_COMMENT}),
     * null markers beyond the first (or null), and where to put rows of the wrong width instead of failing
     * ({@code badRows: skip}; null to fail).
     */
    record Extras(int comment, byte[][] moreNulls, BadRows bad) {
        static final Extras NONE = new Extras(CsvOptions.NO_COMMENT, null, null);
    }

    /**
     * One chunk's parse: a batch when it ended between records, else where and why it stopped; the rows
     * of the wrong width it skipped (lines counted from the chunk's start when it was not exact), or null.
     */
    private record Result(RawBatch batch, long endLine, boolean endedInQuote, DataFormatException error,
            List<BadRows.Row> skipped) {}

    /** A chunk and its parse; {@code exact} when it was parsed from its true line, not from line 1. */
    private record Chunk(byte[] bytes, int length, long offset, boolean exact, Future<Result> parse) {}

    private final int threads;
    private final int chunkBytes;
    /** The catalog's executor, or null: never shut down here. */
    private final Executor shared;
    /** A pool of this parse's own when there is no shared executor, started on first need. */
    private ExecutorService pool;

    ChunkedParse(int threads, int chunkBytes) {
        this(threads, chunkBytes, null);
    }

    /**
     * @param threads how many threads' worth of chunks to keep in flight
     * @param shared the executor to parse on (the catalog's), or null for a pool of this parse's own
     */
    ChunkedParse(int threads, int chunkBytes, Executor shared) {
        this.threads = threads;
        this.chunkBytes = chunkBytes;
        this.shared = shared;
    }

    /**
     * Runs {@code task} on the workers: the shared executor, else a pool started on first need, so a
     * small file never starts threads. {@link #await} runs a task that no worker has started yet in
     * the waiting thread, so a busy shared executor slows a read down but never stalls it.
     */
    <T> Future<T> submit(Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        workers().execute(future);
        return future;
    }

    private Executor workers() {
        if (shared != null) {
            return shared;
        }
        if (pool == null) {
            int number = POOL_NUMBER.incrementAndGet();
            AtomicInteger thread = new AtomicInteger();
            pool = Executors.newFixedThreadPool(threads, task -> {
                Thread t = new Thread(task, "datahandle-csv-" + number + "-" + thread.incrementAndGet());
                t.setDaemon(true); // a reader the caller forgets to close must not keep the JVM alive
                return t;
            });
        }
        return pool;
    }

    /** Whether this parse started a pool of its own; for tests. */
    boolean startedOwnPool() {
        return pool != null;
    }

    int threads() {
        return threads;
    }

    /**
     * The records of {@code head} followed by the rest of {@code in}, as batches in order.
     *
     * @param offset the source offset of {@code head[0]}
     * @param line the line {@code head[0]} is on
     * @throws DataFormatException for the first bad record, as a one-thread parse would report it
     */
    List<RawBatch> parse(Layout layout, byte[] head, InputStream in, long offset, long line) throws IOException {
        ChunkReader reader = new ChunkReader(head, in, chunkBytes);
        List<RawBatch> out = new ArrayList<>();
        ArrayDeque<Chunk> inFlight = new ArrayDeque<>();
        long readOffset = offset;
        long nextLine = line;
        while (true) {
            while (inFlight.size() < 2 * threads && nextChunk(reader, layout, readOffset, nextLine)) {
                byte[] bytes = reader.chunk;
                int length = reader.length;
                long at = readOffset;
                // the last (often the only) chunk, nothing ahead of it, or the first (a small one): parsed here,
                // from its true line; the first so that the kinds of its columns are known to every chunk after
                // it, which are then read straight into values (DirectCells)
                boolean exact = inFlight.isEmpty() && (reader.atEnd() || reader.first());
                Future<Result> parse = exact
                        ? CompletableFuture.completedFuture(parseChunk(layout, bytes, length, at, nextLine))
                        : submit(() -> parseChunk(layout, bytes, length, at, 1));
                inFlight.add(new Chunk(bytes, length, at, exact, parse));
                readOffset += length;
            }
            Chunk chunk = inFlight.poll();
            if (chunk == null) {
                break;
            }
            Result r = await(chunk.parse());
            if (r.error() == null) {
                if (!chunk.exact()) {
                    r.batch().shiftLines(nextLine - 1);
                }
                if (r.skipped() != null) {
                    long shift = chunk.exact() ? 0 : nextLine - 1;
                    for (BadRows.Row row : r.skipped()) {
                        layout.extras().bad().add(new BadRows.Row(row.source(), row.path(), row.line() + shift,
                                row.offset(), row.problem()));
                    }
                }
                nextLine = chunk.exact() ? r.endLine() : nextLine + r.endLine() - 1;
                out.add(r.batch());
                reader.recycle(chunk.bytes()); // parsed and confirmed: nothing refers to its bytes any more
                continue;
            }
            boolean last = inFlight.isEmpty() && reader.atEnd();
            if (!r.endedInQuote() || last) {
                // a real error: parse the chunk again from its true line, so the error names the right line
                Result again = chunk.exact() ? r : parseChunk(layout, chunk.bytes(), chunk.length(), chunk.offset(),
                        nextLine);
                throw again.error();
            }
            // The chunk's start was right, so its last record really goes on past its end (a quoted line
            // break). Read on from the chunk's start in this thread until that record is done, then cut
            // chunks again from there; the chunks read ahead are parsed again as part of that.
            List<InputStream> parts = new ArrayList<>();
            parts.add(new ByteArrayInputStream(chunk.bytes(), 0, chunk.length()));
            for (Chunk ahead; (ahead = inFlight.poll()) != null; ) {
                ahead.parse().cancel(true);
                parts.add(new ByteArrayInputStream(ahead.bytes(), 0, ahead.length()));
            }
            parts.add(reader.rest());
            InputStream rest = new SequenceInputStream(Collections.enumeration(parts));
            CsvParser parser = CsvParser.resume(rest, chunk.offset(), nextLine, layout.handleId(), layout.path(),
                    layout.delimiter(), layout.quote()).withComment(layout.extras().comment());
            RawBatch batch = new RawBatch(layout.width(), layout.infer(), 16);
            batch.moreNulls = layout.extras().moreNulls();
            Fields fields = new Fields();
            long end = chunk.offset() + chunk.length();
            List<BadRows.Row> skipped = layout.extras().bad() == null ? null : new ArrayList<>();
            while (parser.position() <= end && parser.next(fields)) {
                addRecord(layout, fields, batch, skipped);
            }
            if (skipped != null) {
                skipped.forEach(layout.extras().bad()::add); // lines are exact here
            }
            batch.trim();
            out.add(batch);
            nextLine = parser.line();
            byte[] buffered = parser.takeBuffered();
            readOffset = parser.position();
            reader = new ChunkReader(buffered, rest, chunkBytes);
        }
        return out;
    }

    /**
     * Adds a record the general parser read, after the checks a one-thread read makes; a record of the
     * wrong width goes to {@code skipped} when that is given ({@code badRows: skip}), else fails the read.
     */
    private static void addRecord(Layout layout, Fields fields, RawBatch batch, List<BadRows.Row> skipped) {
        if (keep(layout, fields, skipped)) {
            batch.add(fields, layout.sourceIndex(), layout.nullBytes());
        }
    }

    /** Whether a record the general parser read is one to add, after those checks (a blank line is not). */
    private static boolean keep(Layout layout, Fields fields, List<BadRows.Row> skipped) {
        int width = layout.width();
        if (fields.count == 0) {
            if (width != 1) {
                return false; // a blank line
            }
            fields.startField(false);
            fields.endField();
        }
        if (fields.count != width) {
            if (skipped != null) {
                skipped.add(new BadRows.Row(layout.sourceIndex(), layout.path(), fields.line, fields.offset, "expected " + width
                        + " fields, got " + fields.count));
                return false;
            }
            throw CsvErrors.at(layout.handleId(), layout.path(), fields.line, fields.offset, "expected " + width
                    + " fields, got " + fields.count);
        }
        return true;
    }

    /** Parses one chunk into a batch, starting at {@code line} (1 when the true line is not known yet). */
    private static Result parseChunk(Layout layout, byte[] bytes, int length, long offset, long line) throws IOException {
        // a record has at least one byte per field, so a wide file has few rows per chunk: sizing every
        // column for 64-byte rows made a 1,000-column file take 50 times its size before a row was read
        int rows = Math.max(16, length / Math.max(64, 2 * layout.width()));
        long bytesPerColumn = Math.max(256, length / layout.width());
        ChunkTypes typing = layout.typing();
        if (typing == null) {
            RawBatch batch = new RawBatch(layout.width(), layout.infer(), rows, bytesPerColumn);
            batch.moreNulls = layout.extras().moreNulls();
            return parseRecords(layout, bytes, length, offset, line, batch, null, null);
        }
        // converted at once, a chunk's text goes back to be reused by the next chunk: no garbage per chunk
        RawBatch batch = typing.borrow(layout.width(), rows, bytesPerColumn);
        batch.moreNulls = layout.extras().moreNulls();
        try {
            byte[] kinds = typing.directKinds();
            if (kinds != null) {
                Result direct = parseRecords(layout, bytes, length, offset, line, batch, typing,
                        typing.startDirect(batch, kinds, bytesPerColumn));
                if (direct != null) {
                    return direct;
                }
                typing.restart(batch); // a cell of another kind than its column's so far: the general way
            }
            return parseRecords(layout, bytes, length, offset, line, batch, typing, null);
        } finally {
            typing.giveBack(batch);
        }
    }

    /**
     * The records of a chunk into {@code batch}, converted at once when {@code typing} is given; with
     * {@code direct}, the columns it reads are read straight into values, and null is returned as soon as a
     * cell is not of its column's kind.
     */
    private static Result parseRecords(Layout layout, byte[] bytes, int length, long offset, long line, RawBatch batch,
            ChunkTypes typing, DirectCells direct) throws IOException {
        CsvParser parser = CsvParser.ofChunk(bytes, length, offset, line, layout.handleId(), layout.path(),
                layout.delimiter(), layout.quote()).withComment(layout.extras().comment());
        int comment = layout.extras().comment();
        List<BadRows.Row> skipped = layout.extras().bad() == null ? null : new ArrayList<>();
        Fields fields = new Fields();
        int width = layout.width();
        FastRecords fast = new FastRecords(bytes, length, layout.delimiter(), layout.quote(), width);
        byte[] nullBytes = layout.nullBytes();
        int source = layout.sourceIndex();
        int pos = 0;
        long at = line;
        try {
            while (pos < length) {
                if ((bytes[pos] & 0xff) != comment && fast.scan(pos)) {
                    if (direct == null) {
                        batch.addUnquoted(bytes, fast.starts(), fast.ends(), at, offset + pos, source, nullBytes);
                    } else if (!direct.addUnquoted(batch, bytes, fast.starts(), fast.ends(), at, offset + pos, source,
                            nullBytes)) {
                        return null;
                    }
                    pos = fast.next;
                    at++;
                    continue;
                }
                // one record the general parser reads (or rejects), then back to the fast path
                parser.seek(pos, at);
                if (!parser.next(fields)) {
                    break;
                }
                pos = parser.chunkPosition();
                at = parser.line();
                if (keep(layout, fields, skipped)) {
                    if (direct == null) {
                        batch.add(fields, source, nullBytes);
                    } else if (!direct.add(batch, fields, source, nullBytes)) {
                        return null;
                    }
                }
            }
            if (direct != null && !direct.usable()) {
                return null;
            }
            if (typing != null) {
                // while the cells are in the cache
                return new Result(typing.convert(batch, direct), at, false, null, skipped);
            }
            batch.trim();
            return new Result(batch, at, false, null, skipped);
        } catch (DataFormatException e) {
            return new Result(null, parser.line(), parser.endedInQuote(), e, null);
        }
    }

    static <T> T await(Future<T> future) throws IOException {
        if (future instanceof FutureTask<T> task && !task.isDone()) {
            task.run(); // not started by a worker yet: do it here (a task runs only once)
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while parsing CSV");
            interrupted.initCause(e);
            throw interrupted;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** The reader's next chunk; a record past the length limit is a data error at the chunk's start. */
    private static boolean nextChunk(ChunkReader reader, Layout layout, long offset, long line) throws IOException {
        try {
            return reader.next();
        } catch (CsvLimits.Exceeded e) {
            throw CsvErrors.at(layout.handleId(), layout.path(), line, offset, e.getMessage());
        }
    }

    /** Cuts a stream into chunks that end just after a line feed (or at the end of the stream). */
    private static final class ChunkReader {
        private final InputStream in;
        private final int chunkBytes;
        private byte[] tail;
        private boolean eof;
        /** Chunk buffers of full size whose chunks are done, for the next chunks: no 4 MiB of garbage per chunk. */
        private final ArrayDeque<byte[]> free = new ArrayDeque<>();
        byte[] chunk;
        int length;

        /** The bytes of the first chunk: small, so that it is parsed before the others start. */
        private static final int FIRST_CHUNK_BYTES = 256 << 10;
        private int chunks;

        ChunkReader(byte[] head, InputStream in, int chunkBytes) {
            this.in = in;
            this.chunkBytes = chunkBytes;
            this.tail = head;
        }

        /** The bytes not cut into chunks yet: the tail, then the rest of the stream. */
        InputStream rest() {
            InputStream t = new ByteArrayInputStream(tail);
            tail = new byte[0];
            return eof ? t : new SequenceInputStream(t, in);
        }

        /** Takes back the buffer of a chunk that is done with, if it is of full size. */
        void recycle(byte[] buffer) {
            if (buffer.length >= chunkBytes && free.size() < 8) {
                free.add(buffer);
            }
        }

        /** Whether the chunk last read is the first. */
        boolean first() {
            return chunks == 1;
        }

        /** Whether no chunk is left. */
        boolean atEnd() {
            return eof && tail.length == 0;
        }

        /** Reads the next chunk into {@link #chunk} and {@link #length}; false when none is left. */
        boolean next() throws IOException {
            if (atEnd()) {
                return false;
            }
            int size = chunks++ == 0 ? Math.min(chunkBytes, FIRST_CHUNK_BYTES) : chunkBytes;
            long target = Math.max(size, tail.length + (size >>> 1));
            // starts small and grows to the target as data comes, so a small file needs no big buffer
            byte[] buf = free.poll();
            if (buf != null && buf.length >= tail.length) {
                System.arraycopy(tail, 0, buf, 0, tail.length);
            } else {
                buf = Arrays.copyOf(tail, (int) Math.min(target, Math.max(1 << 16, tail.length)));
            }
            int filled = tail.length;
            int searched = 0;
            while (true) {
                while (filled < target && !eof) {
                    if (filled == buf.length) {
                        buf = Arrays.copyOf(buf, (int) Math.min(target, buf.length * 2L));
                    }
                    int n = in.read(buf, filled, buf.length - filled);
                    if (n < 0) {
                        eof = true;
                    } else {
                        filled += n;
                    }
                }
                int cut = lastLineFeed(buf, searched, filled);
                if (cut >= 0 || eof) {
                    int end = eof ? filled : cut + 1;
                    tail = Arrays.copyOfRange(buf, end, filled);
                    chunk = buf;
                    length = end;
                    return end > 0;
                }
                searched = filled; // one record longer than the chunk: read on
                if (filled > CsvLimits.maxRecordBytes() + chunkBytes) {
                    throw CsvLimits.recordTooLong(CsvLimits.maxRecordBytes());
                }
                if (target > Integer.MAX_VALUE - 8 - chunkBytes) {
                    throw new IOException("a CSV record is longer than " + target + " bytes");
                }
                target += Math.max(chunkBytes, target);
                target = Math.min(target, Integer.MAX_VALUE - 8);
            }
        }

        private static int lastLineFeed(byte[] b, int from, int to) {
            for (int i = to - 1; i >= from; i--) {
                if (b[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
