package org.datahandle.formats.compress;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import org.datahandle.spi.BlockInflater;
import org.datahandle.spi.DeflateProvider;

/**
 * Reads BGZF. The caller's thread reads whole blocks (their length is in the header's BSIZE),
 * and once the input has more than {@link #INLINE_BLOCKS} blocks, worker threads inflate the next
 * blocks ahead in parallel; data comes out in block order. The workers are the catalog's executor
 * when the stream is given one (so a {@code .csv.bgz} read shares one pool with the CSV parser),
 * else a small pool of the stream's own. Small inputs are inflated in the caller's thread, so they
 * never use threads.
 *
 * <p>Blocks are inflated by the process's {@link DeflateProviders#selected() deflate provider}
 * (libdeflate when it loads, else the JDK). Every block's CRC32 and ISIZE are checked. The input must end with an empty block (the EOF
 * marker every BGZF writer, ours included, appends); without it the input is reported as
 * truncated. htslib only warns there, but a file cut at a block boundary is otherwise
 * indistinguishable from a complete one. Errors come out in order: the data of every good block
 * before the bad one is returned first.
 */
final class BlockCompressedInputStream extends StickyFailureInputStream {

    /** Blocks inflated in the caller's thread before the pool starts. */
    static final int INLINE_BLOCKS = 4;

    private record RawBlock(byte[] bytes, int length, long offset) {
        int isize() {
            return Bgzf.int32(bytes, length - 4);
        }
    }

    private record InflatedBlock(byte[] bytes, int length) {}

    /**
     * The blocks of one task, in order: every block inflated before the first failure, then that
     * failure (or null). A task inflates several blocks so that threads hand over work, and wake
     * each other, a few times per megabyte rather than for every 64 KiB.
     */
    private record Inflated(ArrayDeque<InflatedBlock> blocks, IOException failure) {}

    /** Blocks per task once the pool runs. */
    static final int BLOCKS_PER_TASK = 8;

    private final InputStream in;
    private final int threads;
    private final int maxAhead;
    private final ArrayDeque<Future<Inflated>> ahead = new ArrayDeque<>();
    private final BufferPool compressed;
    private final BufferPool inflated;
    private final byte[] header = new byte[Bgzf.HEADER_LENGTH];
    /** The executor to inflate on, once the input is long enough: {@link #shared} or {@link #own}. */
    private Executor workers;
    /** The catalog's executor, or null: never shut down here. */
    private final Executor shared;
    /** A pool of this stream's own, when it has no shared executor; shut down at the end. */
    private ExecutorService own;

    private InflatedBlock current;
    /** The rest of the task {@link #current} came from. */
    private Inflated group;
    private int position;
    /** Compressed offset of the next block to read. */
    private long offset;
    private long blocks;
    private boolean inputDone;
    private boolean lastBlockEmpty;
    private volatile boolean closed;
    private final DeflateProvider provider;
    /** Inflaters reused across blocks; closed on close. */
    private final ConcurrentLinkedQueue<BlockInflater> inflaters = new ConcurrentLinkedQueue<>();
    private boolean startedWorkers;
    /**
     * The header of a plain gzip member that follows the BGZF blocks ({@code cat a.bgz b.gz}, which
     * {@code gzip -t} accepts); once the blocks before it are out, the rest is read as gzip.
     */
    private byte[] plainGzipHead;
    private InputStream plainGzip;

    /** @param threads threads that inflate blocks; 1 inflates everything in the caller's thread */
    BlockCompressedInputStream(InputStream in, int threads) {
        this(in, threads, null);
    }

    /**
     * @param threads how many blocks' worth of work to keep ahead, in units of a thread; 1 inflates
     *     everything in the caller's thread
     * @param shared the executor to inflate on, or null for a pool of the stream's own
     */
    BlockCompressedInputStream(InputStream in, int threads, Executor shared) {
        this(in, threads, shared, DeflateProviders.selected());
    }

    /** As above, inflating with {@code provider}; for tests that compare providers. */
    BlockCompressedInputStream(InputStream in, int threads, Executor shared, DeflateProvider provider) {
        super("BGZF");
        this.provider = requireNonNull(provider, "provider is null");
        this.shared = shared;
        this.in = requireNonNull(in, "in is null");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.maxAhead = 2 * threads;
        this.compressed = new BufferPool(Bgzf.MAX_BLOCK_LENGTH, maxAhead * BLOCKS_PER_TASK + 1);
        this.inflated = new BufferPool(Bgzf.MAX_BLOCK_LENGTH, (maxAhead + 1) * BLOCKS_PER_TASK + 1);
    }

    @Override
    boolean isClosed() {
        return closed;
    }

