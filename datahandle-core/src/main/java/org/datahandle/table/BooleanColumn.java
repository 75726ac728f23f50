package org.datahandle.table;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** {@code boolean} values, one bit each. */
public final class BooleanColumn extends ColumnBase implements Column {
    private final long[] values;

    private BooleanColumn(int size, long[] values, long @Nullable [] nulls, int nullCount) {
        super(size, nulls, nullCount);
        this.values = values;
    }

    @Override
    public DataType type() {
        return DataType.BOOLEAN;
    }

    /** The value of a row; false for a null row. */
    public boolean getBoolean(int row) {
        Objects.checkIndex(row, size);
        return Bits.get(values, row);
    }

    @Override
    public @Nullable Boolean get(int row) {
        return isNull(row) ? null : Bits.get(values, row);
    }

    @Override
    public long heapBytes() {
        return 32 + 16L + 8L * values.length + NullMask.bytes(nulls);
    }

    /**
     * A column of {@code size} booleans packed one bit each (row {@code i} is bit {@code i & 63} of
     * word {@code i >>> 6} of {@code values}, Parquet's and this class's layout), adopted without a
     * copy; see {@link IntColumn#wrap} for the contract and {@code nulls}.
     *
     * @throws IllegalArgumentException when the values or the bitmap do not fit {@code size}
     */
    public static BooleanColumn wrap(int size, long[] values, long @Nullable [] nulls) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        int words = Bits.checkFits(values, size, "value bitmap");
        long[] v = values.length == words ? values : Arrays.copyOf(values, words);
        long[] n = NullMask.adopt(nulls, size);
        return new BooleanColumn(size, v, n, NullMask.count(n));
    }

    public static Builder builder(int capacity) {
        return new Builder(capacity);
    }

    /** Appends without boxing. */
    public static final class Builder extends BuilderState implements Column.Builder {
        private long[] values;

        private Builder(int capacity) {
            super(DataType.BOOLEAN);
            this.values = new long[Bits.words(Math.max(capacity, 1))];
        }

        public Builder append(boolean value) {
            checkOpen();
            values = Bits.ensure(values, size);
            if (value) {
                Bits.set(values, size);
            }
            size++;
            return this;
        }

        /** Makes room for {@code values} values in all, exactly (see {@link IntColumn.Builder#ensureCapacity}). */
        public Builder ensureCapacity(int values) {
            checkOpen();
            if (values < 0) {
                throw new IllegalStateException("column too large: " + values + " entries");
            }
            if (Bits.words(values) > this.values.length) {
                this.values = Arrays.copyOf(this.values, Bits.words(values));
            }
            return this;
        }

        /** Appends {@code values[from..to)}, none null: the bulk form of {@link #append(boolean)}. */
        public Builder append(boolean[] values, int from, int to) {
            checkOpen();
            Objects.checkFromToIndex(from, to, values.length);
            if (to > from) {
                this.values = Bits.ensure(this.values, size + (to - from) - 1);
            }
            long[] bits = this.values;
            int at = size;
            int i = from;
            // bit by bit up to a word boundary, then whole words built in a register
            for (; i < to && (at & 63) != 0; i++, at++) {
                bits[at >>> 6] |= (values[i] ? 1L : 0L) << at;
            }
            for (; i + 64 <= to; i += 64, at += 64) {
                long word = 0;
                for (int j = 0; j < 64; j++) {
                    word |= (values[i + j] ? 1L : 0L) << j;
                }
                bits[at >>> 6] = word;
            }
            for (; i < to; i++, at++) {
                bits[at >>> 6] |= (values[i] ? 1L : 0L) << at;
            }
            size = at;
            return this;
        }

        /**
         * Appends {@code count} copies of {@code value}, none null, a word at a time: for codecs whose
         * values come in long uniform runs (the phased flags of a record whose calls are all phased).
         */
        public Builder appendRepeated(boolean value, int count) {
            checkOpen();
            if (count < 0) {
                throw new IllegalArgumentException("count " + count + " is negative");
            }
            if (count == 0) {
                return this;
            }
            this.values = Bits.ensure(this.values, size + count - 1);
            if (value) {
                long[] bits = this.values;
                int at = size;
                int to = size + count;
                for (; at < to && (at & 63) != 0; at++) {
                    bits[at >>> 6] |= 1L << at;
                }
                for (; at + 64 <= to; at += 64) {
                    bits[at >>> 6] = -1L;
                }
                for (; at < to; at++) {
                    bits[at >>> 6] |= 1L << at;
                }
            }
            // false: the words past size are zero already (a builder only ever sets bits below size)
            size += count;
            return this;
        }

        @Override
        public Builder appendNull() {
            nulls.setNull(size);
            return append(false);
        }

        @Override
        public Builder appendValue(@Nullable Object value) {
            if (value == null) {
                return appendNull();
            }
            if (value instanceof Boolean b) {
                return append(b);
            }
            throw wrongValue(value, "a Boolean");
        }

        @Override
        public Builder appendRange(Column source, int from, int to) {
            BooleanColumn src = source(source, from, to, BooleanColumn.class);
            int start = size;
            for (int i = from; i < to; i++) {
                append(Bits.get(src.values, i));
            }
            nulls.copyFrom(src, from, to, start);
            return this;
        }

        @Override
        public BooleanColumn build() {
            finish();
            return new BooleanColumn(size, Arrays.copyOf(values, Bits.words(size)), nulls.build(size), nulls.count());
        }
    }
}
