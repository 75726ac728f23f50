package org.datahandle.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.datahandle.table.Table;

/** Rows through batches of one prepared {@code INSERT}: the bulk path of SQLite and MariaDB, a fallback elsewhere. */
final class BatchLoader {
    private BatchLoader() {}

    static void load(Dialect dialect, Connection c, String quotedTable, Table batch, int batchSize)
            throws SQLException {
        int columns = batch.columnCount();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quotedTable).append(" (");
        for (int i = 0; i < columns; i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(batch.schema().field(i).name()));
        }
        sql.append(") VALUES (").append("?, ".repeat(Math.max(0, columns - 1))).append(columns > 0 ? "?" : "")
                .append(')');
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int pending = 0;
            for (int row = 0; row < batch.rowCount(); row++) {
                for (int col = 0; col < columns; col++) {
                    dialect.bind(ps, col + 1, batch.column(col), row);
                }
                ps.addBatch();
                if (++pending == batchSize) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }
}
