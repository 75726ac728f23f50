package org.datahandle.internal.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.ErrorLocation;
import org.datahandle.MemoryFormat;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DecimalColumn;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.Field;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Moves data between the memory formats of {@link MemoryFormat} and the Java types operators read.
 *
 * <p>The forms: a {@link Table}; rows ({@code List<Map<String,Object>>}); a JSON {@code String} (an array
 * of row objects for tabular data, any document otherwise); a matrix ({@code double[][]}, row-major, columns
 * named {@code col1..colN} when it becomes a table, NaN read as null); or any object Jackson can map. A
 * conversion that cannot exist is an {@link UnsupportedFormatException} naming the handle, the source form
 * and the target.
 */
public final class MemoryConversions {
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {};

    private MemoryConversions() {}

    /**
     * What a handle with memory format {@code target} stores when an operator writes {@code data} (O2M).
     * Rows and matrices are copied, so later changes by the operator do not reach the handle.
     *
     * @throws UnsupportedFormatException when {@code data} has no form in {@code target}
     */
    public static Object toMemory(Object data, MemoryFormat target, String handleId) {
        requireData(data, handleId);
        return switch (target) {
            case TABLE -> toTable(data, handleId);
            case ROWS -> toRows(data, handleId);
            case JSON -> toJson(data, handleId);
            case MATRIX -> toMatrix(data, handleId);
            // kept as written: a table stays columnar; document codecs turn it into rows when they write
            case OBJECT -> data;
        };
    }

