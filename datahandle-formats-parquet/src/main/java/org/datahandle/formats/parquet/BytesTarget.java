package org.datahandle.formats.parquet;

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
        void checkDictionary(PageValues dictionary) {
            if (utf8 != null) {
                utf8.checkAll(dictionary);
            }
        }

        @Override
        void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
            byte[] bytes = v.bytes;
            int[] starts = v.starts;
            int[] lengths = v.lengths;
            int present = present(defs, max, from, to);
            if (utf8 != null && !v.checked) {
                utf8.checkValues(v, value, present);
            }
            reserve(v, value, present, to - from);
            byte[] out = buffer;
            int e = end;
            int j = value;
            int row = at;
            for (int i = from; i < to; i++, row++) {
                if (defs == null || defs[i] == max) {
                    int start = starts[j];
                    int length = lengths[j];
                    j++;
                    System.arraycopy(bytes, start, out, e, length);
                    e += length;
                } else {
                    nullAt.set(row);
                }
                offsets[row + 1] = e;
            }
            end = e;
            at = row;
            buffers[slot.ordinal()] = out;
            BytesTarget.this.lengths[slot.ordinal()] = e;
        }

        /**
         * Grows the buffer to hold the {@code present} values from {@code value} of these {@code rows};
         * the first time to about the row group's estimated size.
         */
        private void reserve(PageValues v, int value, int present, int rows) {
            long bytes = 0;
            for (int j = value; j < value + present; j++) {
                bytes += v.lengths[j];
            }
            long needed = end + bytes;
            if (needed > Integer.MAX_VALUE - 8) {
                throw new ParquetDecodingException("the values of a row group exceed 2 GiB");
            }
            if (buffer == null) {
                // this page's share of the row group, scaled to all its rows, with a little room
                long estimate = (long) (bytes * ((double) slot.rows() / Math.max(1, rows)) * 1.05) + 16;
                buffer = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, estimate))];
            } else if (needed > buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(needed, buffer.length + (buffer.length >> 1))));
            }
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
                if (shift != 0) {
                    Slot s = slots[g];
                    for (int r = s.base() + 1; r <= s.base() + s.rows(); r++) {
                        offsets[r] += shift;
                    }
                }
                shift += lengths[g];
                buffers[g] = null;
            }
        }
        return strings ? StringColumn.wrap(data, offsets, nullWords()) : BinaryColumn.wrap(data, offsets, nullWords());
    }
}
