package org.datahandle.formats.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.ListColumn;
import org.datahandle.table.StructColumn;

/**
 * Appends a value read by {@link JsonValues} to a column builder of the column's type. Inferred types always
 * fit; a type given by the {@code schema} option also accepts text it can parse ({@code "42"} for an int,
 * ISO-8601 for dates and timestamps, base64 for binary), and a string column takes any value as its JSON
 * text.
 */
final class CellConverter {
    private static final int SHOWN_CHARS = 60;

    private CellConverter() {}

    /**
     * @throws IllegalArgumentException saying what was expected when the value does not fit the type
     */
    static void append(Column.Builder b, Object v) {
        if (v == null) {
            b.appendNull();
            return;
        }
        DataType type = b.type();
        if (type instanceof DataType.ListOf l) {
            if (!(v instanceof List<?> list)) {
                throw misfit(type, v);
            }
            ListColumn.Builder lb = (ListColumn.Builder) b;
            for (Object e : list) {
                append(lb.elements(), e);
            }
            lb.endList();
        } else if (type instanceof DataType.Struct s) {
            if (!(v instanceof Map<?, ?> map)) {
                throw misfit(type, v);
            }
            appendStruct((StructColumn.Builder) b, s, map);
        } else if (type instanceof DataType.Decimal) {
            b.appendValue(decimal(type, v));
        } else if (type instanceof DataType.Timestamp t) {
            try {
                b.appendValue(t.utc() ? Instant.parse(text(type, v)) : LocalDateTime.parse(text(type, v)));
            } catch (DateTimeException e) {
                throw misfit(type, v);
            }
        } else {
            appendPrimitive(b, (DataType.Primitive) type, v);
        }
    }

    private static void appendStruct(StructColumn.Builder b, DataType.Struct s, Map<?, ?> map) {
        List<Field> fields = s.fields();
        int matched = 0;
        for (int f = 0; f < fields.size(); f++) {
            String name = fields.get(f).name();
            if (map.containsKey(name)) {
                matched++;
            }
            append(b.field(f), map.get(name));
        }
        if (matched != map.size()) {
            for (Object key : map.keySet()) {
                if (fields.stream().noneMatch(f -> f.name().equals(key))) {
                    throw new IllegalArgumentException("the object has key '" + key + "', which " + s.typeName()
                            + " lacks");
                }
            }
        }
        b.endStruct();
    }

    private static void appendPrimitive(Column.Builder b, DataType.Primitive type, Object v) {
        try {
            switch (type) {
                case STRING:
                    b.appendValue(v instanceof String s ? s : ValueWriter.text(v));
                    return;
                case BOOLEAN:
                    if (v instanceof Boolean || v instanceof String s && (s.equals("true") || s.equals("false"))) {
                        b.appendValue(v instanceof Boolean ? v : Boolean.valueOf((String) v));
                        return;
                    }
                    throw misfit(type, v);
                case INT32:
                    b.appendValue(Math.toIntExact(integer(type, v)));
                    return;
                case INT64:
                    b.appendValue(integer(type, v));
                    return;
                case FLOAT64:
                    b.appendValue(floating(type, v));
                    return;
                case FLOAT32:
                    b.appendValue((float) floating(type, v));
                    return;
                case DATE:
                    b.appendValue(LocalDate.parse(text(type, v)));
                    return;
                case BINARY:
                    b.appendValue(Base64.getDecoder().decode(text(type, v)));
                    return;
                default:
                    throw new IllegalStateException("unhandled type " + type);
            }
        } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
            throw misfit(type, v);
        }
    }

    private static long integer(DataType type, Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof String || v instanceof RawNumber) {
            return new BigDecimal(v.toString()).longValueExact();
        }
        if (v instanceof BigInteger i) {
            return i.longValueExact();
        }
        if (v instanceof BigDecimal d) {
            return d.longValueExact();
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return d.longValue();
        }
        throw misfit(type, v);
    }

    private static double floating(DataType type, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s && TypeAccumulator.isNonFinite(s)) {
            return Double.parseDouble(s);
        }
        if (v instanceof String || v instanceof RawNumber) {
            return new BigDecimal(v.toString()).doubleValue();
        }
        throw misfit(type, v);
    }

    private static BigDecimal decimal(DataType type, Object v) {
        try {
            if (v instanceof BigDecimal d) {
                return d;
            }
            if (v instanceof Double d) {
                // A declared decimal column reads its numbers exactly (RowBuffer); a Double gets here only from
                // code, and valueOf gives the double's decimal text.
                return BigDecimal.valueOf(d);
            }
            if (v instanceof Integer || v instanceof Long) {
                return BigDecimal.valueOf(((Number) v).longValue());
            }
            if (v instanceof BigInteger i) {
                return new BigDecimal(i);
            }
            if (v instanceof String || v instanceof RawNumber) {
                return new BigDecimal(v.toString());
            }
        } catch (NumberFormatException e) {
            throw misfit(type, v);
        }
        throw misfit(type, v);
    }

    private static String text(DataType type, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw misfit(type, v);
    }

    private static IllegalArgumentException misfit(DataType type, Object v) {
        String shown = v instanceof String s ? '"' + s + '"' : ValueWriter.text(v);
        if (shown.length() > SHOWN_CHARS) {
            shown = shown.substring(0, SHOWN_CHARS - 3) + "...";
        }
        return new IllegalArgumentException("expected " + type.typeName() + ", found " + kind(v) + " " + shown);
    }

    /** How JSON calls the value's kind, for messages. */
    static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof Map) {
            return "an object";
        }
        return "a number";
    }
}
