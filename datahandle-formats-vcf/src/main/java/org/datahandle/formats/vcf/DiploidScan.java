package org.datahandle.formats.vcf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 1000 Genomes fast path, as a pure function of a line's bytes: takes the leading run of a
 * GT-only record's samples that are diploid calls of alleles 0 to {@link #MAX_ALLELE} ({@code 0|1},
 * {@code 1/1}) as one code byte each ({@code first | second << 3 | phased << 6}: decoded by shifts,
 * not a table), with no call per genotype. It decides nothing about errors: a sample it does not take
 * (missing, haploid, an allele past ALT or past 7, a stray byte) ends the run, and the general parser
 * goes on from there. Being pure, it
 * can run ahead of the parser on another thread ({@link ChunkedLines}).
 */
final class DiploidScan {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Bytes 3 and 7 of two calls read as a long: the tabs after each. */
    private static final long TABS_MASK = 0xFF000000FF000000L;
    private static final long TABS = 0x0900000009000000L;
    /**
     * Bytes 0, 2, 4 and 6: the four allele digits, each in the low byte of a 16-bit lane. With a guard
     * bit set high in each lane, {@code (digits | guards) - '0'} keeps a lane's guard exactly when its
     * byte is at least '0', and {@code (guards | '0' + max) - digits} exactly when it is at most
     * {@code '0' + max}; no lane borrows from the next.
     */
    private static final long DIGITS = 0x00FF00FF00FF00FFL;
    private static final long DIGIT_GUARDS = 0x8000800080008000L;
    private static final long LANE_ONES = 0x0001000100010001L;
    private static final long ZERO_DIGITS = '0' * LANE_ONES;

    /** The largest allele index a code holds (3 bits). */
    static final int MAX_ALLELE = 7;

    private DiploidScan() {}

    static int first(int code) {
        return code & 7;
    }

    static int second(int code) {
        return (code >>> 3) & 7;
    }

    /** 1 when the call is phased, else 0. */
    static int phased(int code) {
        return (code >>> 6) & 1;
    }

    /** How many samples a {@link #scan} result took. */
    static int count(long result) {
        return (int) result;
    }

    /** Where the first sample a {@link #scan} result did not take starts; past the line's end when it took all. */
    static int stop(long result) {
        return (int) (result >>> 32);
    }

    /**
     * Scans the samples in {@code b[from, end)} (the columns after FORMAT) of a record with
     * {@code altCount} ALT alleles and {@code samples} samples, writing up to {@code samples} codes
     * from {@code codes[at]}.
     *
     * @return the count and the stop position, read with {@link #count} and {@link #stop}
     */
    static long scan(byte[] b, int from, int end, int altCount, int samples, byte[] codes, int at) {
        int maxDigit = Math.min(altCount, MAX_ALLELE);
        int k = 0;
        int p = from;
        int last = samples - 1;
        // two samples at a time, "x|y\tx|y\t" read as one little-endian long: the tabs and separators
        // compared in place, the four digits range-checked together; any doubt falls through to the
        // one-sample loop below, which decides exactly
        long digitLimit = DIGIT_GUARDS | (('0' + maxDigit) * LANE_ONES);
        while (k + 1 < last && p + 8 <= end) {
            long v = (long) LONGS.get(b, p);
            long digits = v & DIGITS;
            if ((v & TABS_MASK) != TABS
                    || (((digits | DIGIT_GUARDS) - ZERO_DIGITS) & (digitLimit - digits) & DIGIT_GUARDS) != DIGIT_GUARDS) {
                break;
            }
            int sep0 = (int) (v >>> 8) & 0xFF;
            int sep1 = (int) (v >>> 40) & 0xFF;
            if ((sep0 != '|' && sep0 != '/') || (sep1 != '|' && sep1 != '/')) {
                break;
            }
            codes[at + k] = (byte) (((int) v & 0xFF) - '0' | (((int) (v >>> 16) & 0xFF) - '0') << 3
                    | (sep0 == '|' ? 1 << 6 : 0));
            codes[at + k + 1] = (byte) (((int) (v >>> 32) & 0xFF) - '0' | (((int) (v >>> 48) & 0xFF) - '0') << 3
                    | (sep1 == '|' ? 1 << 6 : 0));
            k += 2;
            p += 8;
        }
        // all but the last sample: "x|y\t" read as one little-endian int
        while (k < last && p + 4 <= end) {
            int v = (int) INTS.get(b, p);
            int x = (v & 0xFF) - '0';
            int sep = (v >>> 8) & 0xFF;
            int y = ((v >>> 16) & 0xFF) - '0';
            if ((v >>> 24) != '\t' || x < 0 || x > maxDigit || y < 0 || y > maxDigit || (sep != '|' && sep != '/')) {
                break;
            }
            codes[at + k++] = (byte) (x | y << 3 | (sep == '|' ? 1 << 6 : 0));
            p += 4;
        }
        if (k == last && p + 3 <= end) {
            int x = b[p] - '0';
            int sep = b[p + 1];
            int y = b[p + 2] - '0';
            if (x >= 0 && x <= maxDigit && y >= 0 && y <= maxDigit && (sep == '|' || sep == '/')
                    && (p + 3 == end || b[p + 3] == '\t')) {
                codes[at + k++] = (byte) (x | y << 3 | (sep == '|' ? 1 << 6 : 0));
                p += 4;
            }
        }
        return (long) p << 32 | k;
    }
}
