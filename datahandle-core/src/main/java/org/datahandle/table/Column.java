package org.datahandle.table;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One column of a {@link Table}: values of one {@link DataType} in primitive arrays, with a null
 * bitmap that is absent when the column has no nulls. Immutable.
 *
 * <p>There is one final class per physical kind, each with typed getters that do not box:
 * {@link BooleanColumn}, {@link IntColumn} ({@code int32}, and {@code date} as days since
 * 1970-01-01), {@link LongColumn} ({@code int64}, and {@code timestamp}/{@code timestamp_local} as
 * microseconds since 1970-01-01T00:00), {@link FloatColumn}, {@link DoubleColumn},
 * {@link StringColumn} (UTF-8 bytes, decoded on access), {@link BinaryColumn},
 * {@link DecimalColumn}, {@link ListColumn} and {@link StructColumn}. A typed getter on a null row
 * returns the type's zero; check {@link #isNull(int)} first.
 */
public sealed interface Column permits BooleanColumn, IntColumn, LongColumn, FloatColumn, DoubleColumn,
        StringColumn, BinaryColumn, DecimalColumn, ListColumn, StructColumn {

    /** The logical type of the values. */
    DataType type();

    /** Number of rows. */
    int size();

    /** Whether row {@code row} is null. */
    boolean isNull(int row);

    /** Number of null rows. */
    int nullCount();

    /**
     * Row {@code row} boxed: {@code Boolean}, {@code Integer}, {@code Long}, {@code Float}, {@code Double},
     * {@code String}, {@code LocalDate}, {@code Instant}, {@code LocalDateTime}, {@code BigDecimal},
     * {@code byte[]}, {@code List<Object>}, {@code Map<String,Object>}, or null.
     */
    @Nullable Object get(int row);

    /** Estimated bytes this column holds on the heap (arrays and object headers). */
    long heapBytes();

    /** Rows {@code [from, to)} as a new column. */
    default Column slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        Builder b = builder(type(), to - from);
        b.appendRange(this, from, to);
        return b.build();
    }

    /** A builder for columns of {@code type}. */
    static Builder builder(DataType type) {
        return builder(type, 16);
    }

    /** A builder for columns of {@code type} with room for {@code capacity} rows before growing. */
    static Builder builder(DataType type, int capacity) {
        requireNonNull(type, "type is null");
        if (type instanceof DataType.Decimal d) {
            return DecimalColumn.builder(d, capacity);
        }
        if (type instanceof DataType.Timestamp) {
            return LongColumn.builder(type, capacity);
        }
        if (type instanceof DataType.ListOf l) {
            return ListColumn.builder(l, capacity);
        }
        if (type instanceof DataType.Struct s) {
            return StructColumn.builder(s, capacity);
        }
        return switch ((DataType.Primitive) type) {
            case BOOLEAN -> BooleanColumn.builder(capacity);
            case INT32, DATE -> IntColumn.builder(type, capacity);
            case INT64 -> LongColumn.builder(type, capacity);
            case FLOAT32 -> FloatColumn.builder(capacity);
            case FLOAT64 -> DoubleColumn.builder(capacity);
            case STRING -> StringColumn.builder(capacity);
            case BINARY -> BinaryColumn.builder(capacity);
        };
    }

    /** A column of {@code type} holding the boxed {@code values} (see {@link Builder#appendValue(Object)}). */
    static Column of(DataType type, Object... values) {
        Builder b = builder(type, values.length);
        for (Object v : values) {
            b.appendValue(v);
        }
        return b.build();
    }

    /**
     * Fills one column row by row. The concrete builders add primitive appends ({@code append(int)},
     * {@code appendUtf8(byte[], int, int)}, ...) that codecs use without boxing. A builder is used once:
     * after {@link #build()} it rejects further calls.
     */
    interface Builder {
        DataType type();

        /** Rows appended so far. */
        int size();

        Builder appendNull();

        /**
         * Appends a boxed value, widening where Java would ({@code Integer} to {@code long},
         * {@code Float} to {@code double}, ...); null appends a null.
         *
         * @throws IllegalArgumentException when the value's class does not fit the type
         */
        Builder appendValue(@Nullable Object value);

        /**
         * Appends rows {@code [from, to)} of {@code source}, which must have this builder's type.
         *
         * @throws IllegalArgumentException when the types differ
         */
        Builder appendRange(Column source, int from, int to);

        /** The finished column, with arrays trimmed to its size. */
        Column build();
    }
}
