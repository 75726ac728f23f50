package org.datahandle.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.datahandle.spi.TableLocation;
import org.datahandle.table.Column;
import org.datahandle.table.Schema;

/** A result set's rows through the driver's getters; the driver streams with the same fetch size. */
final class ResultSetReader extends RowReader {
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rs;
    private final Dialect dialect;

    ResultSetReader(Connection connection, Statement statement, ResultSet rs, Schema schema, Dialect dialect,
            int fetchSize, TableLocation location) {
        super(schema, fetchSize, location);
        this.connection = connection;
        this.statement = statement;
        this.rs = rs;
        this.dialect = dialect;
    }

    @Override
    boolean readRow(Column.Builder[] into) throws SQLException {
        if (!rs.next()) {
            return false;
        }
        for (int i = 0; i < into.length; i++) {
            dialect.read(rs, i + 1, schema.field(i).type(), into[i]);
        }
        return true;
    }

    @Override
    void release() {
        JdbcTableStore.closeQuietly(rs);
        JdbcTableStore.closeQuietly(statement);
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback(); // a read-only streaming transaction: nothing to keep
            }
        } catch (SQLException ignored) {
            // closing anyway
        }
        JdbcTableStore.closeQuietly(connection);
    }
}
