package org.datahandle.formats.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * The table of a whole read ({@code TableReader.readAll}), filled in place: one {@link ColumnTarget}
 * per field, sized for every row of every row group, which the row groups fill at their own rows in
 * parallel. Replaces a table per row group plus their concatenation, which copied every value once
 * more and kept two copies of the data alive at the end.
 */
final class WholeTable {
    private final Schema schema;
    private final ColumnTarget[] targets;
    private final int rows;
    private final int groups;

    /**
     * @param rows the rows of every row group of every file
     * @param groups the number of row groups that hold rows
     */
    WholeTable(Schema schema, int rows, int groups) {
        this.schema = schema;
        this.rows = rows;
        this.groups = groups;
        this.targets = new ColumnTarget[schema.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = ColumnTarget.of(schema.field(i).type(), rows, groups, schema.field(i).nullable());
        }
    }

    /**
     * Whether the arrays of a whole read of {@code rows} rows can be allocated up front: their bytes
     * at most a quarter of the heap. The row counts are the footers' word, and a crafted footer can
     * claim billions of rows in a few bytes; a read beyond this goes the old way, whose columns grow
     * only with the values actually decoded, so such a file fails on its first short column chunk
     * with the error that names it, not with an OutOfMemoryError.
     */
    static boolean fits(Schema schema, long rows) {
        long perRow = 0;
        for (int i = 0; i < schema.size(); i++) {
            perRow += bytesPerRow(schema.field(i).type()) + 1; // + room for a null bit and slack
        }
        return rows <= Integer.MAX_VALUE - 8 && rows * perRow <= Runtime.getRuntime().maxMemory() / 4;
    }

    /** The bytes a row takes in the array of a column of {@code type} (an offset for strings: their bytes come as they are decoded). */
    private static long bytesPerRow(DataType type) {
        if (type == DataType.INT64 || type == DataType.FLOAT64 || type instanceof DataType.Timestamp) {
            return 8;
        }
        if (type == DataType.BOOLEAN) {
            return 0;
        }
        if (type == DataType.INT32 || type == DataType.DATE || type == DataType.FLOAT32 || type == DataType.STRING
                || type == DataType.BINARY) {
            return 4;
        }
        return 0; // kept per row group and concatenated: grows with what is decoded
    }

    int rows() {
        return rows;
    }

    int groups() {
        return groups;
    }

    ColumnTarget target(int field) {
        return targets[field];
    }

    /** The table, once every row group is in. */
    Table build() throws IOException {
        List<Column> columns = new ArrayList<>(targets.length);
        for (ColumnTarget t : targets) {
            columns.add(t.build());
        }
        try {
            return Table.of(schema, columns);
        } catch (IllegalArgumentException e) {
            throw new IOException("the values do not fit the schema: " + e.getMessage(), e);
        }
    }
}
