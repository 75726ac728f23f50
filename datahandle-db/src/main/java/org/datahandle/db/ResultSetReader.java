package org.datahandle.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.datahandle.DataFormatException;
import org.datahandle.spi.TableLocation;
import org.datahandle.spi.TableReader;
import org.datahandle.table.Column;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/** A result set as batches of at most {@code fetchSize} rows; the driver streams with the same fetch size. */
final class ResultSetReader implements TableReader {
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rs;
    private final Schema schema;
    private final Dialect dialect;
    private final int fetchSize;
    private final TableLocation location;
    private long rowsRead;
    private boolean done;
    private boolean closed;

    ResultSetReader(Connection connection, Statement statement, ResultSet rs, Schema schema, Dialect dialect,
            int fetchSize, TableLocation location) {
        this.connection = connection;
        this.statement = statement;
        this.rs = rs;
        this.schema = schema;
        this.dialect = dialect;
        this.fetchSize = fetchSize;
        this.location = location;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Optional<Table> next() throws IOException {
        return read(fetchSize);
    }

    /** The whole rest as one table, built once instead of batches joined afterwards (the driver still fetches in batches). */
    @Override
    public Table readAll() throws IOException {
        return read(Integer.MAX_VALUE).orElseGet(() -> Table.empty(schema));
    }

    private Optional<Table> read(int maxRows) throws IOException {
        if (done || closed) {
            return Optional.empty();
        }
        int columns = schema.size();
        List<Column.Builder> builders = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            builders.add(Column.builder(schema.field(i).type(), Math.min(maxRows, 1024)));
        }
        int n = 0;
        try {
            while (n < maxRows && rs.next()) {
                for (int i = 0; i < columns; i++) {
                    dialect.read(rs, i + 1, schema.field(i).type(), builders.get(i));
                }
                n++;
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("22")) {
                throw new DataFormatException("row " + (rowsRead + n + 1) + " of " + location + ": "
                        + e.getMessage(), location.uri(), rowsRead + n + 1, -1, e);
            }
            throw SqlErrors.translate("reading " + location + " failed after " + (rowsRead + n) + " rows",
                    location.uri(), e);
        }
        if (n < maxRows) {
            done = true;
        }
        if (n == 0) {
            return Optional.empty();
        }
        rowsRead += n;
        List<Column> built = new ArrayList<>(columns);
        for (Column.Builder b : builders) {
            built.add(b.build());
        }
        return Optional.of(Table.of(schema, built));
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
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
