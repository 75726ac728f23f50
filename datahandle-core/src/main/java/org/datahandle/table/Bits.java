package org.datahandle.table;

import java.util.Arrays;

/** Bit-set helpers over {@code long[]} words, shared by null masks and boolean values. */
final class Bits {
    private Bits() {}

    static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    static int words(int bitCount) {
        return (bitCount + 63) >>> 6;
    }

    /** {@code bits} with room for bit {@code i}, growing by doubling. */
    static long[] ensure(long[] bits, int i) {
        int needed = (i >>> 6) + 1;
        if (needed <= bits.length) {
            return bits;
        }
        return Arrays.copyOf(bits, Math.max(needed, bits.length * 2));
    }

    /** Array growth for builders: at least {@code needed}, doubling, never past the VM's array limit. */
    static int grow(int current, int needed) {
        if (needed < 0 || needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("column too large: " + needed + " entries");
        }
        long doubled = Math.max(16L, current * 2L);
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(doubled, needed));
    }
}
