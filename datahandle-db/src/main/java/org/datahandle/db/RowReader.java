package org.datahandle.db;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.datahandle.DataFormatException;
import org.datahandle.spi.TableLocation;
import org.datahandle.spi.TableReader;
import org.datahandle.table.Column;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * A table read row by row into column builders: batches of at most {@code fetchSize} rows for
 * {@link #next()}, one table built in one pass for {@link #readAll()} (no batches joined
 * afterwards). A value that does not fit its type (SQLState class 22) is a
 * {@link DataFormatException} naming the row. Subclasses say where rows come from.
 */
abstract class RowReader implements TableReader {
    final Schema schema;
    final TableLocation location;
    private final int fetchSize;
    private long rowsRead;
    private long expectedRows;
    private boolean done;
    private boolean closed;

    RowReader(Schema schema, int fetchSize, TableLocation location) {
        this.schema = schema;
        this.fetchSize = fetchSize;
        this.location = location;
    }

    /**
     * How many rows the table should have (its commit record says so): {@link #readAll()} sizes its
     * columns for them at once instead of growing them a dozen times. A wrong hint costs only memory
     * or growth, never rows.
     */
    final RowReader expectRows(long rows) {
        this.expectedRows = rows;
        return this;
    }

    /** Appends the next row to the builders, one per column; false at the end. */
    abstract boolean readRow(Column.Builder[] into) throws SQLException;

    /** Releases the statement, stream and connection; called once. */
    abstract void release();

    @Override
    public final Schema schema() {
        return schema;
    }

    @Override
    public final Optional<Table> next() throws IOException {
        return read(fetchSize);
    }

    @Override
    public final Table readAll() throws IOException {
        return read(Integer.MAX_VALUE).orElseGet(() -> Table.empty(schema));
    }

    private Optional<Table> read(int maxRows) throws IOException {
        if (done || closed) {
            return Optional.empty();
        }
        long left = expectedRows - rowsRead;
        int capacity = (int) Math.min(maxRows, left > 0 ? Math.min(left, 1 << 26) : 1024);
        Column.Builder[] builders = new Column.Builder[schema.size()];
        for (int i = 0; i < builders.length; i++) {
            builders[i] = Column.builder(schema.field(i).type(), capacity);
        }
        int n = 0;
        try {
            while (n < maxRows) {
                if (!readRow(builders)) {
                    done = true;
                    break;
                }
                n++;
            }
        } catch (SQLException e) {
            long row = rowsRead + n + 1;
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("22")) {
                throw new DataFormatException("row " + row + " of " + location + ": " + e.getMessage(), location.uri(),
                        row, -1, e);
            }
            throw SqlErrors.translate("reading " + location + " failed after " + (rowsRead + n) + " rows",
                    location.uri(), e);
        }
        if (n == 0) {
            return Optional.empty();
        }
        rowsRead += n;
        List<Column> built = new ArrayList<>(builders.length);
        for (Column.Builder b : builders) {
            built.add(b.build());
        }
        return Optional.of(Table.of(schema, built));
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }
}
