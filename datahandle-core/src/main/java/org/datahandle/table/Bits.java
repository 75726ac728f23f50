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

    /**
     * Checks that a bitmap handed over whole holds {@code size} bits with none set past them; returns
     * the words those bits take.
     */
    static int checkFits(long[] bits, int size, String what) {
        int words = words(size);
        if (bits.length < words) {
            throw new IllegalArgumentException("a " + what + " of " + bits.length + " words cannot hold " + size + " rows");
        }
        for (int w = words; w < bits.length; w++) {
            if (bits[w] != 0) {
                throw new IllegalArgumentException("the " + what + " has bits set past its " + size + " rows");
            }
        }
        if ((size & 63) != 0 && bits[words - 1] >>> (size & 63) != 0) {
            throw new IllegalArgumentException("the " + what + " has bits set past its " + size + " rows");
        }
        return words;
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
