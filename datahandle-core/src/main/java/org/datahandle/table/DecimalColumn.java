package org.datahandle.table;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code decimal(p,s)} values as unscaled integers: a {@code long[]} when {@code p <= 18} (every such
 * value fits), otherwise a {@code BigInteger[]} (wide decimals are rare: Spark's default is 38 digits,
 * so they are kept exact rather than compact).
 */
public final class DecimalColumn extends ColumnBase implements Column {
    /** The widest precision whose unscaled values always fit a {@code long}. */
    public static final int MAX_LONG_PRECISION = 18;

    private final DataType.Decimal type;
    private final long @Nullable [] compact;
    private final BigInteger @Nullable [] wide;

    private DecimalColumn(DataType.Decimal type, int size, long @Nullable [] compact, BigInteger @Nullable [] wide, long @Nullable [] nulls,
            int nullCount) {
        super(size, nulls, nullCount);
        this.type = type;
        this.compact = compact;
        this.wide = wide;
    }

    @Override
    public DataType.Decimal type() {
        return type;
    }

    /** The wide values, present whenever {@code compact} is not (one of the two always is). */
    private BigInteger[] wideValues() {
        return requireNonNull(wide, "wide");
    }

    /** The value of a row with the column's scale, or null. */
    public @Nullable BigDecimal getDecimal(int row) {
        if (isNull(row)) {
            return null;
        }
        return compact != null ? BigDecimal.valueOf(compact[row], type.scale()) : new BigDecimal(wideValues()[row], type.scale());
    }

    /** The unscaled value of a row (value × 10^scale). */
    public @Nullable BigInteger getUnscaled(int row) {
        Objects.checkIndex(row, size);
        return compact != null ? BigInteger.valueOf(compact[row]) : wideValues()[row];
    }

    @Override
    public @Nullable BigDecimal get(int row) {
        return getDecimal(row);
    }

    @Override
    public long heapBytes() {
        long values = compact != null ? 16L + 8L * compact.length : 16L + 4L * wideValues().length + 56L * size;
        return 40 + values + NullMask.bytes(nulls);
    }

    public static Builder builder(DataType.Decimal type, int capacity) {
        return new Builder(type, capacity);
    }

    /** Appends decimals, checking scale and precision. */
    public static final class Builder extends BuilderState implements Column.Builder {
        private final DataType.Decimal decimal;
        private final BigInteger limit;
        private long @Nullable [] compact;
        private BigInteger @Nullable [] wide;

        private Builder(DataType.Decimal type, int capacity) {
            super(type);
            this.decimal = type;
            this.limit = BigInteger.TEN.pow(type.precision());
            if (type.precision() <= MAX_LONG_PRECISION) {
                compact = new long[Math.max(capacity, 0)];
            } else {
                wide = new BigInteger[Math.max(capacity, 0)];
            }
        }

        /**
         * Appends a value, rescaled to the column's scale; null appends a null.
         *
         * @throws IllegalArgumentException when it has more fractional digits than the scale, or more digits than
         *     the precision
         */
        public Builder append(BigDecimal value) {
            if (value == null) {
                return appendNull();
            }
            BigDecimal scaled;
            try {
                scaled = value.setScale(decimal.scale(), RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("value " + value.toPlainString() + " has more than " + decimal.scale()
                        + " digits after the point for " + decimal.typeName(), e);
            }
            BigInteger unscaled = scaled.unscaledValue();
            if (unscaled.abs().compareTo(limit) >= 0) {
                throw new IllegalArgumentException("value " + value.toPlainString() + " has more than "
                        + decimal.precision() + " digits for " + decimal.typeName());
            }
            return appendUnscaled(unscaled);
        }

        /** Appends an unscaled value (value × 10^scale) whose digits the caller has checked. */
        public Builder appendUnscaled(BigInteger unscaled) {
            checkOpen();
            grow(size + 1);
            if (compact != null) {
                compact[size] = unscaled.longValueExact();
            } else {
                requireNonNull(wide, "wide")[size] = unscaled;
            }
            size++;
            return this;
        }

        private void grow(int needed) {
            int length = compact != null ? compact.length : requireNonNull(wide, "wide").length;
            if (needed > length) {
                int n = Bits.grow(length, needed);
                if (compact != null) {
                    compact = Arrays.copyOf(compact, n);
                } else {
                    wide = Arrays.copyOf(wide, n);
                }
            }
        }

        @Override
        public Builder appendNull() {
            nulls.setNull(size);
            return appendUnscaled(BigInteger.ZERO);
        }

        /** Accepts {@code BigDecimal}, {@code BigInteger}, {@code Long}, {@code Integer}, {@code Short}, {@code Byte}. */
        @Override
        public Builder appendValue(@Nullable Object value) {
            if (value == null) {
                return appendNull();
            }
            if (value instanceof BigDecimal d) {
                return append(d);
            }
            if (value instanceof BigInteger i) {
                return append(new BigDecimal(i));
            }
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return append(BigDecimal.valueOf(((Number) value).longValue()));
            }
            throw wrongValue(value, "a BigDecimal, BigInteger, Long or Integer");
        }

        @Override
        public Builder appendRange(Column source, int from, int to) {
            DecimalColumn src = source(source, from, to, DecimalColumn.class);
            int n = to - from;
            grow(size + n);
            if (compact != null) {
                System.arraycopy(src.compact, from, compact, size, n);
            } else {
                System.arraycopy(src.wide, from, wide, size, n);
            }
            nulls.copyFrom(src, from, to, size);
            size += n;
            return this;
        }

        @Override
        public DecimalColumn build() {
            finish();
            long @Nullable [] c = compact == null ? null : compact.length == size ? compact : Arrays.copyOf(compact, size);
            BigInteger @Nullable [] w = wide == null ? null : wide.length == size ? wide : Arrays.copyOf(wide, size);
            return new DecimalColumn(decimal, size, c, w, nulls.build(size), nulls.count());
        }
    }
}
