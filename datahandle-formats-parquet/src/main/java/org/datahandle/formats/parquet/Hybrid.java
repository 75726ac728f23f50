package org.datahandle.formats.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * Parquet's RLE / bit-packing hybrid encoding (definition levels and dictionary ids), decoded from a
 * byte array straight into an {@code int[]} many values at a time. parquet-java's own decoder reads
 * through a {@code DataInputStream} eight values per call, which the profile showed among the top
 * costs of a read; runs of one value here are one {@link Arrays#fill}.
 *
 * <p>Layout: a run header (ULEB128 varint); an even header is a run of {@code header >>> 1} copies of
 * one value stored in {@code ceil(bitWidth / 8)} little-endian bytes; an odd header is
 * {@code header >>> 1} groups of 8 values bit-packed least significant bit first. A final group may
 * be cut short by a writer; missing bytes read as zero bits, and only the values asked for are used.
 */
final class Hybrid {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] data;
    private final int end;
    private final int bitWidth;
    private final int mask;
    private int pos;
    // the current run
    private boolean packed;
    private int runLeft;
    private int runValue;
    // a packed run: its first byte, the bit of its next value, and its end
    private int runStart;
    private long runBit;
    private int packedEnd;

    /**
     * @param data the bytes
     * @param pos where the runs start
     * @param end where they end (exclusive)
     * @param bitWidth bits per value, 0 to 32
     */
    Hybrid(byte[] data, int pos, int end, int bitWidth) {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new ParquetDecodingException("invalid bit width " + bitWidth + " of RLE/bit-packed data");
        }
        if (pos < 0 || end > data.length || pos > end) {
            throw new ParquetDecodingException("RLE/bit-packed data at [" + pos + ", " + end + ") lies outside the "
                    + data.length + " bytes of its page");
        }
        this.data = data;
        this.pos = pos;
        this.end = end;
        this.bitWidth = bitWidth;
        this.mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
    }

    /** Fills {@code out[0, count)} with the next {@code count} values. */
    void decode(int[] out, int count) {
        int done = 0;
        while (done < count) {
            if (runLeft == 0) {
                nextRun();
            }
            int n = Math.min(runLeft, count - done);
            if (packed) {
                unpack(out, done, n);
            } else {
                Arrays.fill(out, done, done + n, runValue);
            }
            done += n;
            runLeft -= n;
        }
    }

    /**
     * Decodes {@code count} levels and returns how many equal {@code max}; the caller's test of
     * "not null" without a second pass.
     */
    int decodeCounting(int[] out, int count, int max) {
        int defined = 0;
        int done = 0;
        while (done < count) {
            if (runLeft == 0) {
                nextRun();
            }
            int n = Math.min(runLeft, count - done);
            if (packed) {
                unpack(out, done, n);
                for (int i = done; i < done + n; i++) {
                    if (out[i] == max) {
                        defined++;
                    }
                }
            } else {
                Arrays.fill(out, done, done + n, runValue);
                if (runValue == max) {
                    defined += n;
                }
            }
            done += n;
            runLeft -= n;
        }
        return defined;
    }

    private void nextRun() {
        if (pos >= end) {
            throw new ParquetDecodingException("RLE/bit-packed data ends at byte " + pos + " before all its values");
        }
        int header = readVarInt();
        if ((header & 1) == 1) {
            long groups = header >>> 1;
            packed = true;
            runLeft = (int) Math.min(Integer.MAX_VALUE, groups * 8);
            long bytes = groups * bitWidth;
            packedEnd = (int) Math.min(end, pos + bytes);
            runStart = pos;
            runBit = 0;
            // the whole run is consumed before the next header is read
            pos = packedEnd;
            if (runLeft == 0) {
                throw new ParquetDecodingException("empty bit-packed run at byte " + pos);
            }
        } else {
            packed = false;
            runLeft = header >>> 1;
            if (runLeft == 0) {
                throw new ParquetDecodingException("empty RLE run at byte " + pos);
            }
            int bytes = (bitWidth + 7) >>> 3;
            int v = 0;
            for (int i = 0; i < bytes; i++) {
                if (pos >= end) {
                    throw new ParquetDecodingException("RLE run value cut off at byte " + pos);
                }
                v |= (data[pos++] & 0xFF) << (8 * i);
            }
            runValue = v & mask;
        }
    }

    /**
     * The next {@code n} values of a packed run. Value {@code k} of the run starts at bit
     * {@code k * bitWidth} after the run's first byte; one unaligned 8-byte read holds it whole
     * (a width is at most 32 bits, plus at most 7 bits of offset), so a value costs a load, a shift
     * and a mask. Near the end of the data the bytes are gathered one at a time, zero past the end.
     */
    private void unpack(int[] out, int from, int n) {
        if (bitWidth == 0) {
            Arrays.fill(out, from, from + n, 0);
            runBit += (long) n * bitWidth;
            return;
        }
        long bit = runBit;
        int start = runStart;
        int fastEnd = data.length - 8;
        for (int i = from; i < from + n; i++) {
            long b = start + (bit >>> 3);
            int shift = (int) (bit & 7);
            long word;
            if (b <= fastEnd && b + ((shift + bitWidth + 7) >>> 3) <= packedEnd) {
                word = (long) LONG.get(data, (int) b);
            } else {
                word = 0;
                for (int k = 0; k < 8 && b + k < packedEnd; k++) {
                    word |= (data[(int) (b + k)] & 0xFFL) << (8 * k);
                }
            }
            out[i] = (int) ((word >>> shift) & mask);
            bit += bitWidth;
        }
        runBit = bit;
    }

    private int readVarInt() {
        int value = 0;
        int shift = 0;
        while (true) {
            if (pos >= end) {
                throw new ParquetDecodingException("RLE/bit-packed run header cut off at byte " + pos);
            }
            int b = data[pos++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
            shift += 7;
            if (shift > 28) {
                throw new ParquetDecodingException("RLE/bit-packed run header longer than 5 bytes at byte " + pos);
            }
        }
    }

    /** Bits needed for values up to {@code max}. */
    static int bitWidth(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }
}
