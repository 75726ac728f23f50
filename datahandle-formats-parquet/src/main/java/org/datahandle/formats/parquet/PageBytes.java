package org.datahandle.formats.parquet;

import java.util.Arrays;

/**
 * A growable little-endian byte array that one page (or a dictionary page) is encoded into, on the
 * write side. Not thread-safe; one per column chunk being encoded.
 */
final class PageBytes {
    private byte[] bytes;
    private int size;

    PageBytes(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    /** Forgets what was written, keeping the array for the next page. */
    void reset() {
        size = 0;
    }

    /** A copy of what was written, exactly sized: the page writer keeps the array it is given. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void ensure(int more) {
        if (bytes.length - size < more) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a Parquet page would exceed 2 GiB");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }

    void writeByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    /** Overwrites a byte written before, at {@code position}. */
    void setByte(int position, int b) {
        bytes[position] = (byte) b;
    }

    void writeInt(int v) {
        ensure(4);
        putInt(bytes, size, v);
        size += 4;
    }

    /** Overwrites the four bytes at {@code position} (a length prefix reserved before its content). */
    void setInt(int position, int v) {
        putInt(bytes, position, v);
    }

    void writeLong(long v) {
        ensure(8);
        putInt(bytes, size, (int) v);
        putInt(bytes, size + 4, (int) (v >>> 32));
        size += 8;
    }

    void writeBytes(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
    }

    /** ULEB128, as the headers of RLE/bit-packed runs are written. */
    void writeUnsignedVarInt(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    /** Eight values of {@code bitWidth} bits, packed from the lowest bit up: {@code bitWidth} bytes. */
    void writeBitPacked8(int[] values, int bitWidth) {
        ensure(bitWidth + 8);
        byte[] b = bytes;
        int p = size;
        if (bitWidth <= 16) { // the common case (levels, dictionary ids): 128 bits at most, in two longs
            long lo = 0;
            long hi = 0;
            int bit = 0;
            for (int i = 0; i < 8; i++, bit += bitWidth) {
                long v = values[i] & 0xFFFF_FFFFL;
                if (bit < 64) {
                    lo |= v << bit;
                    if (bit + bitWidth > 64) {
                        hi |= v >>> (64 - bit);
                    }
                } else {
                    hi |= v << (bit - 64);
                }
            }
            for (int j = 0; j < bitWidth; j++) {
                b[p + j] = (byte) (j < 8 ? lo >>> (8 * j) : hi >>> (8 * (j - 8)));
            }
            size = p + bitWidth;
            return;
        }
        long acc = 0;
        int bits = 0;
        for (int i = 0; i < 8; i++) {
            acc |= (values[i] & 0xFFFF_FFFFL) << bits;
            bits += bitWidth;
            while (bits >= 8) {
                b[p++] = (byte) acc;
                acc >>>= 8;
                bits -= 8;
            }
        }
        size = p;
    }

    /** Plain ints, in bulk. */
    void writeInts(int[] src, int from, int to) {
        ensure(4 * (to - from));
        byte[] b = bytes;
        int p = size;
        for (int i = from; i < to; i++) {
            int v = src[i];
            b[p] = (byte) v;
            b[p + 1] = (byte) (v >>> 8);
            b[p + 2] = (byte) (v >>> 16);
            b[p + 3] = (byte) (v >>> 24);
            p += 4;
        }
        size = p;
    }

    /** Plain longs, in bulk. */
    void writeLongs(long[] src, int from, int to) {
        ensure(8 * (to - from));
        byte[] b = bytes;
        int p = size;
        for (int i = from; i < to; i++) {
            long v = src[i];
            putInt(b, p, (int) v);
            putInt(b, p + 4, (int) (v >>> 32));
            p += 8;
        }
        size = p;
    }

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }
}
