package org.datahandle.formats.compress;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A bounded pool of equal-sized byte arrays, shared between a stream and its worker threads, so
 * that streaming a large BGZF file does not allocate two 64 KiB arrays per block.
 */
final class BufferPool {

    private final int bufferSize;
    private final ArrayBlockingQueue<byte[]> free;

    BufferPool(int bufferSize, int maxPooled) {
        this.bufferSize = bufferSize;
        this.free = new ArrayBlockingQueue<>(maxPooled);
    }

    /** A free array of {@link #bufferSize} bytes, new when the pool is empty. Contents are undefined. */
    byte[] take() {
        byte[] buffer = free.poll();
        return buffer != null ? buffer : new byte[bufferSize];
    }

    /** Returns an array for reuse; dropped when the pool is full. */
    void give(byte[] buffer) {
        if (buffer.length == bufferSize) {
            free.offer(buffer);
        }
    }

    int bufferSize() {
        return bufferSize;
    }
}
