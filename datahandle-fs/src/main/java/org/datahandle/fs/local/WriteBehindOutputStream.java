package org.datahandle.fs.local;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file's output stream that, once the file is larger than one block, leaves the writing to a second
 * thread: the caller (an encoder, the exchange server taking a push) goes on filling the next block while
 * the kernel copies the previous ones into the page cache. For a new file on tmpfs the kernel's side — a
 * fresh page allocated and charged for every 4 KiB — costs more CPU than the copy itself (docs/performance.md,
 * "Exchange"), and on a busy writer it was time the writer stood still. Files smaller than a block are
 * written directly, as before.
 *
 * <p>Blocks are direct buffers: the JDK copies a heap array into a temporary direct buffer before every
 * write anyway, so filling a block costs no copy more than writing directly did. At most
 * {@value #MAX_STREAMS} streams of the process write behind at once, each with at most {@value #BLOCKS}
 * blocks of {@value #BLOCK} bytes; the blocks are kept for the next stream. Further streams write directly.
 *
 * <p>{@link #flush()} hands what is buffered to the writing thread and does not wait (the file system SPI's
 * streams write staged files, which nobody reads before they are closed); {@link #close()} waits until every
 * byte is written, then closes the file. The first write error is thrown by the next {@code write},
 * {@code flush} or {@code close}; after it nothing more is written.
 */
final class WriteBehindOutputStream extends OutputStream {
    static final int BLOCK = 1 << 20;
    static final int BLOCKS = 4;
    static final int MAX_STREAMS = 4;

    private static final Semaphore STREAMS = new Semaphore(MAX_STREAMS);
    private static final BlockingQueue<ByteBuffer> SPARE_BLOCKS = new ArrayBlockingQueue<>(MAX_STREAMS * BLOCKS);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "datahandle-write-behind-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final FileChannel channel;
    /** Blocks the writing thread has finished with. */
    private final BlockingQueue<ByteBuffer> written = new ArrayBlockingQueue<>(BLOCKS);
    /** Filled blocks waiting for the writing thread, in file order; guarded by {@code this}. */
    private final ArrayDeque<ByteBuffer> queued = new ArrayDeque<>(BLOCKS);
    /** Whether a task is writing this stream's queue; guarded by {@code this}. */
    private boolean draining;
    private volatile IOException failure;

    private ByteBuffer current;
    private int blocksTaken;
    private long writtenDirectly;
    private boolean behind;
    private boolean closed;

    WriteBehindOutputStream(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        throwIfFailed();
        if (!behind && !startBehind(len)) {
            writeFully(ByteBuffer.wrap(b, off, len));
            writtenDirectly += len;
            return;
        }
        while (len > 0) {
            if (current == null) {
                current = takeBlock();
            }
            int n = Math.min(len, current.remaining());
            current.put(b, off, n);
            off += n;
            len -= n;
            if (!current.hasRemaining()) {
                handOver();
            }
        }
    }

    /** Writes behind from now on when the file outgrows a block and a slot is free. */
    private boolean startBehind(int len) {
        if (writtenDirectly + len < BLOCK || !STREAMS.tryAcquire()) {
            return false;
        }
        behind = true;
        return true;
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (current != null && current.position() > 0) {
            handOver();
        }
        throwIfFailed();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (behind) {
                if (current != null && current.position() > 0) {
                    handOver();
                }
                awaitWritten();
            }
        } finally {
            if (behind) {
                if (current != null) {
                    written.add(current);
                }
                for (ByteBuffer block; (block = written.poll()) != null; ) {
                    SPARE_BLOCKS.offer(block.clear());
                }
                STREAMS.release();
            }
            channel.close();
        }
        throwIfFailed();
    }

    private ByteBuffer takeBlock() throws IOException {
        if (blocksTaken < BLOCKS) {
            blocksTaken++;
            ByteBuffer spare = SPARE_BLOCKS.poll();
            return spare != null ? spare : ByteBuffer.allocateDirect(BLOCK);
        }
        try {
            return written.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the file's earlier blocks to be written");
        }
    }

    private void handOver() {
        ByteBuffer block = current.flip();
        current = null;
        synchronized (this) {
            queued.add(block);
            if (!draining) {
                draining = true;
                WRITERS.execute(this::drain);
            }
        }
    }

    /** On a writing thread: writes the queued blocks in order, until none is left. */
    private void drain() {
        while (true) {
            ByteBuffer block;
            synchronized (this) {
                block = queued.poll();
                if (block == null) {
                    draining = false;
                    notifyAll();
                    return;
                }
            }
            if (failure == null) {
                try {
                    writeFully(block);
                } catch (IOException e) {
                    failure = e;
                } catch (RuntimeException | Error e) {
                    failure = new IOException("writing the file failed: " + e, e);
                }
            }
            written.add(block.clear());
        }
    }

    /**
     * Waits for the writing thread to finish this stream's blocks. Not interruptible: the blocks must not be
     * reused, nor the file closed, while a write into them may still run (an interrupt is kept for the caller).
     */
    private synchronized void awaitWritten() {
        boolean interrupted = false;
        while (draining) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void throwIfFailed() throws IOException {
        IOException e = failure;
        if (e != null) {
            // a new exception each time, so that each caller's stack shows where it learnt of the failure
            throw new IOException(e.getMessage(), e);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the stream is closed");
        }
    }
}
