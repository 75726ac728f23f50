package org.datahandle.table;

import java.nio.IntBuffer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** {@code int32} values, or {@code date} values as days since 1970-01-01, in an {@code int[]}. */
public final class IntColumn extends ColumnBase implements Column {
    private final DataType type;
    private final int[] values;

    private IntColumn(DataType type, int size, int[] values, long @Nullable [] nulls, int nullCount) {
        super(size, nulls, nullCount);
        this.type = type;
        this.values = values;
    }

    @Override
    public DataType type() {
        return type;
    }

    /** The value of a row; 0 for a null row. For {@code date}, days since 1970-01-01. */
    public int getInt(int row) {
        Objects.checkIndex(row, size);
        return values[row];
    }

    /** A {@code date} row as a {@link LocalDate}, or null. */
    public @Nullable LocalDate getDate(int row) {
        return isNull(row) ? null : LocalDate.ofEpochDay(values[row]);
    }

    /** {@link Integer}, or {@link LocalDate} for a {@code date} column, or null. */
    /** The values of every row as a read-only buffer of {@link #size()} ints (0 on null rows), for bulk copies. */
    public IntBuffer valueBuffer() {
        return IntBuffer.wrap(values, 0, size).slice().asReadOnlyBuffer();
    }

    @Override
    public @Nullable Object get(int row) {
        if (isNull(row)) {
            return null;
        }
        return type == DataType.DATE ? LocalDate.ofEpochDay(values[row]) : Integer.valueOf(values[row]);
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
     * @throws IllegalArgumentException when the bitmap does not fit the values, or {@code type} is not int32 or date
     */

    public static IntColumn wrap(DataType type, int[] values, long @Nullable [] nulls) {
        if (type != DataType.INT32 && type != DataType.DATE) {
            throw new IllegalArgumentException("an IntColumn holds int32 or date, not " + type.typeName());
        }
        long[] n = NullMask.adopt(nulls, values.length);
        return new IntColumn(type, values.length, values, n, NullMask.count(n));
    }

    /** A builder of {@code int32} ({@link DataType#INT32}) or {@code date} ({@link DataType#DATE}) values. */
    public static Builder builder(DataType type, int capacity) {
        if (type != DataType.INT32 && type != DataType.DATE) {
            throw new IllegalArgumentException("an IntColumn holds int32 or date, not " + type.typeName());
        }
        return new Builder(type, capacity);
    }

    /** Appends without boxing. */
    public static final class Builder extends BuilderState implements Column.Builder {
        private int[] values;

        private Builder(DataType type, int capacity) {
            super(type);
            this.values = new int[Math.max(capacity, 0)];
        }

        public Builder append(int value) {
            checkOpen();
            if (size == values.length) {
                values = Arrays.copyOf(values, Bits.grow(values.length, size + 1));
            }
            values[size++] = value;
            return this;
        }

        /**
         * Appends {@code values[from..to)}, none null, in one copy: for codecs that parse a block of
         * values (a record's genotypes) into a scratch array first.
         */
        public Builder append(int[] values, int from, int to) {
            checkOpen();
            Objects.checkFromToIndex(from, to, values.length);
            int n = to - from;
            if (size + n > this.values.length) {
                this.values = Arrays.copyOf(this.values, Bits.grow(this.values.length, size + n));
            }
            System.arraycopy(values, from, this.values, size, n);
            size += n;
            return this;
        }

        /**
         * Makes room for {@code values} values in all, exactly, so that a codec that knows its final
         * size allocates the array once and {@link #build()} keeps it without a trimming copy.
         */
        public Builder ensureCapacity(int values) {
            checkOpen();
            if (values < 0 || values > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("column too large: " + values + " entries");
            }
            if (values > this.values.length) {
                this.values = Arrays.copyOf(this.values, values);
            }
            return this;
        }

        /** Appends a date (for {@code date} columns). */
        public Builder appendDate(LocalDate date) {
            return date == null ? appendNull() : append(Math.toIntExact(date.toEpochDay()));
        }

        @Override
        public Builder appendNull() {
            nulls.setNull(size);
            return append(0);
        }

        @Override
        public Builder appendValue(@Nullable Object value) {
            if (value == null) {
                return appendNull();
            }
            if (type == DataType.DATE) {
                if (value instanceof LocalDate d) {
                    return appendDate(d);
                }
                throw wrongValue(value, "a java.time.LocalDate");
            }
            if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return append(((Number) value).intValue());
            }
            throw wrongValue(value, "an Integer, Short or Byte");
        }

        @Override
        public Builder appendRange(Column source, int from, int to) {
            IntColumn src = source(source, from, to, IntColumn.class);
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
        public IntColumn build() {
            finish();
            return new IntColumn(type, size, values.length == size ? values : Arrays.copyOf(values, size),
                    nulls.build(size), nulls.count());
        }
    }
}
