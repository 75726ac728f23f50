package org.datahandle.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A push's body, read from the socket by a second thread while the handler checks the batches and writes
 * them into the staged file. The two halves cost about the same CPU (receiving the body; checking it and
 * writing it into {@code shm:} or disk), so on a machine with a free core a push takes the time of the
 * slower half instead of the sum (docs/performance.md, issue 12).
 *
 * <p>Memory is bounded: {@link #BLOCKS} blocks of {@link #BLOCK} bytes, reused; the reading thread waits when
 * all are full (a consumer that stopped) and the handler waits when all are empty (a client that stopped
 * sending, which the idle watchdog cuts off). {@link #close()} returns only once the reading thread has
 * stopped touching the body, so what follows (the server's drain of a refused body, the answer) has the
 * connection to itself. The reading thread stops after its current read; only when the request is dropped
 * anyway (the watchdog expired it, or the client sends nothing for the idle time) is it interrupted, which
 * closes the connection.
 */
final class ReadAheadInputStream extends InputStream {
    /** Bytes per block. */
    static final int BLOCK = 1 << 20;
    /** Blocks per upload. */
    static final int BLOCKS = 4;

    private static final Block END = new Block(new byte[0]);

    private final InputStream source;
    private final BooleanSupplier dropped;
    private final long giveUpNanos;
    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BLOCKS + 1);
    private final Object lifecycle = new Object();
    private final byte[] one = new byte[1];

    private volatile boolean stop;
    private volatile IOException failure;
    private Thread reader; // guarded by lifecycle
    private boolean readerDone; // guarded by lifecycle
    private Block current;
    private boolean ended;
    private boolean closed;

    /**
     * Starts reading {@code source} on a thread of {@code threads}; when none is free, reads it on the
     * caller's thread, as an ordinary stream.
     *
     * @param dropped true once the request is being dropped (the idle watchdog expired it): the reading thread
     *     may then be interrupted at once
     * @param giveUp how long {@link #close()} waits for a reading thread blocked on a silent client before
     *     interrupting it
     */
    static InputStream start(InputStream source, Executor threads, BooleanSupplier dropped, java.time.Duration giveUp) {
        ReadAheadInputStream s = new ReadAheadInputStream(source, dropped, giveUp.toNanos());
        try {
            threads.execute(s::fill);
        } catch (RejectedExecutionException e) {
            return source;
        }
        return s;
    }

    private ReadAheadInputStream(InputStream source, BooleanSupplier dropped, long giveUpNanos) {
        this.source = source;
        this.dropped = dropped;
        this.giveUpNanos = giveUpNanos;
        for (int i = 0; i < BLOCKS; i++) {
            free.add(new Block(new byte[BLOCK]));
        }
    }

    /** The reading thread: fills free blocks from the source until its end, a failure or {@link #stop}. */
    private void fill() {
        synchronized (lifecycle) {
            if (closed) {
                readerDone = true;
                lifecycle.notifyAll();
                return;
            }
            reader = Thread.currentThread();
        }
        try {
            while (!stop) {
                Block b = free.poll(50, TimeUnit.MILLISECONDS);
                if (b == null) {
                    continue;
                }
                b.length = 0;
                b.position = 0;
                boolean eof = false;
                while (b.length < b.bytes.length && !stop) {
                    int n = source.read(b.bytes, b.length, b.bytes.length - b.length);
                    if (n < 0) {
                        eof = true;
                        break;
                    }
                    b.length += n;
                    if (source.available() <= 0 && b.length >= BLOCK / 4) {
                        break; // hand over what came rather than wait for a full block
                    }
                }
                if (b.length > 0) {
                    filled.put(b);
                }
                if (eof) {
                    break;
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("the upload was cut off");
        } catch (RuntimeException e) {
            failure = new IOException(e);
        } finally {
            filled.offer(END); // room for it: BLOCKS + 1
            synchronized (lifecycle) {
                readerDone = true;
                reader = null;
                Thread.interrupted(); // the pool's thread goes back without our interrupt
                lifecycle.notifyAll();
            }
        }
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (closed) {
                throw new IOException("the upload stream is closed");
            }
            if (current != null && current.position < current.length) {
                int n = Math.min(len, current.length - current.position);
                System.arraycopy(current.bytes, current.position, b, off, n);
                current.position += n;
                return n;
            }
            if (ended) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            if (current != null) {
                free.offer(current);
                current = null;
            }
            Block next;
            try {
                next = filled.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("the upload was cut off while waiting for data");
            }
            if (next == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            current = next;
        }
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length - current.position;
    }

    /**
     * Stops the reading thread and waits until it no longer touches the source (which stays open: the
     * exchange owns it). A thread blocked on a client that sends nothing is interrupted after the give-up
     * time, or at once when the request is being dropped.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        stop = true;
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + giveUpNanos;
        synchronized (lifecycle) {
            closed = true;
            while (!readerDone) {
                long left = deadline - System.nanoTime();
                if (reader != null && (interrupted || left <= 0 || dropped.getAsBoolean())) {
                    reader.interrupt(); // the request is dropped anyway: closing its connection is fine
                }
                try {
                    lifecycle.wait(Math.max(1, Math.min(50, TimeUnit.NANOSECONDS.toMillis(Math.max(left, 0)))));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Block {
        final byte[] bytes;
        int length;
        int position;

        Block(byte[] bytes) {
            this.bytes = bytes;
        }
    }
}
