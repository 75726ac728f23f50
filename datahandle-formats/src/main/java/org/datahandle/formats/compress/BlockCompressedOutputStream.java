package org.datahandle.formats.compress;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import org.datahandle.spi.BlockDeflater;
import org.datahandle.spi.DeflateProvider;

/**
 * Writes BGZF: the data is cut into blocks of {@link Bgzf#WRITE_BLOCK_LENGTH} bytes, each block
 * is deflated on its own (on a small pool of threads when {@code threads > 1}, by the process's
 * {@link DeflateProviders#selected() deflate provider}: libdeflate when it loads, else the JDK) into a gzip member
 * whose header carries the block size, and the blocks are written in order. Closing writes the
 * last partial block and the 28-byte EOF block, then closes the underlying stream.
 *
 * <p>{@link #flush()} ends the current block, as htslib's {@code bgzf_flush} does, so frequent
 * flushes make small blocks. After a failed write the stream is unusable; closing it then
 * releases the threads and the underlying stream without writing the EOF block, so the output is
 * recognisably truncated.
 */
final class BlockCompressedOutputStream extends OutputStream implements BgzfPositions {

    private record Block(byte[] bytes, int length) {}

    private final OutputStream out;
    private final int level;
    private final DeflateProvider provider;
    /** Deflaters at {@link #level}, reused across blocks; closed on close. */
    private final ConcurrentLinkedQueue<BlockDeflater> deflaters = new ConcurrentLinkedQueue<>();
    private final int threads;
    /** Started with the first full block, so output smaller than a block never starts threads. */
    private ExecutorService workers;
    private final int maxInFlight;
    private final ArrayDeque<Future<Block>> inFlight = new ArrayDeque<>();
    private final BufferPool uncompressed;
    private final BufferPool compressed;

    private byte[] buffer;
    private int count;
    /** Blocks handed to {@link #endBlock()} so far: the number of the block being filled. */
    private long blocksEnded;
    /** Compressed start offset of every block written, in order; grown as blocks are written. */
    private long[] blockStarts = new long[64];
    private int blocksWritten;
    private long bytesWritten;
    private boolean failed;
    private volatile boolean closed;

    /**
     * @param level deflate level 0 to 9
     * @param threads threads that deflate blocks; 1 deflates in the caller's thread
     */
    BlockCompressedOutputStream(OutputStream out, int level, int threads) {
        this(out, level, threads, DeflateProviders.selected());
    }

    /** As above, deflating with {@code provider}; for tests that compare providers. */
    BlockCompressedOutputStream(OutputStream out, int level, int threads, DeflateProvider provider) {
        this.out = requireNonNull(out, "out is null");
        this.provider = requireNonNull(provider, "provider is null");
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("level must be 0 to 9, got " + level);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.level = level;
        this.threads = threads;
        this.maxInFlight = 2 * threads;
        this.uncompressed = new BufferPool(Bgzf.WRITE_BLOCK_LENGTH, maxInFlight + 1);
        this.compressed = new BufferPool(Bgzf.MAX_BLOCK_LENGTH, maxInFlight + 1);
    }

    /** The block being filled, taken on the first byte: a stream opened only to check its options allocates nothing. */
    private byte[] buffer() {
        if (buffer == null) {
            buffer = uncompressed.take();
        }
        return buffer;
    }

