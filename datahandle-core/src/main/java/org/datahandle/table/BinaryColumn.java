package org.datahandle.table;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** {@code binary} values stored in one {@code byte[]} with {@code int} offsets. */
public final class BinaryColumn extends ColumnBase implements Column {
    private final byte[] data;
    private final int[] offsets;

    private BinaryColumn(int size, byte[] data, int[] offsets, long @Nullable [] nulls, int nullCount) {
        super(size, nulls, nullCount);
        this.data = data;
        this.offsets = offsets;
    }

    @Override
    public DataType type() {
        return DataType.BINARY;
    }

    /** A copy of the bytes of a row, or null. */
    public byte @Nullable [] getBytes(int row) {
        return isNull(row) ? null : Arrays.copyOfRange(data, offsets[row], offsets[row + 1]);
    }

    /** Number of bytes of a row. */
    public int length(int row) {
        Objects.checkIndex(row, size);
        return offsets[row + 1] - offsets[row];
    }

    /**
     * The bytes of every row, one after another, as a read-only buffer; row {@code i} is
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
    public byte @Nullable [] get(int row) {
        return getBytes(row);
    }

    @Override
    public long heapBytes() {
        return 32 + VarBytes.bytes(data, offsets) + NullMask.bytes(nulls);
    }

    /**
     * A column of {@code offsets.length - 1} values, value {@code i} being the bytes
     * {@code [offsets[i], offsets[i + 1])} of {@code data}, adopted without a copy; see
     * {@link IntColumn#wrap} for the contract and {@code nulls} (a null row's range should be empty).
     *
     * @throws IllegalArgumentException when the offsets do not start at 0, decrease, or pass the end
     *     of {@code data}, or the bitmap does not fit
     */
    public static BinaryColumn wrap(byte[] data, int[] offsets, long @Nullable [] nulls) {
        int size = VarBytes.checkOffsets(data, offsets);
        long[] n = NullMask.adopt(nulls, size);
        return new BinaryColumn(size, data, offsets, n, NullMask.count(n));
    }

    public static Builder builder(int capacity) {
        return new Builder(capacity);
    }

    /** Appends byte ranges. */
    public static final class Builder extends BuilderState implements Column.Builder {
        private final VarBytes bytes;

        private Builder(int capacity) {
            super(DataType.BINARY);
            this.bytes = new VarBytes(capacity);
        }

        /** Appends a copy of {@code src[offset, offset + length)}. */
        public Builder append(byte[] src, int offset, int length) {
            checkOpen();
            Objects.checkFromIndexSize(offset, length, src.length);
            bytes.append(src, offset, length);
            size++;
            return this;
        }

        /** Appends a copy of {@code value}; null appends a null. */
        public Builder append(byte[] value) {
            return value == null ? appendNull() : append(value, 0, value.length);
        }

        @Override
        public Builder appendNull() {
            checkOpen();
            nulls.setNull(size);
            bytes.appendEmpty();
            size++;
            return this;
        }

        @Override
        public Builder appendValue(@Nullable Object value) {
            if (value == null) {
                return appendNull();
            }
            if (value instanceof byte[] b) {
                return append(b);
            }
            throw wrongValue(value, "a byte[]");
        }

        @Override
        public Builder appendRange(Column source, int from, int to) {
            BinaryColumn src = source(source, from, to, BinaryColumn.class);
            bytes.appendRange(src.data, src.offsets, from, to);
            nulls.copyFrom(src, from, to, size);
            size += to - from;
            return this;
        }

        @Override
        public BinaryColumn build() {
            finish();
            return new BinaryColumn(size, bytes.trimmedData(), bytes.trimmedOffsets(), nulls.build(size), nulls.count());
        }
    }
}
