package org.datahandle.formats.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.spi.ReadSource;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * One batch of row objects, held column by column as the values {@link JsonValues} reads, with where each
 * row came from. Columns are kept in order of first appearance; a key a row lacks is null there. While
 * inferring, each column's {@link TypeAccumulator} sees every value.
 */
final class RowBuffer {
    /** Says what went wrong with a cell, as a {@code DataFormatException} placed at its row. */
    interface CellErrors {
        RuntimeException at(int row, String column, String what);
    }

    private static final class Col {
        final String name;
        final TypeAccumulator type;
        /** Declared decimal: numbers are read as exact BigDecimals, never through a double. */
        final boolean exact;
        Object[] values;
        int lastRow = -1;
        int firstRow = -1;

        Col(String name, int capacity, boolean inferTypes, boolean exact) {
            this.name = name;
            this.type = new TypeAccumulator(inferTypes);
            this.exact = exact;
            this.values = new Object[capacity];
        }
    }

    private final JsonOptions options;
    private final List<Col> columns = new ArrayList<>();
    private final Map<String, Col> byName = new HashMap<>();
    private boolean inferring = true;
    private int capacity = 64;
    private int rows;
    private long[] lines = new long[capacity];
    private long[] offsets = new long[capacity];
    private int[] parts = new int[capacity];

    RowBuffer(JsonOptions options) {
        this.options = options;
    }

    int rows() {
        return rows;
    }

    long line(int row) {
        return lines[row];
    }

    long offset(int row) {
        return offsets[row];
    }

    int part(int row) {
        return parts[row];
    }

    /**
     * Reads the object the parser is on (at its START_OBJECT) as the next row; the parser is left on its
     * END_OBJECT.
     */
    void addRow(JsonParser p, JsonValues values, ReadSource source, int part, long line, long offset)
            throws IOException {
        if (rows == capacity) {
            grow();
        }
        lines[rows] = line;
        offsets[rows] = offset;
        parts[rows] = part;
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            values.whole(key, p);
            p.nextToken();
            Col c = byName.get(key);
            if (c == null) {
                c = new Col(key, capacity, options.inferTypes(),
                        options.declared(key).orElse(null) instanceof DataType.Decimal);
                columns.add(c);
                byName.put(key, c);
            }
            if (c.lastRow == rows) {
                JsonLocation at = p.currentTokenLocation();
                throw JsonErrors.at(source, at.getLineNr(), at.getByteOffset(), "the key '" + key
                        + "' appears twice in one object");
            }
            Object v = c.exact && p.currentToken().isNumeric() ? p.getDecimalValue() : values.read(p);
            c.values[rows] = v;
            c.lastRow = rows;
            if (c.firstRow < 0) {
                c.firstRow = rows;
            }
            if (inferring) {
                c.type.add(v);
            }
        }
        rows++;
    }

    /** Empties the buffer for the next batch; once the schema is fixed, types are no longer inferred. */
    void clear() {
        inferring = false;
        for (Col c : columns) {
            Arrays.fill(c.values, 0, rows, null);
            c.lastRow = -1;
            c.firstRow = -1;
        }
        rows = 0;
    }

    /**
     * The schema of what was read: columns in first-appearance order, typed by the {@code schema} option or
     * by inference, then the option's columns the data lacked.
     */
    Schema schema() {
        List<Field> fields = new ArrayList<>();
        for (Col c : columns) {
            fields.add(Field.of(c.name, options.declared(c.name).orElseGet(c.type::type)));
        }
        options.schema().forEach((name, type) -> {
            if (!byName.containsKey(name)) {
                fields.add(Field.of(name, type));
            }
        });
        return Schema.of(fields);
    }

    /** A key of this batch that is not a column of {@code schema}, with the first row that has it. */
    Optional<Map.Entry<String, Integer>> unknownColumn(Schema schema) {
        for (Col c : columns) {
            if (c.firstRow >= 0 && schema.indexOf(c.name).isEmpty()) {
                return Optional.of(Map.entry(c.name, c.firstRow));
            }
        }
        return Optional.empty();
    }

    /** The rows as a table of {@code schema}, which must hold every key of the batch. */
    Table toTable(Schema schema, CellErrors errors) {
        List<Column> built = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) {
            Column.Builder b = Column.builder(f.type(), rows);
            Col c = byName.get(f.name());
            if (c == null) {
                for (int r = 0; r < rows; r++) {
                    b.appendNull();
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    try {
                        CellConverter.append(b, c.values[r]);
                    } catch (IllegalArgumentException e) {
                        throw errors.at(r, f.name(), e.getMessage());
                    }
                }
            }
            built.add(b.build());
        }
        return Table.of(schema, built);
    }

    private void grow() {
        capacity = capacity * 2;
        lines = Arrays.copyOf(lines, capacity);
        offsets = Arrays.copyOf(offsets, capacity);
        parts = Arrays.copyOf(parts, capacity);
        for (Col c : columns) {
            c.values = Arrays.copyOf(c.values, capacity);
        }
    }
}
