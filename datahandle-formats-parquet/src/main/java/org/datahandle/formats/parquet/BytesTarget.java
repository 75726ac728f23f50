package org.datahandle.formats.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import org.apache.parquet.io.ParquetDecodingException;
import org.datahandle.table.BinaryColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.StringColumn;

/**
 * A string or binary column of a whole read. The total of its bytes is known only once every row
 * group is decoded, so each row group writes its bytes into a buffer of its own and its rows' end
 * offsets, relative to that buffer, into the one offset array of all rows; {@link #build} then
 * copies the buffers into one array, in order, and shifts each row group's offsets by where its
 * bytes landed. One copy of the bytes, no copy of the offsets.
 */
final class BytesTarget extends ColumnTarget {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final boolean strings;
    /** Row {@code i}'s end offset at {@code i + 1}: relative to its row group's buffer until {@link #build}. */
    private final int[] offsets;
    private final byte[][] buffers;
    private final int[] lengths;
    private final Slot[] slots;

    BytesTarget(DataType type, int rows, int groups, boolean nullable) {
        super(type, rows, nullable);
        this.strings = type == DataType.STRING;
        this.offsets = new int[rows + 1];
        this.buffers = new byte[groups][];
        this.lengths = new int[groups];
        this.slots = new Slot[groups];
    }

    @Override
    ValueSink sink(Leaf.Fast fast, String column, Slot slot) {
        if (fast != (strings ? Leaf.Fast.STRING : Leaf.Fast.BINARY)) {
            return null;
        }
        return new Sink(slot, strings ? new Utf8Check(column) : null);
    }

    /** Writes the values of one row group into its own buffer. */
    private final class Sink extends ValueSink {
        private final Slot slot;
        private final Utf8Check utf8;
        private final SharedBits.Writer nullAt;
        private byte[] buffer;
        private int end;
        private int at;

        Sink(Slot slot, Utf8Check utf8) {
            this.slot = slot;
            this.utf8 = utf8;
            this.nullAt = nullWriter(slot);
            this.at = slot.base();
            slots[slot.ordinal()] = slot;
        }

        @Override
        void check(PageValues values) {
            if (utf8 != null) {
                utf8.checkAll(values);
            }
        }

        @Override
        void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
            byte[] bytes = v.bytes;
            int[] starts = v.starts;
            int[] lengths = v.lengths;
            if (buffer == null) {
                buffer = new byte[firstSize(v, defs, max, from, to, value)];
            }
            byte[] out = buffer;
            int e = end;
            int j = value;
            int row = at;
            for (int i = from; i < to; i++, row++) {
                if (defs == null || defs[i] == max) {
                    int start = starts[j];
                    int length = lengths[j];
                    j++;
                    if (length > out.length - e) {
                        out = grown(out, e, length);
                    }
                    if (length <= 16 && start <= bytes.length - 16 && e <= out.length - 16) {
                        // a short value as two 8-byte moves: cheaper than a call to arraycopy; the bytes
                        // past it are overwritten by the next value or lie past the buffer's end
                        LONG.set(out, e, (long) LONG.get(bytes, start));
                        LONG.set(out, e + 8, (long) LONG.get(bytes, start + 8));
                    } else {
                        System.arraycopy(bytes, start, out, e, length);
                    }
                    e += length;
                } else {
                    nullAt.set(row);
                }
                offsets[row + 1] = e;
            }
            end = e;
            at = row;
            buffer = out;
            buffers[slot.ordinal()] = out;
            BytesTarget.this.lengths[slot.ordinal()] = e;
        }

        /** The buffer's first size: these rows' bytes scaled to all rows of the row group, with a little room. */
        private int firstSize(PageValues v, int[] defs, int max, int from, int to, int value) {
            long bytes = 0;
            int j = value;
            for (int i = from; i < to; i++) {
                if (defs == null || defs[i] == max) {
                    bytes += v.lengths[j++];
                }
            }
            long estimate = (long) (bytes * ((double) slot.rows() / Math.max(1, to - from)) * 1.05) + 16;
            return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(bytes, estimate));
        }

        /** A buffer with room for {@code length} more bytes after {@code end}: half as large again, at least. */
        private byte[] grown(byte[] out, int end, int length) {
            long needed = (long) end + length;
            if (needed > Integer.MAX_VALUE - 8) {
                throw new ParquetDecodingException("the values of a row group exceed 2 GiB");
            }
            return Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, out.length + (out.length >> 1))));
        }
    }

    @Override
    void put(Column piece, Slot slot) {
        slots[slot.ordinal()] = slot;
        IntBuffer ends;
        byte[] bytes;
        if (piece instanceof StringColumn s) {
            ends = s.offsetBuffer();
            bytes = new byte[s.dataBuffer().remaining()];
            s.dataBuffer().get(bytes);
        } else {
            BinaryColumn b = (BinaryColumn) piece;
            ends = b.offsetBuffer();
            bytes = new byte[b.dataBuffer().remaining()];
            b.dataBuffer().get(bytes);
        }
        ends.position(1).get(offsets, slot.base() + 1, piece.size());
        buffers[slot.ordinal()] = bytes;
        lengths[slot.ordinal()] = bytes.length;
        putNulls(piece, slot);
    }

    @Override
    Column build() {
        long total = 0;
        for (int g = 0; g < buffers.length; g++) {
            total += lengths[g];
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new ParquetDecodingException("the values of column type " + type.typeName() + " hold " + total
                    + " bytes, more than one column can (2 GiB)");
        }
        byte[] data;
        if (buffers.length == 1 && buffers[0] != null && buffers[0].length == total) {
            data = buffers[0];
        } else {
            data = new byte[(int) total];
            int shift = 0;
            for (int g = 0; g < buffers.length; g++) {
                if (buffers[g] == null) {
                    continue; // a row group of empty values only
                }
                System.arraycopy(buffers[g], 0, data, shift, lengths[g]);
                shift(slots[g], shift);
                shift += lengths[g];
                buffers[g] = null;
            }
        }
        return strings ? StringColumn.wrap(data, offsets, nullWords()) : BinaryColumn.wrap(data, offsets, nullWords());
    }

    /**
     * Moves a row group's offsets by where its bytes landed. A method of its own, called once per row
     * group, so that the JIT compiles it early in a JVM's first reads rather than running one loop over
     * all rows interpreted until it is replaced on the stack.
     */
    private void shift(Slot slot, int by) {
        int[] o = offsets;
        for (int r = slot.base() + 1; r <= slot.base() + slot.rows(); r++) {
            o[r] += by;
        }
    }
}
