package org.datahandle.formats.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.datahandle.table.Column;
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
