package org.datahandle.table;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** {@code float32} values in a {@code float[]}. */
public final class FloatColumn extends ColumnBase implements Column {
    private final float[] values;

    private FloatColumn(int size, float[] values, long @Nullable [] nulls, int nullCount) {
        super(size, nulls, nullCount);
        this.values = values;
    }

    @Override
    public DataType type() {
        return DataType.FLOAT32;
    }

    /** The value of a row; 0.0f for a null row. */
    public float getFloat(int row) {
        Objects.checkIndex(row, size);
        return values[row];
    }

    /** The values of every row as a read-only buffer of {@link #size()} floats (0 on null rows), for bulk copies. */
    public FloatBuffer valueBuffer() {
        return FloatBuffer.wrap(values, 0, size).slice().asReadOnlyBuffer();
    }

    @Override
    public @Nullable Float get(int row) {
        return isNull(row) ? null : values[row];
    }

    @Override
    public long heapBytes() {
        return 32 + 16L + 4L * values.length + NullMask.bytes(nulls);
    }

    /**
     * A column of {@code values}, adopted as they are, without a copy: for a codec that decodes
     * straight into arrays of the final size (a Parquet read fills one array per column from all row
     * groups in parallel) instead of appending value by value and concatenating. The caller hands the
     * arrays over and must not change them afterwards.
     *
     * @param nulls one bit per row, set for a null row (row {@code i} is bit {@code i & 63} of word
     *     {@code i >>> 6}), with no bit set past the last row; or null when no row is null. A null
     *     row's value should be zero, as a builder leaves it
     * @throws IllegalArgumentException when the bitmap does not fit the values
     */
    public static FloatColumn wrap(float[] values, long @Nullable [] nulls) {
        long[] n = NullMask.adopt(nulls, values.length);
        return new FloatColumn(values.length, values, n, NullMask.count(n));
    }

    public static Builder builder(int capacity) {
        return new Builder(capacity);
    }

    /** Appends without boxing. */
    public static final class Builder extends BuilderState implements Column.Builder {
        private float[] values;

        private Builder(int capacity) {
            super(DataType.FLOAT32);
            this.values = new float[Math.max(capacity, 0)];
        }

        public Builder append(float value) {
            checkOpen();
            if (size == values.length) {
                values = Arrays.copyOf(values, Bits.grow(values.length, size + 1));
            }
            values[size++] = value;
            return this;
        }

        @Override
        public Builder appendNull() {
            nulls.setNull(size);
            return append(0);
        }

        /** Accepts {@code Float}, {@code Integer}, {@code Short}, {@code Byte} (a {@code Double} would lose precision). */
        @Override
        public Builder appendValue(@Nullable Object value) {
            if (value == null) {
                return appendNull();
            }
            if (value instanceof Float || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return append(((Number) value).floatValue());
            }
            throw wrongValue(value, "a Float, Integer, Short or Byte");
        }

        @Override
        public Builder appendRange(Column source, int from, int to) {
            FloatColumn src = source(source, from, to, FloatColumn.class);
            int n = to - from;
            if (size + n > values.length) {
                values = Arrays.copyOf(values, Bits.grow(values.length, size + n));
            }
            System.arraycopy(src.values, from, values, size, n);
            nulls.copyFrom(src, from, to, size);
            size += n;
            return this;
        }

        @Override
        public FloatColumn build() {
            finish();
            return new FloatColumn(size, values.length == size ? values : Arrays.copyOf(values, size),
                    nulls.build(size), nulls.count());
        }
    }
}
