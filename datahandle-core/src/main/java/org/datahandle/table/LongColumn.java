package org.datahandle.table;

import java.nio.LongBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code int64} values, or {@code timestamp}/{@code timestamp_local} values as microseconds since
 * 1970-01-01T00:00 (UTC for {@code timestamp}, wall-clock for {@code timestamp_local}), in a {@code long[]}.
 */
public final class LongColumn extends ColumnBase implements Column {
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final DataType type;
    private final long[] values;

    private LongColumn(DataType type, int size, long[] values, long @Nullable [] nulls, int nullCount) {
        super(size, nulls, nullCount);
        this.type = type;
        this.values = values;
    }

    @Override
    public DataType type() {
        return type;
    }

    /** The value of a row; 0 for a null row. For timestamps, microseconds since the epoch. */
    public long getLong(int row) {
        Objects.checkIndex(row, size);
        return values[row];
    }

    /**
     * The values of every row as a read-only buffer of {@link #size()} longs (0 on null rows), for bulk copies
     * (an Arrow or Parquet writer) without a call per value.
     */
    public LongBuffer valueBuffer() {
        return LongBuffer.wrap(values, 0, size).slice().asReadOnlyBuffer();
    }

    /** {@link Long}, {@link Instant} ({@code timestamp}), {@link LocalDateTime} ({@code timestamp_local}), or null. */
    @Override
    public @Nullable Object get(int row) {
        if (isNull(row)) {
            return null;
        }
        long v = values[row];
        if (type instanceof DataType.Timestamp t) {
            return t.utc() ? instantOfMicros(v) : localOfMicros(v);
        }
        return v;
    }

    @Override
    public long heapBytes() {
        return 32 + 16L + 8L * values.length + NullMask.bytes(nulls);
    }

    /** Microseconds since the epoch as an instant. */
    public static Instant instantOfMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000L);
    }

    /** Wall-clock microseconds since 1970-01-01T00:00 as a local date-time. */
    public static LocalDateTime localOfMicros(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                (int) (Math.floorMod(micros, MICROS_PER_SECOND) * 1000L), ZoneOffset.UTC);
    }

    /** An instant as microseconds since the epoch; nanoseconds below a microsecond are dropped. */
    public static long microsOf(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1000);
    }

    /** A local date-time as wall-clock microseconds since 1970-01-01T00:00; sub-microsecond digits are dropped. */
    public static long microsOf(LocalDateTime dateTime) {
        return microsOf(dateTime.toInstant(ZoneOffset.UTC));
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
     * @throws IllegalArgumentException when the bitmap does not fit the values, or {@code type} is not int64 or a timestamp
     */
    public static LongColumn wrap(DataType type, long[] values, long @Nullable [] nulls) {
        if (type != DataType.INT64 && !(type instanceof DataType.Timestamp)) {
            throw new IllegalArgumentException("a LongColumn holds int64 or timestamps, not " + type.typeName());
        }
        long[] n = NullMask.adopt(nulls, values.length);
        return new LongColumn(type, values.length, values, n, NullMask.count(n));
    }

    /** A builder of {@code int64}, {@code timestamp} or {@code timestamp_local} values. */
    public static Builder builder(DataType type, int capacity) {
        if (type != DataType.INT64 && !(type instanceof DataType.Timestamp)) {
            throw new IllegalArgumentException("a LongColumn holds int64 or timestamps, not " + type.typeName());
        }
        return new Builder(type, capacity);
    }

    /** Appends without boxing. */
    public static final class Builder extends BuilderState implements Column.Builder {
        private long[] values;

        private Builder(DataType type, int capacity) {
            super(type);
            this.values = new long[Math.max(capacity, 0)];
        }

        public Builder append(long value) {
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

        /**
         * Accepts {@code Long}, {@code Integer}, {@code Short}, {@code Byte} for {@code int64};
         * {@code Instant} (and {@code OffsetDateTime}, {@code ZonedDateTime}) for {@code timestamp};
         * {@code LocalDateTime} for {@code timestamp_local}.
         */
        @Override
        public Builder appendValue(@Nullable Object value) {
            if (value == null) {
                return appendNull();
            }
            if (type instanceof DataType.Timestamp t) {
                if (t.utc()) {
                    if (value instanceof Instant i) {
                        return append(microsOf(i));
                    }
                    if (value instanceof java.time.OffsetDateTime o) {
                        return append(microsOf(o.toInstant()));
                    }
                    if (value instanceof java.time.ZonedDateTime z) {
                        return append(microsOf(z.toInstant()));
                    }
                    throw wrongValue(value, "a java.time.Instant, OffsetDateTime or ZonedDateTime");
                }
                if (value instanceof LocalDateTime l) {
                    return append(microsOf(l));
                }
                throw wrongValue(value, "a java.time.LocalDateTime");
            }
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return append(((Number) value).longValue());
            }
            throw wrongValue(value, "a Long, Integer, Short or Byte");
        }

        @Override
        public Builder appendRange(Column source, int from, int to) {
            LongColumn src = source(source, from, to, LongColumn.class);
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
        public LongColumn build() {
            finish();
            return new LongColumn(type, size, values.length == size ? values : Arrays.copyOf(values, size),
                    nulls.build(size), nulls.count());
        }
    }
}
