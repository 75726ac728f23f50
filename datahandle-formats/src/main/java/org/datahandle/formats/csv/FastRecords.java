package org.datahandle.formats.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The common case of a chunk parse, without the general tokenizer: a record of exactly {@code width}
 * unquoted fields ending in LF or CRLF. Its cells are found in the chunk and copied once, straight
 * into the batch's columns. Anything else (a quote at the start of a field, a blank line, a lone CR,
 * the wrong number of fields, invalid UTF-8, the end of the chunk without a line break) is left to
 * {@link CsvParser}, which reads or rejects it exactly as it would anywhere else.
 */
final class FastRecords {
    private final byte[] b;
    private final int length;
    private final byte delimiter;
    private final int quote;
    private final int width;
    private final int[] starts;
    private final int[] ends;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LINE_FEEDS = ONES * '\n';
    private static final long RETURNS = ONES * '\r';
    /** The delimiter in every byte of a long. */
    private final long delimiters;

    /**
     * A high bit in each byte of {@code x} that is zero, exact up to the first (lowest) such byte, which
     * is all {@link #scan} uses: a borrow runs only upwards from a zero byte.
     */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGH_BITS;
    }

    /** Where the record after the last one {@link #scan} accepted starts. */
    int next;

    FastRecords(byte[] b, int length, byte delimiter, int quote, int width) {
        this.b = b;
        this.length = length;
        this.delimiter = delimiter;
        this.quote = quote;
        this.width = width;
        this.delimiters = ONES * (delimiter & 0xff);
        this.starts = new int[width];
        this.ends = new int[width];
    }

    int[] starts() {
        return starts;
    }

    int[] ends() {
        return ends;
    }

    /**
     * Finds the cells of the record at {@code pos}; on success {@link #next} is where the next record
     * starts.
     *
     * @return false when the record needs the general parser
     */
    boolean scan(int pos) {
        if (width == 0) {
            return false;
        }
        final byte[] b = this.b;
        final int length = this.length;
        final byte delimiter = this.delimiter;
        int p = pos;
        int last = width - 1;
        for (int c = 0; c <= last; c++) {
            if (p < length && (b[p] & 0xff) == quote) {
                return false;
            }
            int start = p;
            boolean ascii = true;
            byte x = 0;
            // eight bytes at a time past plain ASCII; the loop below reads on from the first other byte
            while (p + 8 <= length) {
                long w = (long) LONGS.get(b, p);
                long stop = zeroBytes(w ^ delimiters) | zeroBytes(w ^ LINE_FEEDS) | zeroBytes(w ^ RETURNS) | (w & HIGH_BITS);
                if (stop != 0) {
                    p += Long.numberOfTrailingZeros(stop) >>> 3;
                    break;
                }
                p += 8;
            }
            while (p < length) {
                x = b[p];
                if (x == delimiter || x == '\n' || x == '\r') {
                    break;
                }
                if (x < 0) {
                    ascii = false;
                }
                p++;
            }
            if (p == length) {
                return false; // no line break before the end of the chunk
            }
            if (!ascii && !Utf8.valid(b, start, p)) {
                return false;
            }
            starts[c] = start;
            ends[c] = p;
            if (c < last) {
                if (x != delimiter) {
                    return false; // too few fields
                }
            } else if (x == '\n') {
                next = p + 1;
                return true; // with width 1 a blank line is one null cell, as in the parser
            } else if (x == '\r' && p + 1 < length && b[p + 1] == '\n') {
                next = p + 2;
                return true;
            } else {
                return false; // too many fields, or a lone CR
            }
            p++;
        }
        return false;
    }
}
