package org.datahandle.table;

import java.util.Arrays;

/**
 * The storage of variable-length values ({@code string}, {@code binary}): all bytes in one array and
 * {@code size + 1} start offsets, so a million short strings cost about their bytes plus 4 bytes each,
 * not a million objects.
 */
final class VarBytes {
    byte[] data;
    int[] offsets;
    int count;

    VarBytes(int capacity) {
        this(capacity, Math.max(capacity, 1) * 8);
    }

    /** Room for {@code capacity} values of {@code byteCapacity} bytes in all, so a known size is one allocation. */
    VarBytes(int capacity, int byteCapacity) {
        this.data = new byte[Math.max(byteCapacity, 1)];
        this.offsets = new int[Math.max(capacity, 0) + 1];
    }

    int length() {
        return offsets[count];
    }

    void append(byte[] src, int off, int len) {
        int end = offsets[count];
        if (end + len > data.length || end + len < 0) {
            long needed = (long) end + len;
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a column's values exceed 2 GiB of bytes; split the data into batches");
            }
            data = Arrays.copyOf(data, Bits.grow(data.length, (int) needed));
        }
        System.arraycopy(src, off, data, end, len);
        if (count + 1 == offsets.length) {
            offsets = Arrays.copyOf(offsets, Bits.grow(offsets.length, count + 2));
        }
        offsets[++count] = end + len;
    }

    void appendEmpty() {
        append(data, 0, 0);
    }

    /** Appends values {@code [from, to)} of another column's storage: one copy of their bytes, offsets shifted. */
    void appendRange(byte[] srcData, int[] srcOffsets, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        int start = srcOffsets[from];
        int length = srcOffsets[to] - start;
        int end = offsets[count];
        long needed = (long) end + length;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a column's values exceed 2 GiB of bytes; split the data into batches");
        }
        if (needed > data.length) {
            data = Arrays.copyOf(data, Bits.grow(data.length, (int) needed));
        }
        if (count + n + 1 > offsets.length) {
            offsets = Arrays.copyOf(offsets, Bits.grow(offsets.length, count + n + 1));
        }
        System.arraycopy(srcData, start, data, end, length);
        int shift = end - start;
        for (int i = 1; i <= n; i++) {
            offsets[count + i] = srcOffsets[from + i] + shift;
        }
        count += n;
    }

    byte[] trimmedData() {
        return data.length == length() ? data : Arrays.copyOf(data, length());
    }

    int[] trimmedOffsets() {
        return offsets.length == count + 1 ? offsets : Arrays.copyOf(offsets, count + 1);
    }

    /** Checks offsets handed over whole (see {@link StringColumn#wrap}); returns the number of values. */
    static int checkOffsets(byte[] data, int[] offsets) {
        if (offsets.length == 0 || offsets[0] != 0) {
            throw new IllegalArgumentException("the offsets must start with 0");
        }
        int previous = 0;
        for (int i = 1; i < offsets.length; i++) {
            int o = offsets[i];
            if (o < previous) {
                throw new IllegalArgumentException("offset " + i + " (" + o + ") is before offset " + (i - 1) + " ("
                        + previous + ")");
            }
            previous = o;
        }
        if (previous > data.length) {
            throw new IllegalArgumentException("the last offset " + previous + " is past the " + data.length
                    + " bytes of data");
        }
        return offsets.length - 1;
    }

    static long bytes(byte[] data, int[] offsets) {
        return 16L + data.length + 16L + 4L * offsets.length;
    }
}