    /**
     * The memory value as {@code type}: {@code Table.class}, {@code List.class} (rows), {@code String.class}
     * (JSON), {@code double[][].class}, {@code Map.class}, {@code Object.class} (as stored) or any class
     * Jackson can map to ({@code MyRecord[].class}).
     *
     * @throws UnsupportedFormatException when the value cannot become {@code type}
     */
    public static <T> T convert(Object memoryValue, Class<T> type, String handleId) {
        requireData(memoryValue, handleId);
        if (type == Table.class) {
            return type.cast(toTable(memoryValue, handleId));
        }
        if (type == List.class || type == Collection.class || type == Iterable.class) {
            try {
                return type.cast(toRows(memoryValue, handleId));
            } catch (UnsupportedFormatException notRows) {
                // A list that is not rows (an object handle holding [1, 2, 3]) is still a List.
                return type.cast(plainList(memoryValue).orElseThrow(() -> notRows));
            }
        }
        if (type == String.class) {
            return type.cast(toJson(memoryValue, handleId));
        }
        if (type == double[][].class) {
            return type.cast(toMatrix(memoryValue, handleId));
        }
        if (type == Object.class) {
            return type.cast(memoryValue);
        }
        Object source = memoryValue instanceof Table t ? t.toRows() : memoryValue;
        try {
            if (source instanceof String json) {
                return JsonSupport.MAPPER.readValue(json, type);
            }
            return JsonSupport.MAPPER.convertValue(source, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw unsupported(handleId, memoryValue, type.getName(), firstLine(e.getMessage()), e);
        }
    }

    /**
     * The memory value as a generic type ({@code List<MyRecord>}), through Jackson; a plain class goes
     * through {@link #convert(Object, Class, String)}.
     *
     * @throws UnsupportedFormatException when the value cannot become {@code type}
     */
    public static Object convert(Object memoryValue, java.lang.reflect.Type type, String handleId) {
        requireData(memoryValue, handleId);
        if (type instanceof Class<?> c) {
            return convert(memoryValue, c, handleId);
        }
        com.fasterxml.jackson.databind.JavaType javaType = JsonSupport.MAPPER.getTypeFactory().constructType(type);
        Object source = memoryValue instanceof Table t ? t.toRows()
                : memoryValue instanceof double[][] m ? matrixToTable(m, handleId).toRows() : memoryValue;
        try {
            if (source instanceof String json) {
                return JsonSupport.MAPPER.readValue(json, javaType);
            }
            return JsonSupport.MAPPER.convertValue(source, javaType);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw unsupported(handleId, memoryValue, type.getTypeName(), firstLine(e.getMessage()), e);
        }
    }

    /**
     * The memory value as a document of plain Java values for a {@link org.datahandle.spi.DocumentCodec}:
     * a JSON string parsed, a table or matrix as rows, anything else as Jackson sees it.
     */
    public static Object toDocument(Object memoryValue, String handleId) {
        requireData(memoryValue, handleId);
        if (memoryValue instanceof String json) {
            return JsonSupport.MAPPER.convertValue(parse(json, handleId, "a document"), Object.class);
        }
        if (memoryValue instanceof Table t) {
            return t.toRows();
        }
        if (memoryValue instanceof double[][] m) {
            return matrixToTable(m, handleId).toRows();
        }
        return memoryValue;
    }

    /**
     * The memory value as a table: a table as is; rows, a JSON array of objects, or objects Jackson maps to
     * such an array with column types inferred; a matrix as float64 columns {@code col1..colN}.
     *
     * @throws UnsupportedFormatException when the value is not tabular
     */
    public static Table toTable(Object memoryValue, String handleId) {
        requireData(memoryValue, handleId);
        if (memoryValue instanceof Table t) {
            return t;
        }
        if (memoryValue instanceof double[][] matrix) {
            return matrixToTable(matrix, handleId);
        }
        return RowsToTable.convert(rowsOf(memoryValue, handleId, "Table"));
    }

    private static List<Map<String, Object>> toRows(Object value, String handleId) {
        if (value instanceof Table t) {
            return t.toRows();
        }
        if (value instanceof double[][] matrix) {
            return matrixToTable(matrix, handleId).toRows();
        }
        return rowsOf(value, handleId, "rows (List<Map<String,Object>>)");
    }

    /** Rows as fresh maps, from a list of maps, a JSON array of objects, or anything Jackson maps to one. */
    private static List<Map<String, Object>> rowsOf(Object value, String handleId, String target) {
        List<?> elements;
        if (value instanceof String json) {
            JsonNode node = parse(json, handleId, target);
            if (!node.isArray()) {
                throw unsupported(handleId, value, target, "the JSON document is " + kind(node)
                        + ", not an array of row objects", null);
            }
            elements = JsonSupport.MAPPER.convertValue(node, LIST);
        } else if (value instanceof List<?> list) {
            elements = list;
        } else {
            JsonNode node = JsonSupport.MAPPER.valueToTree(value);
            if (!node.isArray()) {
                throw unsupported(handleId, value, target, "it maps to " + kind(node) + ", not an array of row objects",
                        null);
            }
            elements = JsonSupport.MAPPER.convertValue(node, LIST);
        }
        List<Map<String, Object>> rows = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Object e = elements.get(i);
            if (e instanceof Map<?, ?> map) {
                Map<String, Object> row = new LinkedHashMap<>();
                map.forEach((k, v) -> row.put(String.valueOf(k), v));
                rows.add(row);
                continue;
            }
            JsonNode node = e == null ? null : JsonSupport.MAPPER.valueToTree(e);
            if (node == null || !node.isObject()) {
                throw unsupported(handleId, value, target, "element " + i + " is "
                        + (node == null ? "null" : kind(node)) + ", not a row object", null);
            }
            rows.add(JsonSupport.MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {}));
        }
        return rows;
    }

    private static Optional<List<Object>> plainList(Object value) {
        if (value instanceof List<?> list) {
            return Optional.of(new ArrayList<>(list));
        }
        if (value instanceof String json) {
            try {
                JsonNode node = JsonSupport.MAPPER.readTree(json);
                return node.isArray() ? Optional.of(JsonSupport.MAPPER.convertValue(node, LIST)) : Optional.empty();
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String toJson(Object value, String handleId) {
        if (value instanceof String s) {
            parse(s, handleId, "JSON");
            return s;
        }
        Object source = value instanceof Table t ? t.toRows()
                : value instanceof double[][] m ? matrixToTable(m, handleId).toRows() : value;
        try {
            return JsonSupport.MAPPER.writeValueAsString(source);
        } catch (JsonProcessingException e) {
            throw unsupported(handleId, value, "JSON", firstLine(e.getOriginalMessage()), e);
        }
    }

    private static double[][] toMatrix(Object value, String handleId) {
        if (value instanceof double[][] m) {
            double[][] copy = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                copy[i] = m[i].clone();
            }
            return copy;
        }
        if (value instanceof String json) {
            JsonNode node = parse(json, handleId, "matrix (double[][])");
            if (node.isArray() && node.size() > 0 && node.get(0).isArray()) {
                return arraysToMatrix(node, value, handleId);
            }
        } else if (!(value instanceof Table) && !(value instanceof List)) {
            JsonNode node = JsonSupport.MAPPER.valueToTree(value);
            if (node.isArray() && node.size() > 0 && node.get(0).isArray()) {
                return arraysToMatrix(node, value, handleId);
            }
        }
        Table table;
        try {
            table = toTable(value, handleId);
        } catch (UnsupportedFormatException e) {
            throw unsupported(handleId, value, "matrix (double[][])", "it is not tabular", e);
        }
        return tableToMatrix(table, value, handleId);
    }

    private static double[][] arraysToMatrix(JsonNode node, Object source, String handleId) {
        double[][] m = new double[node.size()][];
        for (int r = 0; r < node.size(); r++) {
            JsonNode row = node.get(r);
            if (!row.isArray()) {
                throw unsupported(handleId, source, "matrix (double[][])", "row " + r + " is not an array", null);
            }
            m[r] = new double[row.size()];
            for (int c = 0; c < row.size(); c++) {
                JsonNode cell = row.get(c);
                if (cell.isNull()) {
                    m[r][c] = Double.NaN;
                } else if (cell.isNumber()) {
                    m[r][c] = cell.doubleValue();
                } else {
                    throw unsupported(handleId, source, "matrix (double[][])", "row " + r + ", column " + c + " is "
                            + kind(cell) + ", not a number", null);
                }
            }
        }
        return m;
    }

    private static double[][] tableToMatrix(Table t, Object source, String handleId) {
        for (Field f : t.schema().fields()) {
            DataType type = f.type();
            boolean numeric = type == DataType.INT32 || type == DataType.INT64 || type == DataType.FLOAT32
                    || type == DataType.FLOAT64 || type instanceof DataType.Decimal;
            if (!numeric) {
                throw unsupported(handleId, source, "matrix (double[][])", "column '" + f.name() + "' is "
                        + type.typeName() + "; every column of a matrix must be numeric", null);
            }
        }
        double[][] m = new double[t.rowCount()][t.columnCount()];
        for (int c = 0; c < t.columnCount(); c++) {
            Column col = t.column(c);
            for (int r = 0; r < t.rowCount(); r++) {
                m[r][c] = col.isNull(r) ? Double.NaN : number(col, r);
            }
        }
        return m;
    }

    private static double number(Column col, int r) {
        if (col instanceof DoubleColumn d) {
            return d.getDouble(r);
        }
        if (col instanceof FloatColumn f) {
            return f.getFloat(r);
        }
        if (col instanceof IntColumn i) {
            return i.getInt(r);
        }
        if (col instanceof LongColumn l) {
            return l.getLong(r);
        }
        BigDecimal d = ((DecimalColumn) col).getDecimal(r);
        return d.doubleValue();
    }

    private static Table matrixToTable(double[][] m, String handleId) {
        int width = m.length == 0 ? 0 : m[0].length;
        for (int r = 0; r < m.length; r++) {
            if (m[r] == null || m[r].length != width) {
                throw unsupported(handleId, m, "Table", "row " + r + " has "
                        + (m[r] == null ? "no array" : m[r].length + " values") + " but row 0 has " + width, null);
            }
        }
        List<Field> fields = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            fields.add(Field.of("col" + (c + 1), DataType.FLOAT64));
            DoubleColumn.Builder b = DoubleColumn.builder(m.length);
            for (double[] row : m) {
                if (Double.isNaN(row[c])) {
                    b.appendNull();
                } else {
                    b.append(row[c]);
                }
            }
            columns.add(b.build());
        }
        return Table.of(Schema.of(fields), columns);
    }

    private static JsonNode parse(String json, String handleId, String target) {
        try {
            return JsonSupport.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw unsupported(handleId, json, target, "the string is not valid JSON: " + firstLine(e.getOriginalMessage()),
                    e);
        }
    }

    private static void requireData(Object data, String handleId) {
        if (data == null) {
            throw new IllegalArgumentException("handle '" + handleId + "': data is null");
        }
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }

    /** How the source reads in an error: {@code Table}, {@code rows}, {@code a JSON string}, ... */
    static String describe(Object value) {
        if (value instanceof Table t) {
            return "a Table " + t.schema();
        }
        if (value instanceof double[][]) {
            return "a matrix (double[][])";
        }
        if (value instanceof String) {
            return "a JSON string";
        }
        if (value instanceof List<?> l) {
            return l.isEmpty() || l.get(0) instanceof Map ? "rows (List<Map>)" : "a List of "
                    + (l.get(0) == null ? "null" : l.get(0).getClass().getName());
        }
        return "a " + value.getClass().getName();
    }

    private static UnsupportedFormatException unsupported(String handleId, Object source, String target, String why,
            Throwable cause) {
        return new UnsupportedFormatException(handleId, ErrorLocation.UNKNOWN,
                "cannot convert " + describe(source) + " to " + target + ": " + why, cause);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
