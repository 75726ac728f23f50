package org.datahandle.table;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Builds a column's null bitmap (bit set = null). No array is allocated until the first null, so a
 * column without nulls carries none.
 */
final class NullMask {
    private long @Nullable [] bits;
    private int count;

    void setNull(int row) {
        if (bits == null) {
            bits = new long[Math.max(4, Bits.words(row + 1))];
        } else {
            bits = Bits.ensure(bits, row);
        }
        Bits.set(bits, row);
        count++;
    }

    int count() {
        return count;
    }

    /** The finished bitmap trimmed to {@code size} rows, or null when no row is null. */
    long @Nullable [] build(int size) {
        return bits == null ? null : Arrays.copyOf(bits, Bits.words(size));
    }

    /** Copies the nulls of {@code src[from, to)} to rows starting at {@code at}. */
    void copyFrom(Column src, int from, int to, int at) {
        if (src.nullCount() == 0 || from >= to) {
            return;
        }
        if (src instanceof ColumnBase base && base.nulls != null) {
            // visit only the set bits, a word at a time
            long[] words = base.nulls;
            for (int w = from >>> 6; w <= (to - 1) >>> 6 && w < words.length; w++) {
                for (long word = words[w]; word != 0; word &= word - 1) {
                    int i = (w << 6) + Long.numberOfTrailingZeros(word);
                    if (i >= from && i < to) {
                        setNull(at + i - from);
                    }
                }
            }
            return;
        }
        for (int i = from; i < to; i++) {
            if (src.isNull(i)) {
                setNull(at + i - from);
            }
        }
    }

    /**
     * A null bitmap handed over whole by a codec (see {@link IntColumn#wrap}): checked to cover
     * {@code size} rows and to have no bit set past them, trimmed to its words, and null when no row
     * is null, as a builder leaves it.
     *
     * @throws IllegalArgumentException when it is too short or has bits set past {@code size}
     */
    static long @Nullable [] adopt(long @Nullable [] bits, int size) {
        if (bits == null) {
            return null;
        }
        int words = Bits.checkFits(bits, size, "null bitmap");
        if (count(bits, words) == 0) {
            return null;
        }
        return bits.length == words ? bits : Arrays.copyOf(bits, words);
    }

    /** The null rows of an adopted bitmap. */
    static int count(long @Nullable [] bits) {
        return bits == null ? 0 : count(bits, bits.length);
    }

    private static int count(long[] bits, int words) {
        int n = 0;
        for (int w = 0; w < words; w++) {
            n += Long.bitCount(bits[w]);
        }
        return n;
    }

    static long bytes(long @Nullable [] bits) {
        return bits == null ? 0 : 16L + 8L * bits.length;
    }
}
