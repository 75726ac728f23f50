package org.datahandle.formats.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;

/**
 * Infers one column's type from the values {@link JsonValues} reads, one {@link #add} at a time.
 *
 * <p>Numbers widen ({@code int32} to {@code int64} to {@code float64}); arrays become {@code list<...>} of
 * their elements' unified type, objects {@code struct<...>} of their keys in first-appearance order (a key
 * missing from some objects is null there); anything else that disagrees ({@code 1} and {@code "a"}, a
 * list and a number) makes the column a string holding each value's JSON text. A column of nothing but
 * nulls is a string column. Without type inference every scalar counts as a string.
 */
final class TypeAccumulator {
    private enum Kind {
        NONE, BOOLEAN, INT32, INT64, FLOAT64, STRING, LIST, STRUCT, MIXED,
        /** The strings a writer uses for NaN and infinities: float64 beside numbers, string otherwise. */
        NON_FINITE
    }

    private final boolean inferTypes;
    private Kind kind = Kind.NONE;
    private TypeAccumulator element;
    private Map<String, TypeAccumulator> fields;

    TypeAccumulator(boolean inferTypes) {
        this.inferTypes = inferTypes;
    }

    void add(Object value) {
        if (value == null || kind == Kind.MIXED) {
            return;
        }
        Kind k = kindOf(value);
        Kind merged = merge(kind, k);
        if (merged == Kind.MIXED) {
            kind = Kind.MIXED;
            element = null;
            fields = null;
            return;
        }
        kind = merged;
        if (kind == Kind.LIST) {
            if (element == null) {
                element = new TypeAccumulator(inferTypes);
            }
            for (Object e : (List<?>) value) {
                element.add(e);
            }
        } else if (kind == Kind.STRUCT) {
            if (fields == null) {
                fields = new LinkedHashMap<>();
            }
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                fields.computeIfAbsent((String) e.getKey(), name -> new TypeAccumulator(inferTypes)).add(e.getValue());
            }
        }
    }

    /** The inferred type. */
    DataType type() {
        switch (kind) {
            case BOOLEAN:
                return DataType.BOOLEAN;
            case INT32:
                return DataType.INT32;
            case INT64:
                return DataType.INT64;
            case FLOAT64:
                return DataType.FLOAT64;
            case LIST:
                return DataType.listOf(element.type());
            case STRUCT:
                List<Field> fs = new ArrayList<>(fields.size());
                fields.forEach((name, acc) -> fs.add(Field.of(name, acc.type())));
                return DataType.struct(fs);
            default:
                return DataType.STRING;
        }
    }

    private Kind kindOf(Object v) {
        if (v instanceof List) {
            return Kind.LIST;
        }
        if (v instanceof Map) {
            return Kind.STRUCT;
        }
        if (!inferTypes) {
            return Kind.STRING;
        }
        if (v instanceof String s) {
            return isNonFinite(s) ? Kind.NON_FINITE : Kind.STRING;
        }
        if (v instanceof Boolean) {
            return Kind.BOOLEAN;
        }
        if (v instanceof Integer) {
            return Kind.INT32;
        }
        if (v instanceof Long) {
            return Kind.INT64;
        }
        if (v instanceof Double || v instanceof BigDecimal d && Double.isFinite(d.doubleValue())) {
            return Kind.FLOAT64;
        }
        // BigInteger, numbers beyond a double's range, raw number text: kept as text.
        return Kind.MIXED;
    }

    private static Kind merge(Kind a, Kind b) {
        if (a == Kind.NONE || a == b) {
            return b;
        }
        if (isNumeric(a) && isNumeric(b)) {
            return a == Kind.FLOAT64 || b == Kind.FLOAT64 || a == Kind.NON_FINITE || b == Kind.NON_FINITE ? Kind.FLOAT64
                    : Kind.INT64;
        }
        if (a == Kind.STRING && b == Kind.NON_FINITE || a == Kind.NON_FINITE && b == Kind.STRING) {
            return Kind.STRING;
        }
        return Kind.MIXED;
    }

    private static boolean isNumeric(Kind k) {
        return k == Kind.INT32 || k == Kind.INT64 || k == Kind.FLOAT64 || k == Kind.NON_FINITE;
    }

    static boolean isNonFinite(String s) {
        return s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity");
    }
}
