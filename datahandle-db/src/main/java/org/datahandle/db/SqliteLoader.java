package org.datahandle.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.datahandle.table.Table;

/**
 * SQLite's bulk path: one prepared {@code INSERT ... VALUES (...), (...), ...} of many rows,
 * executed once per that many rows, inside the write's one transaction. Against a batch of
 * single-row inserts this saves the driver's per-row reset, step and change count (each a locked
 * native call) and SQLite's per-statement start; the values are still bound one by one, the only
 * way the driver offers. SQLite allows at most 32,766 parameters in a statement.
 */
final class SqliteLoader {
    /** Rows per statement: past about a hundred, longer statements stopped paying off. */
    static final int ROWS_PER_STATEMENT = 100;
    private static final int MAX_PARAMETERS = 32_766;

    private SqliteLoader() {}

    static void load(SqliteDialect dialect, Connection c, String quotedTable, Table batch, int batchSize)
            throws SQLException {
        int columns = batch.columnCount();
        int perStatement = Math.max(1, Math.min(Math.min(batchSize, ROWS_PER_STATEMENT), MAX_PARAMETERS / columns));
        int rows = batch.rowCount();
        int full = rows / perStatement;
        int row = 0;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(insert(dialect, quotedTable, batch, perStatement))) {
                for (int s = 0; s < full; s++) {
                    row = bind(dialect, ps, batch, row, perStatement);
                    ps.executeUpdate();
                }
            }
        }
        if (row < rows) {
            try (PreparedStatement ps = c.prepareStatement(insert(dialect, quotedTable, batch, rows - row))) {
                bind(dialect, ps, batch, row, rows - row);
                ps.executeUpdate();
            }
        }
    }

    private static int bind(SqliteDialect dialect, PreparedStatement ps, Table batch, int from, int count)
            throws SQLException {
        int columns = batch.columnCount();
        int index = 1;
        for (int row = from; row < from + count; row++) {
            for (int col = 0; col < columns; col++) {
                dialect.bind(ps, index++, batch.column(col), row);
            }
        }
        return from + count;
    }

    private static String insert(Dialect dialect, String quotedTable, Table batch, int rows) {
        int columns = batch.columnCount();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quotedTable).append(" (");
        for (int i = 0; i < columns; i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(batch.schema().field(i).name()));
        }
        String row = "(" + "?, ".repeat(columns - 1) + "?)";
        sql.append(") VALUES ").append(row);
        for (int r = 1; r < rows; r++) {
            sql.append(", ").append(row);
        }
        return sql.toString();
    }
}