    @Override
    public void write(int b) throws IOException {
        ensureUsable();
        byte[] block = buffer();
        block[count++] = (byte) b;
        if (count == block.length) {
            startWorkers();
            endBlock();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureUsable();
        while (len > 0) {
            byte[] block = buffer();
            int n = Math.min(len, block.length - count);
            System.arraycopy(b, off, block, count, n);
            count += n;
            off += n;
            len -= n;
            if (count == block.length) {
                startWorkers();
                endBlock();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        ensureUsable();
        if (count > 0) {
            endBlock();
        }
        drain(0);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        try {
            if (!failed) {
                if (count > 0) {
                    endBlock();
                }
                drain(0);
                out.write(Bgzf.EOF_BLOCK);
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            if (workers != null) {
                inFlight.forEach(f -> f.cancel(true));
                workers.shutdownNow();
            }
            // a worker still finishing a cancelled block closes its own deflater (closed is set); one that
            // races past the check is freed by its cleaner (the JDK's Deflater and libdeflate's both have one)
            for (BlockDeflater d; (d = deflaters.poll()) != null; ) {
                d.close();
            }
        }
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public long position() {
        return blocksEnded << 16 | count;
    }

    /** Positions at the very end (block number = blocks written) map to the start of the EOF block. */
    @Override
    public long virtualOffset(long position) {
        long block = position >>> 16;
        long start;
        if (block < blocksWritten) {
            start = blockStarts[(int) block];
        } else if (block == blocksWritten && (position & 0xFFFF) == 0 && inFlight.isEmpty() && count == 0) {
            start = bytesWritten;
        } else {
            throw new IllegalStateException("block " + block + " has not been written yet (" + blocksWritten
                    + " written)");
        }
        return start << 16 | (position & 0xFFFF);
    }

    private void startWorkers() {
        if (workers == null && threads > 1) {
            workers = Workers.newPool("bgzf-deflate", threads);
        }
    }

    /** Whether blocks were deflated on a thread pool; for tests. */
    boolean startedWorkers() {
        return workers != null;
    }

    private void ensureUsable() throws IOException {
        if (closed) {
            throw new IOException("BGZF stream closed");
        }
        if (failed) {
            throw new IOException("BGZF stream unusable after an earlier write failed");
        }
    }

    /** Hands the buffered data to a worker (or deflates it here) and starts a new buffer. */
    private void endBlock() throws IOException {
        byte[] data = buffer;
        int length = count;
        buffer = null;
        count = 0;
        blocksEnded++;
        try {
            if (workers == null) {
                inFlight.add(CompletableFuture.completedFuture(deflate(data, length)));
            } else {
                inFlight.add(workers.submit(() -> deflate(data, length)));
            }
            drain(maxInFlight - 1);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** Writes finished blocks, in order, until at most {@code keep} are in flight. */
    private void drain(int keep) throws IOException {
        try {
            while (inFlight.size() > keep) {
                Block block = Workers.await(inFlight.peek());
                inFlight.poll();
                if (blocksWritten == blockStarts.length) {
                    blockStarts = Arrays.copyOf(blockStarts, blocksWritten * 2);
                }
                blockStarts[blocksWritten++] = bytesWritten;
                out.write(block.bytes(), 0, block.length());
                bytesWritten += block.length();
                compressed.give(block.bytes());
            }
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** One complete BGZF block: header, raw deflate data, CRC32 and length. */
    private Block deflate(byte[] data, int length) {
        byte[] block = compressed.take();
        int room = Bgzf.MAX_BLOCK_LENGTH - Bgzf.HEADER_LENGTH - Bgzf.FOOTER_LENGTH;
        int deflated = deflateInto(data, length, block, room);
        if (deflated == BlockDeflater.DOES_NOT_FIT) {
            // Cannot happen with zlib or libdeflate (their bounds for 65,280 bytes are far below the
            // room), but stored deflate blocks always fit, so an odd provider still yields a valid file.
            try (BlockDeflater store = provider.newDeflater(0)) {
                deflated = store.deflate(data, 0, length, block, Bgzf.HEADER_LENGTH, room);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        uncompressed.give(data);
        int blockLength = Bgzf.HEADER_LENGTH + deflated + Bgzf.FOOTER_LENGTH;
        Bgzf.writeHeader(block, blockLength);
        Bgzf.putInt32(block, Bgzf.HEADER_LENGTH + deflated, (int) crc.getValue());
        Bgzf.putInt32(block, Bgzf.HEADER_LENGTH + deflated + 4, length);
        return new Block(block, blockLength);
    }

    /** Raw deflate of {@code data} into {@code block} after the header, or {@link BlockDeflater#DOES_NOT_FIT}. */
    private int deflateInto(byte[] data, int length, byte[] block, int room) {
        // A deflater per block would set up its state (a quarter MiB in zlib) thousands of times: reuse them.
        BlockDeflater deflater = deflaters.poll();
        if (deflater == null) {
            deflater = provider.newDeflater(level);
        }
        try {
            return deflater.deflate(data, 0, length, block, Bgzf.HEADER_LENGTH, room);
        } finally {
            if (closed) {
                deflater.close();
            } else {
                deflaters.add(deflater);
            }
        }
    }
}
