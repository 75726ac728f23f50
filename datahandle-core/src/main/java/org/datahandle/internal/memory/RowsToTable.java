package org.datahandle.internal.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Builds a {@link Table} from rows, inferring each column's type from all of its non-null values.
 *
 * <p>Rules: one Java kind gives its type ({@code Integer} int32, {@code Long} int64, {@code Double}
 * float64, {@code LocalDate} date, {@code Instant} timestamp, lists and maps give list and struct types,
 * inferred the same way inside); int32 with int64 is int64; any other mix of numbers is float64
 * (a {@code BigDecimal} with integers stays decimal); any other mix is string, with maps and lists
 * written as JSON text. A column with no non-null value is a string column of nulls. Keys missing
 * from a row are nulls. Columns come in the order their keys are first seen.
 */
final class RowsToTable {
    private static final int MAX_DECIMAL_PRECISION = 76;

    private RowsToTable() {}

    static Table convert(List<? extends Map<?, ?>> rows) {
        Map<String, Inferred> columns = new LinkedHashMap<>();
        for (Map<?, ?> row : rows) {
            for (Map.Entry<?, ?> e : row.entrySet()) {
                String name = String.valueOf(e.getKey());
                columns.computeIfAbsent(name, k -> new Inferred()).add(e.getValue());
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, Inferred> c : columns.entrySet()) {
            fields.add(Field.of(c.getKey(), c.getValue().type()));
        }
        Schema schema = Schema.of(fields);
        Table.Builder builder = Table.builder(schema, rows.size());
        Object[] values = new Object[fields.size()];
        for (Map<?, ?> row : rows) {
            for (int c = 0; c < values.length; c++) {
                Field f = fields.get(c);
                values[c] = coerce(row.get(f.name()), f.type());
            }
            builder.addRow(values);
        }
        return builder.build();
    }

    /** Turns a value into one the column builder of {@code type} accepts. */
    private static Object coerce(Object v, DataType type) {
        if (v == null) {
            return null;
        }
        if (type == DataType.STRING) {
            return text(v);
        }
        if (type instanceof DataType.ListOf l) {
            List<Object> out = new ArrayList<>();
            for (Object e : (Iterable<?>) v) {
                out.add(coerce(e, l.element()));
            }
            return out;
        }
        if (type instanceof DataType.Struct s) {
            Map<?, ?> in = (Map<?, ?>) v;
            Map<String, Object> out = new LinkedHashMap<>();
            for (Field f : s.fields()) {
                out.put(f.name(), coerce(in.get(f.name()), f.type()));
            }
            return out;
        }
        if (type instanceof DataType.Decimal && v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return v;
    }

    private static String text(Object v) {
        if (v instanceof Map || v instanceof List || v instanceof byte[]) {
            try {
                return JsonSupport.MAPPER.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                return String.valueOf(v);
            }
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    /** The kinds of one column seen so far. */
    private enum Kind {
        NONE, BOOLEAN, INT32, INT64, FLOAT32, FLOAT64, DECIMAL, STRING, DATE, TIMESTAMP, TIMESTAMP_LOCAL, BINARY,
        LIST, STRUCT;

        static Kind of(Object v) {
            if (v instanceof Boolean) {
                return BOOLEAN;
            }
            if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return INT32;
            }
            if (v instanceof Long) {
                return INT64;
            }
            if (v instanceof Float) {
                return FLOAT32;
            }
            if (v instanceof Double) {
                return FLOAT64;
            }
            if (v instanceof BigDecimal || v instanceof BigInteger) {
                return DECIMAL;
            }
            if (v instanceof LocalDate) {
                return DATE;
            }
            if (v instanceof Instant || v instanceof OffsetDateTime || v instanceof ZonedDateTime) {
                return TIMESTAMP;
            }
            if (v instanceof LocalDateTime) {
                return TIMESTAMP_LOCAL;
            }
            if (v instanceof byte[]) {
                return BINARY;
            }
            if (v instanceof List) {
                return LIST;
            }
            if (v instanceof Map) {
                return STRUCT;
            }
            return STRING;
        }

        boolean numeric() {
            return this == INT32 || this == INT64 || this == FLOAT32 || this == FLOAT64 || this == DECIMAL;
        }

        boolean integral() {
            return this == INT32 || this == INT64;
        }

        Kind merge(Kind other) {
            if (this == NONE || this == other) {
                return other;
            }
            if (other == NONE) {
                return this;
            }
            if (integral() && other.integral()) {
                return INT64;
            }
            if ((this == DECIMAL && other.integral()) || (other == DECIMAL && integral())) {
                return DECIMAL;
            }
            if (numeric() && other.numeric()) {
                return FLOAT64;
            }
            return STRING;
        }
    }

    /** Accumulates one column (or list element, or struct field). */
    private static final class Inferred {
        private Kind kind = Kind.NONE;
        private int integerDigits = 1;
        private int scale;
        private Inferred element;
        private Map<String, Inferred> fields;

        void add(Object v) {
            if (v == null) {
                return;
            }
            kind = kind.merge(Kind.of(v));
            if (v instanceof BigDecimal || v instanceof BigInteger || v instanceof Long || v instanceof Integer
                    || v instanceof Short || v instanceof Byte) {
                BigDecimal d = v instanceof BigDecimal bd ? bd : new BigDecimal(v.toString());
                scale = Math.max(scale, Math.max(d.scale(), 0));
                integerDigits = Math.max(integerDigits, d.precision() - d.scale());
            }
            if (v instanceof List<?> list) {
                if (element == null) {
                    element = new Inferred();
                }
                list.forEach(element::add);
            } else if (v instanceof Map<?, ?> map) {
                if (fields == null) {
                    fields = new LinkedHashMap<>();
                }
                map.forEach((k, x) -> fields.computeIfAbsent(String.valueOf(k), n -> new Inferred()).add(x));
            }
        }

        DataType type() {
            return switch (kind) {
                case NONE, STRING -> DataType.STRING;
                case BOOLEAN -> DataType.BOOLEAN;
                case INT32 -> DataType.INT32;
                case INT64 -> DataType.INT64;
                case FLOAT32 -> DataType.FLOAT32;
                case FLOAT64 -> DataType.FLOAT64;
                case DECIMAL -> integerDigits + scale <= MAX_DECIMAL_PRECISION
                        ? DataType.decimal(integerDigits + scale, scale) : DataType.FLOAT64;
                case DATE -> DataType.DATE;
                case TIMESTAMP -> DataType.TIMESTAMP;
                case TIMESTAMP_LOCAL -> DataType.TIMESTAMP_LOCAL;
                case BINARY -> DataType.BINARY;
                case LIST -> DataType.listOf(element.type());
                case STRUCT -> {
                    List<Field> fs = new ArrayList<>();
                    fields.forEach((name, inferred) -> fs.add(Field.of(name, inferred.type())));
                    yield DataType.struct(fs);
                }
            };
        }
    }
}
