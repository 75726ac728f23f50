package org.datahandle.table;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, columnar table: a {@link Schema} and one {@link Column} per field, all of
 * {@link #rowCount()} rows. Values live in primitive arrays with null bitmaps, so a table costs about
 * the bytes of its values; {@link #get(int, int)} boxes on demand.
 *
 * <pre>{@code
 * Table t = Table.builder(Schema.of(Field.of("id", DataType.INT64), Field.of("name", DataType.STRING)))
 *     .addRow(1L, "ada")
 *     .addRow(2, null)          // Integer widens to int64; null is a null cell
 *     .build();
 * long id = ((LongColumn) t.column("id")).getLong(0);
 * }</pre>
 */
public final class Table {
    private static final int PREVIEW_ROWS = 10;
    private static final int PREVIEW_WIDTH = 24;

    private final Schema schema;
    private final List<Column> columns;
    private final int rowCount;

    private Table(Schema schema, List<Column> columns, int rowCount) {
        this.schema = schema;
        this.columns = columns;
        this.rowCount = rowCount;
    }

    /**
     * A table of the given columns.
     *
     * @throws IllegalArgumentException when the count, types or sizes of the columns do not match the
     *     schema, or a non-nullable field holds nulls
     */
    public static Table of(Schema schema, List<? extends Column> columns) {
        requireNonNull(schema, "schema is null");
        List<Column> cols = List.copyOf(columns);
        if (cols.size() != schema.size()) {
            throw new IllegalArgumentException("schema has " + schema.size() + " fields but " + cols.size()
                    + " columns were given");
        }
        int rows = cols.isEmpty() ? 0 : cols.get(0).size();
        for (int i = 0; i < cols.size(); i++) {
            Field f = schema.field(i);
            Column c = cols.get(i);
            if (!c.type().equals(f.type())) {
                throw new IllegalArgumentException("column '" + f.name() + "' is " + f.type().typeName()
                        + " in the schema but the column given holds " + c.type().typeName());
            }
            if (c.size() != rows) {
                throw new IllegalArgumentException("column '" + f.name() + "' has " + c.size() + " rows, but column '"
                        + schema.field(0).name() + "' has " + rows);
            }
            if (!f.nullable() && c.nullCount() > 0) {
                throw new IllegalArgumentException("column '" + f.name() + "' is not nullable but holds "
                        + c.nullCount() + " nulls");
            }
        }
        return new Table(schema, cols, rows);
    }

    /** A table with the schema and no rows. */
    public static Table empty(Schema schema) {
        return builder(schema).build();
    }

    /** A row-wise builder. */
    public static Builder builder(Schema schema) {
        return new Builder(schema, 16);
    }

    /** A row-wise builder with room for {@code expectedRows} before growing. */
    public static Builder builder(Schema schema, int expectedRows) {
        return new Builder(schema, expectedRows);
    }

    /**
     * The rows of {@code tables}, in order, as one table.
     *
     * @throws IllegalArgumentException when a table's schema differs from {@code schema}
     */
    public static Table concat(Schema schema, List<Table> tables) {
        requireNonNull(schema, "schema is null");
        long total = 0;
        for (int t = 0; t < tables.size(); t++) {
            Table table = tables.get(t);
            if (!table.schema.equals(schema)) {
                throw new IllegalArgumentException("cannot concatenate: table " + t + " has schema " + table.schema
                        + " but the expected schema is " + schema);
            }
            total += table.rowCount;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot concatenate " + total + " rows into one table");
        }
        if (tables.size() == 1) {
            return tables.get(0);
        }
        List<Column> cols = new ArrayList<>(schema.size());
        for (int c = 0; c < schema.size(); c++) {
            Column.Builder b = builderFor(schema.field(c).type(), tables, c, (int) total);
            for (Table table : tables) {
                b.appendRange(table.columns.get(c), 0, table.rowCount);
            }
            cols.add(b.build());
        }
        return new Table(schema, List.copyOf(cols), (int) total);
    }

    /** A builder for column {@code c} of the concatenation; strings get room for all their bytes at once. */
    private static Column.Builder builderFor(DataType type, List<Table> tables, int c, int total) {
        if (type == DataType.STRING) {
            long bytes = 0;
            for (Table t : tables) {
                bytes += ((StringColumn) t.columns.get(c)).utf8Bytes();
            }
            if (bytes <= Integer.MAX_VALUE - 8) {
                return StringColumn.builder(total, (int) bytes);
            }
        }
        return Column.builder(type, total);
    }

    public Schema schema() {
        return schema;
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    /**
     * The named column.
     *
     * @throws IllegalArgumentException when there is no such column
     */
    public Column column(String name) {
        return columns.get(indexOf(name));
    }

    /** The columns in schema order. */
    public List<Column> columns() {
        return columns;
    }

    /** A cell boxed (see {@link Column#get(int)}), or null. */
    public @Nullable Object get(int row, int column) {
        Objects.checkIndex(row, rowCount);
        return columns.get(column).get(row);
    }

    /** A cell of the named column boxed, or null. */
    public @Nullable Object get(int row, String column) {
        return get(row, indexOf(column));
    }

    public boolean isNull(int row, int column) {
        Objects.checkIndex(row, rowCount);
        return columns.get(column).isNull(row);
    }

    /** Rows {@code [from, to)} as a new table. */
    public Table slice(int from, int to) {
        Objects.checkFromToIndex(from, to, rowCount);
        if (from == 0 && to == rowCount) {
            return this;
        }
        List<Column> cols = new ArrayList<>(columns.size());
        for (Column c : columns) {
            cols.add(c.slice(from, to));
        }
        return new Table(schema, List.copyOf(cols), to - from);
    }

    /** Every row as a new {@link LinkedHashMap} of column name to boxed value, in column order. */
    public List<Map<String, Object>> toRows() {
        List<Map<String, Object>> rows = new ArrayList<>(rowCount);
        List<String> names = schema.names();
        for (int r = 0; r < rowCount; r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                row.put(names.get(c), columns.get(c).get(r));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Estimated heap bytes of the table's arrays and objects. */
    public long heapBytes() {
        long bytes = 64;
        for (Column c : columns) {
            bytes += c.heapBytes();
        }
        return bytes;
    }

    private int indexOf(String name) {
        OptionalInt i = schema.indexOf(name);
        if (i.isEmpty()) {
            throw new IllegalArgumentException("no column '" + name + "'; columns are " + schema.names());
        }
        return i.getAsInt();
    }

    /** Same schema and the same cell values (byte arrays by content, NaN equal to NaN). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Table other) || rowCount != other.rowCount || !schema.equals(other.schema)) {
            return false;
        }
        for (int c = 0; c < columns.size(); c++) {
            Column a = columns.get(c);
            Column b = other.columns.get(c);
            for (int r = 0; r < rowCount; r++) {
                if (!Cells.equal(a.get(r), b.get(r))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = schema.hashCode() * 31 + rowCount;
        for (Column c : columns) {
            for (int r = 0; r < rowCount; r++) {
                h = 31 * h + Cells.hash(c.get(r));
            }
        }
        return h;
    }

    /** The schema's size and the first rows as a small text table. */
    @Override
    public String toString() {
        int shown = Math.min(rowCount, PREVIEW_ROWS);
        List<List<String>> cells = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (Field f : schema.fields()) {
            header.add(f.name() + ":" + f.type().typeName());
        }
        cells.add(header);
        for (int r = 0; r < shown; r++) {
            List<String> line = new ArrayList<>();
            for (Column c : columns) {
                String s = Cells.text(c.get(r)).replace('\n', ' ').replace('\r', ' ');
                line.add(s.length() > PREVIEW_WIDTH ? s.substring(0, PREVIEW_WIDTH - 3) + "..." : s);
            }
            cells.add(line);
        }
        int[] widths = new int[columns.size()];
        for (List<String> line : cells) {
            for (int c = 0; c < line.size(); c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder("Table[").append(rowCount).append(rowCount == 1 ? " row x " : " rows x ")
                .append(columns.size()).append(columns.size() == 1 ? " column]" : " columns]");
        for (int l = 0; l < cells.size(); l++) {
            sb.append('\n');
            List<String> line = cells.get(l);
            for (int c = 0; c < line.size(); c++) {
                sb.append(c == 0 ? "| " : " | ").append(line.get(c));
                sb.append(" ".repeat(widths[c] - line.get(c).length()));
            }
            sb.append(line.isEmpty() ? "|" : " |");
        }
        if (rowCount > shown) {
            sb.append("\n... ").append(rowCount - shown).append(" more rows");
        }
        return sb.toString();
    }

    /** Builds a table row by row from boxed Java values. Used once: {@link #build()} ends it. */
    public static final class Builder {
        private final Schema schema;
        private final List<Column.Builder> columns = new ArrayList<>();
        private int rows;
        private @Nullable String rejected;

        private Builder(Schema schema, int expectedRows) {
            this.schema = requireNonNull(schema, "schema is null");
            for (Field f : schema.fields()) {
                columns.add(Column.builder(f.type(), expectedRows));
            }
        }

        /**
         * Appends a row: one value per column, in schema order, each a boxed Java value of the column's type
         * or null. Values widen where Java would: {@code Integer} for an {@code int64} column, {@code Float}
         * for {@code float64}, {@code Long} for a {@code decimal}.
         *
         * @throws IllegalArgumentException naming the column and row when a value has the wrong count or type,
         *     or a non-nullable column gets a null; after a wrong type the builder is unusable
         */
        public Builder addRow(Object... values) {
            requireNonNull(values, "values is null (to add a single null cell, write addRow((Object) null))");
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("row " + rows + " has " + values.length + " values but the schema has "
                        + columns.size() + " columns " + schema.names());
            }
            for (int c = 0; c < values.length; c++) {
                append(c, values[c]);
            }
            rows++;
            return this;
        }

        /**
         * Appends a row given by column name; columns missing from the map are null. (Not an overload of
         * {@link #addRow(Object...)}: a one-column table of structs would make that ambiguous.)
         *
         * @throws IllegalArgumentException when the map has a key that is not a column
         */
        public Builder addNamedRow(Map<String, ?> row) {
            checkUsable();
            for (String key : row.keySet()) {
                if (schema.indexOf(key).isEmpty()) {
                    throw new IllegalArgumentException("row " + rows + " has key '" + key + "' that is not a column; columns are "
                            + schema.names());
                }
            }
            for (int c = 0; c < columns.size(); c++) {
                append(c, row.get(schema.field(c).name()));
            }
            rows++;
            return this;
        }

        private void append(int c, @Nullable Object value) {
            checkUsable();
            Field f = schema.field(c);
            if (value == null && !f.nullable()) {
                rejected = "row " + rows + ": column '" + f.name() + "' is not nullable";
                throw new IllegalArgumentException(rejected);
            }
            try {
                columns.get(c).appendValue(value);
            } catch (IllegalArgumentException e) {
                // Earlier cells of this row are already in their columns and cannot be taken back.
                rejected = "row " + rows + ", column '" + f.name() + "': " + e.getMessage();
                throw new IllegalArgumentException(rejected, e);
            }
        }

        private void checkUsable() {
            if (rejected != null) {
                throw new IllegalStateException("this builder rejected " + rejected + "; start a new builder");
            }
        }

        /** Rows added so far. */
        public int rowCount() {
            return rows;
        }

        /**
         * The table.
         *
         * @throws IllegalStateException when a row was rejected (its earlier cells were already appended)
         */
        public Table build() {
            checkUsable();
            List<Column> built = new ArrayList<>(columns.size());
            for (Column.Builder b : columns) {
                built.add(b.build());
            }
            return new Table(schema, Collections.unmodifiableList(built), rows);
        }
    }
}
