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
    /**
     * Where value {@code k} of a group of eight lies, for this bit width: it starts in byte
     * {@code groupStart + o_k} at bit {@code s_k}. Kept in fields, read into locals by the loop.
     */
    private final int o1, o2, o3, o4, o5, o6, o7;
    private final int s0, s1, s2, s3, s4, s5, s6, s7;
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
        o1 = bitWidth >>> 3;
        o2 = 2 * bitWidth >>> 3;
        o3 = 3 * bitWidth >>> 3;
        o4 = 4 * bitWidth >>> 3;
        o5 = 5 * bitWidth >>> 3;
        o6 = 6 * bitWidth >>> 3;
        o7 = 7 * bitWidth >>> 3;
        s0 = 0;
        s1 = bitWidth & 7;
        s2 = 2 * bitWidth & 7;
        s3 = 3 * bitWidth & 7;
        s4 = 4 * bitWidth & 7;
        s5 = 5 * bitWidth & 7;
        s6 = 6 * bitWidth & 7;
        s7 = 7 * bitWidth & 7;
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
     * and a mask. Whole groups of eight values go through {@link #unpackGroups}, whose offsets and
     * shifts are fixed for the width; the values before the first whole group, after the last one,
     * and near the end of the data go one at a time, the bytes gathered singly, zero past the run.
     */
    private void unpack(int[] out, int from, int n) {
        if (bitWidth == 0) {
            Arrays.fill(out, from, from + n, 0);
            return;
        }
        long bit = runBit;
        int i = from;
        int end = from + n;
        // one at a time up to a group boundary: bit is then a multiple of 8 * bitWidth
        while (i < end && bit % (8L * bitWidth) != 0) {
            out[i++] = valueAt(bit);
            bit += bitWidth;
        }
        if (end - i >= 8) {
            int p = (int) (runStart + (bit >>> 3));
            int groups = unpackGroups(out, i, (end - i) >>> 3, p);
            i += groups * 8;
            bit += (long) groups * 8 * bitWidth;
        }
        while (i < end) {
            out[i++] = valueAt(bit);
            bit += bitWidth;
        }
        runBit = bit;
    }

    /**
     * Up to {@code groups} whole groups of eight values, from byte {@code p} into {@code out[i..]},
     * as long as every byte of the group lies in the run and its 8-byte reads in the data; returns
     * the groups done.
     */
    private int unpackGroups(int[] out, int i, int groups, int p) {
        byte[] d = data;
        int w = bitWidth;
        int m = mask;
        int b1 = o1, b2 = o2, b3 = o3, b4 = o4, b5 = o5, b6 = o6, b7 = o7;
        int t0 = s0, t1 = s1, t2 = s2, t3 = s3, t4 = s4, t5 = s5, t6 = s6, t7 = s7;
        // the last group start whose bytes are all in the run and whose reads stay in the array
        int last = Math.min(packedEnd - w, d.length - 8 - b7);
        int done = 0;
        while (done < groups && p <= last) {
            out[i] = (int) ((long) LONG.get(d, p) >>> t0) & m;
            out[i + 1] = (int) ((long) LONG.get(d, p + b1) >>> t1) & m;
            out[i + 2] = (int) ((long) LONG.get(d, p + b2) >>> t2) & m;
            out[i + 3] = (int) ((long) LONG.get(d, p + b3) >>> t3) & m;
            out[i + 4] = (int) ((long) LONG.get(d, p + b4) >>> t4) & m;
            out[i + 5] = (int) ((long) LONG.get(d, p + b5) >>> t5) & m;
            out[i + 6] = (int) ((long) LONG.get(d, p + b6) >>> t6) & m;
            out[i + 7] = (int) ((long) LONG.get(d, p + b7) >>> t7) & m;
            i += 8;
            p += w;
            done++;
        }
        return done;
    }

    /** The value at bit {@code bit} of the current run, its bytes read one at a time, zero past the run. */
    private int valueAt(long bit) {
        long b = runStart + (bit >>> 3);
        int shift = (int) (bit & 7);
        long word = 0;
        for (int k = 0; k < 8 && b + k < packedEnd; k++) {
            word |= (data[(int) (b + k)] & 0xFFL) << (8 * k);
        }
        return (int) ((word >>> shift) & mask);
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
