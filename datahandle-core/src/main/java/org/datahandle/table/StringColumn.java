package org.datahandle.table;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code string} values stored as UTF-8 in one {@code byte[]} with {@code int} offsets, decoded to a
 * {@link String} on each {@link #getString(int)}. This keeps memory near the raw text size.
 */
public final class StringColumn extends ColumnBase implements Column {
    private final byte[] data;
    private final int[] offsets;

    private StringColumn(int size, byte[] data, int[] offsets, long @Nullable [] nulls, int nullCount) {
        super(size, nulls, nullCount);
        this.data = data;
        this.offsets = offsets;
    }

    @Override
    public DataType type() {
        return DataType.STRING;
    }

    /** The value of a row, or null. */
    public @Nullable String getString(int row) {
        if (isNull(row)) {
            return null;
        }
        return new String(data, offsets[row], offsets[row + 1] - offsets[row], UTF_8);
    }

    /** The UTF-8 bytes of a row (a copy); empty for a null row. */
    public byte[] getUtf8(int row) {
        Objects.checkIndex(row, size);
        return Arrays.copyOfRange(data, offsets[row], offsets[row + 1]);
    }

    /** Number of UTF-8 bytes of all rows. */
    int utf8Bytes() {
        return offsets[size];
    }

    /** Number of UTF-8 bytes of a row. */
    public int utf8Length(int row) {
        Objects.checkIndex(row, size);
        return offsets[row + 1] - offsets[row];
    }

    /**
     * The UTF-8 bytes of every row, one after another, as a read-only buffer; row {@code i} is
     * {@code [offsetBuffer().get(i), offsetBuffer().get(i + 1))} (empty on null rows). For bulk copies.
     */
    public ByteBuffer dataBuffer() {
        return ByteBuffer.wrap(data, 0, offsets[size]).slice().asReadOnlyBuffer();
    }

    /** The {@link #size()}{@code + 1} offsets into {@link #dataBuffer()}, read-only; the first is 0. */
    public IntBuffer offsetBuffer() {
        return IntBuffer.wrap(offsets, 0, size + 1).slice().asReadOnlyBuffer();
    }

    @Override
    public @Nullable String get(int row) {
        return getString(row);
    }

    @Override
    public long heapBytes() {
        return 32 + VarBytes.bytes(data, offsets) + NullMask.bytes(nulls);
    }

    /**
     * A column of {@code offsets.length - 1} values, value {@code i} being the bytes
     * {@code [offsets[i], offsets[i + 1])} of {@code data}, adopted without a copy; see
     * {@link IntColumn#wrap} for the contract and {@code nulls} (a null row's range should be empty). The bytes must be valid UTF-8, which the caller has checked
     * (as for {@link Builder#appendUtf8}).
     *
     * @throws IllegalArgumentException when the offsets do not start at 0, decrease, or pass the end
     *     of {@code data}, or the bitmap does not fit
     */
    public static StringColumn wrap(byte[] data, int[] offsets, long @Nullable [] nulls) {
        int size = VarBytes.checkOffsets(data, offsets);
        long[] n = NullMask.adopt(nulls, size);
        return new StringColumn(size, data, offsets, n, NullMask.count(n));
    }

    public static Builder builder(int capacity) {
        return new Builder(new VarBytes(capacity));
    }

    /**
     * A builder with room for {@code capacity} values of {@code utf8Bytes} bytes in all: when a codec knows
     * the size of the text, a huge value is copied once instead of into ever larger arrays.
     */
    public static Builder builder(int capacity, int utf8Bytes) {
        return new Builder(new VarBytes(capacity, utf8Bytes));
    }

    /** Appends strings or raw UTF-8 bytes. */
    public static final class Builder extends BuilderState implements Column.Builder {
        private final VarBytes bytes;

        private Builder(VarBytes bytes) {
            super(DataType.STRING);
            this.bytes = bytes;
        }

        /** Appends a string; null appends a null. */
        public Builder append(String value) {
            if (value == null) {
                return appendNull();
            }
            byte[] utf8 = value.getBytes(UTF_8);
            return appendUtf8(utf8, 0, utf8.length);
        }

        /** Appends bytes that the caller has checked are valid UTF-8 (codecs validate while parsing). */
        public Builder appendUtf8(byte[] src, int offset, int length) {
            checkOpen();
            Objects.checkFromIndexSize(offset, length, src.length);
            bytes.append(src, offset, length);
            size++;
            return this;
        }

        /**
         * Appends values {@code [from, to)} of text laid out as in Arrow, none null: value {@code i} is the bytes
         * {@code data[offsets[i], offsets[i + 1])}, which the caller has checked are valid UTF-8. One copy of all
         * their bytes, for codecs that gather a block of values before they know its column (CSV chunks).
         *
         * @throws IndexOutOfBoundsException when the range or an offset is outside the arrays
         * @throws IllegalArgumentException when the offsets of the range go down
         */
        public Builder appendUtf8(byte[] data, int[] offsets, int from, int to) {
            checkOpen();
            Objects.checkFromToIndex(from, to, offsets.length - 1);
            Objects.checkFromToIndex(offsets[from], offsets[to], data.length);
            for (int i = from; i < to; i++) {
                if (offsets[i + 1] < offsets[i]) {
                    throw new IllegalArgumentException("offsets go down at value " + i + ": " + offsets[i] + " then "
                            + offsets[i + 1]);
                }
            }
            bytes.appendRange(data, offsets, from, to);
            size += to - from;
            return this;
        }

        @Override
        public Builder appendNull() {
            checkOpen();
            nulls.setNull(size);
            bytes.appendEmpty();
            size++;
            return this;
        }

        /** Accepts any {@link CharSequence}. */
        @Override
        public Builder appendValue(@Nullable Object value) {
            if (value == null) {
                return appendNull();
            }
            if (value instanceof CharSequence s) {
                return append(s.toString());
            }
            throw wrongValue(value, "a String");
        }

        @Override
        public Builder appendRange(Column source, int from, int to) {
            StringColumn src = source(source, from, to, StringColumn.class);
            bytes.appendRange(src.data, src.offsets, from, to);
            nulls.copyFrom(src, from, to, size);
            size += to - from;
            return this;
        }

        @Override
        public StringColumn build() {
            finish();
            return new StringColumn(size, bytes.trimmedData(), bytes.trimmedOffsets(), nulls.build(size), nulls.count());
        }
    }
}
