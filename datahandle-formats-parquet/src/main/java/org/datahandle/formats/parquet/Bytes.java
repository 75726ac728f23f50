package org.datahandle.formats.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Hashing, equality and unsigned order of ranges of one byte array, eight bytes at a time: the
 * dictionary lookups and string statistics of the writer compare short strings millions of times,
 * where {@code Arrays.equals} and {@code Arrays.compareUnsigned} spend more on their set-up than on
 * the bytes.
 */
final class Bytes {
    private static final VarHandle LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {}

    static int hash(byte[] b, int start, int length) {
        long h = length;
        int i = start;
        int end = start + length;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) LE.get(b, i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        for (; i < end; i++) {
            h = (h ^ (b[i] & 0xFF)) * 0x100000001B3L;
        }
        h ^= h >>> 32;
        return (int) h;
    }

    static boolean equal(byte[] a, int aStart, byte[] b, int bStart, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if ((long) LE.get(a, aStart + i) != (long) LE.get(b, bStart + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (a[aStart + i] != b[bStart + i]) {
                return false;
            }
        }
        return true;
    }

    /** Lexicographic order of unsigned bytes (Parquet's order of BYTE_ARRAY statistics), then by length. */
    static int compareUnsigned(byte[] b, int aStart, int aLength, int bStart, int bLength) {
        int length = Math.min(aLength, bLength);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long x = (long) BE.get(b, aStart + i);
            long y = (long) BE.get(b, bStart + i);
            if (x != y) {
                return Long.compareUnsigned(x, y);
            }
        }
        for (; i < length; i++) {
            int x = b[aStart + i] & 0xFF;
            int y = b[bStart + i] & 0xFF;
            if (x != y) {
                return x - y;
            }
        }
        return aLength - bLength;
    }
}