    @Override
    int readDecompressed(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (plainGzip != null) {
            return plainGzip.read(b, off, len);
        }
        if ((current == null || position == current.length()) && !nextBlock()) {
            if (plainGzipHead != null) {
                plainGzip = new MultiMemberGzipInputStream(new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream(plainGzipHead), in));
                plainGzipHead = null;
                return plainGzip.read(b, off, len);
            }
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    /** Whether blocks were inflated on worker threads (shared or own); for tests. */
    boolean startedWorkers() {
        return startedWorkers;
    }

    /** Whether the stream started a pool of its own; for tests. */
    boolean startedOwnPool() {
        return own != null;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - position;
    }

    /** Moves to the next block with data; false at the end of the input. */
    private boolean nextBlock() throws IOException {
        if (current != null) {
            inflated.give(current.bytes());
            current = null;
        }
        while (true) {
            if (group == null || (group.blocks().isEmpty() && group.failure() == null)) {
                readAhead();
                Future<Inflated> next = ahead.poll();
                if (next == null) {
                    stopWorkers();
                    return false;
                }
                if (next instanceof FutureTask<Inflated> task && !task.isDone()) {
                    // not started by a worker yet: inflate it here rather than wait (a task runs only once)
                    task.run();
                }
                group = Workers.await(next);
            }
            InflatedBlock block = group.blocks().poll();
            if (block == null) {
                throw group.failure(); // after the data of every good block before it
            }
            if (block.length() > 0) {
                current = block;
                position = 0;
                return true;
            }
            inflated.give(block.bytes());
        }
    }

    /** Reads blocks and queues their inflation until enough are ahead or the input ends. */
    private void readAhead() {
        while (!inputDone && ahead.size() < (workers == null ? 1 : maxAhead)) {
            List<RawBlock> raws = new ArrayList<>(BLOCKS_PER_TASK);
            IOException readError = null;
            while (raws.size() < (workers == null ? 1 : BLOCKS_PER_TASK)) {
                RawBlock raw;
                try {
                    raw = readBlock();
                } catch (IOException e) {
                    inputDone = true;
                    readError = e;
                    break;
                }
                if (raw == null) {
                    inputDone = true;
                    if (!lastBlockEmpty && plainGzipHead == null) {
                        readError = new IOException(String.format(
                                "truncated BGZF: no EOF block (the input ends at compressed byte offset %d%s without the empty block that ends every BGZF file)",
                                offset, blocks == 0 ? ", it is empty," : ""));
                    }
                    break;
                }
                blocks++;
                lastBlockEmpty = raw.isize() == 0;
                raws.add(raw);
            }
            if (raws.isEmpty() && readError == null) {
                return;
            }
            IOException readFailure = readError;
            if (workers == null) {
                ahead.add(CompletableFuture.completedFuture(inflateAll(raws, readFailure)));
            } else {
                FutureTask<Inflated> task = new FutureTask<>(() -> inflateAll(raws, readFailure));
                workers.execute(task);
                ahead.add(task);
            }
            if (workers == null && threads > 1 && blocks > INLINE_BLOCKS) {
                if (shared != null) {
                    workers = shared;
                } else {
                    own = Workers.newPool("bgzf-inflate", threads);
                    workers = own;
                }
                startedWorkers = true;
            }
        }
    }

    /** Inflates {@code raws} in order, stopping at the first bad one; {@code readFailure} comes after them all. */
    private Inflated inflateAll(List<RawBlock> raws, IOException readFailure) {
        ArrayDeque<InflatedBlock> out = new ArrayDeque<>(raws.size());
        for (int i = 0; i < raws.size(); i++) {
            try {
                out.add(inflate(raws.get(i)));
            } catch (IOException e) {
                for (int j = i + 1; j < raws.size(); j++) {
                    compressed.give(raws.get(j).bytes());
                }
                return new Inflated(out, e);
            }
        }
        return new Inflated(out, readFailure);
    }

    /** The next whole block, or null at a clean end of input (at a block boundary). */
    private RawBlock readBlock() throws IOException {
        long start = offset;
        int n = in.readNBytes(header, 0, Bgzf.HEADER_LENGTH);
        if (n == 0) {
            return null;
        }
        if (start > 0 && plainGzipMember(n)) {
            plainGzipHead = java.util.Arrays.copyOf(header, n); // a gzip member that is not BGZF: read on as gzip
            return null;
        }
        if (n < Bgzf.HEADER_LENGTH) {
            if (!Bgzf.isBlockHeader(headerPadded(n), Bgzf.HEADER_LENGTH)) {
                throw notBgzf(start);
            }
            throw new IOException(String.format(
                    "truncated BGZF: unexpected end of input at compressed byte offset %d, in the header of the block at offset %d",
                    start + n, start));
        }
        if (!Bgzf.isBlockHeader(header, Bgzf.HEADER_LENGTH)) {
            throw notBgzf(start);
        }
        int length = Bgzf.uint16(header, 16) + 1;
        if (length <= Bgzf.HEADER_LENGTH + Bgzf.FOOTER_LENGTH) {
            throw new IOException(String.format(
                    "corrupt BGZF block at compressed byte offset %d: BSIZE says %d bytes, less than a header and footer",
                    start, length));
        }
        byte[] bytes = compressed.take();
        System.arraycopy(header, 0, bytes, 0, Bgzf.HEADER_LENGTH);
        int rest = length - Bgzf.HEADER_LENGTH;
        n = in.readNBytes(bytes, Bgzf.HEADER_LENGTH, rest);
        if (n < rest) {
            compressed.give(bytes);
            throw new IOException(String.format(
                    "truncated BGZF: unexpected end of input at compressed byte offset %d, inside the %d-byte block at offset %d",
                    start + Bgzf.HEADER_LENGTH + n, length, start));
        }
        offset += length;
        return new RawBlock(bytes, length, start);
    }

    /**
     * True for the header of a gzip member that is plainly not BGZF: gzip magic, deflate, no reserved
     * flag, and no {@code BC} subfield where BGZF has it (so a BGZF header with one flipped byte is
     * still reported as a corrupt BGZF block, not read as gzip).
     */
    private boolean plainGzipMember(int n) {
        if (n < 4 || (header[0] & 0xff) != 0x1f || (header[1] & 0xff) != 0x8b || header[2] != 8
                || (header[3] & 0xe0) != 0) {
            return false;
        }
        if (n >= 14 && header[12] == 'B' && header[13] == 'C') {
            return false;
        }
        return !Bgzf.isBlockHeader(n < Bgzf.HEADER_LENGTH ? headerPadded(n) : header, Bgzf.HEADER_LENGTH);
    }

    /** The {@code n} bytes read, completed from a valid header, so only the bytes present are judged. */
    private byte[] headerPadded(int n) {
        byte[] padded = new byte[Bgzf.HEADER_LENGTH];
        System.arraycopy(Bgzf.EOF_BLOCK, 0, padded, 0, Bgzf.HEADER_LENGTH);
        System.arraycopy(header, 0, padded, 0, n);
        return padded;
    }

    private IOException notBgzf(long start) {
        String where = start == 0 ? "not BGZF data" : "trailing garbage in BGZF input";
        return new IOException(String.format(
                "%s: no BGZF block header at compressed byte offset %d (%s)", where, start, Bgzf.headerProblem(header)));
    }

    /** Inflates one block and checks its CRC32 and ISIZE; runs on a worker thread. */
    private InflatedBlock inflate(RawBlock raw) throws IOException {
        byte[] out = inflated.take();
        // an inflater per block would set up its state thousands of times: reuse them
        BlockInflater inflater = inflaters.poll();
        if (inflater == null) {
            inflater = provider.newInflater();
        }
        try {
            long isize = raw.isize() & 0xFFFFFFFFL;
            if (isize > Bgzf.MAX_BLOCK_LENGTH) {
                throw corrupt(raw, "ISIZE " + isize + " exceeds the BGZF maximum of 65536");
            }
            int produced = inflater.inflate(raw.bytes(), Bgzf.HEADER_LENGTH,
                    raw.length() - Bgzf.HEADER_LENGTH - Bgzf.FOOTER_LENGTH, out, 0, out.length);
            if (produced != isize) {
                throw corrupt(raw, "length mismatch (ISIZE " + isize + ", inflated " + produced + " bytes)");
            }
            CRC32 crc = new CRC32();
            crc.update(out, 0, produced);
            int stored = Bgzf.int32(raw.bytes(), raw.length() - Bgzf.FOOTER_LENGTH);
            if (stored != (int) crc.getValue()) {
                throw corrupt(raw, String.format("CRC32 mismatch (stored %08x, computed %08x)", stored, crc.getValue()));
            }
            InflatedBlock block = new InflatedBlock(out, produced);
            out = null;
            return block;
        } catch (DataFormatException e) {
            // the provider's message says what is wrong: invalid deflate data (...), ends before its final block, ...
            throw new IOException(String.format(
                    "corrupt BGZF block at compressed byte offset %d: %s", raw.offset(), e.getMessage()), e);
        } finally {
            if (closed) {
                inflater.close();
            } else {
                inflaters.add(inflater); // one that races past close() is freed by its cleaner
            }
            compressed.give(raw.bytes());
            if (out != null) {
                inflated.give(out);
            }
        }
    }

    private static IOException corrupt(RawBlock raw, String problem) {
        return new IOException("corrupt BGZF block at compressed byte offset " + raw.offset() + ": " + problem);
    }

    private void stopWorkers() {
        if (own != null) {
            own.shutdownNow();
        }
        workers = null; // a shared executor goes on serving others; close() cancels this stream's tasks
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        ahead.forEach(f -> f.cancel(true));
        ahead.clear();
        group = null;
        stopWorkers();
        for (BlockInflater i; (i = inflaters.poll()) != null; ) {
            i.close();
        }
        if (plainGzip != null) {
            plainGzip.close(); // closes in too
        }
        in.close();
    }
}
