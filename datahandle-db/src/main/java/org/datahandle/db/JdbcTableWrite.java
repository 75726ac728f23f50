package org.datahandle.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.datahandle.AlreadyProducedException;
import org.datahandle.DataFormatException;
import org.datahandle.spi.TableLocation;
import org.datahandle.spi.TableWrite;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * One write of one table on the writer's own connection, which holds the writer lock.
 *
 * <p>Where DDL is transactional, {@link #create} opens the transaction ({@code BEGIN IMMEDIATE} on
 * SQLite, which is also its writer lock) and {@link #publish} commits staging, rename and record
 * together: a killed writer leaves nothing. On MariaDB the staging table exists from
 * {@link #create} on, and is dropped on close or swept by the next writer under the lock.
 */
final class JdbcTableWrite implements TableWrite {
    private final JdbcTableStore store;
    private final Dialect dialect;
    private final Connection c;
    private final TableLocation location;
    private final TableName target;
    private final TableName staging;
    private final String handleId;
    private final DbOptions options;
    private boolean created;
    /** The schema given to {@link #create}; the record keeps its types, which the engine's may only approximate. */
    private Schema written;
    private boolean published;
    private boolean closed;
    private long rows;

    JdbcTableWrite(JdbcTableStore store, Connection c, TableLocation location, TableName target, String handleId,
            DbOptions options) {
        this.store = store;
        this.dialect = store.dialect;
        this.c = c;
        this.location = location;
        this.target = target;
        this.staging = target.sibling(Staging.newName(target));
        this.handleId = handleId;
        this.options = options;
    }

    @Override
    public TableLocation staging() {
        return location.withTable(staging.toString());
    }

    @Override
    public void create(Schema schema) throws IOException {
        requireOpen();
        if (created) {
            throw new IllegalStateException("the staging table of " + location + " is already created");
        }
        if (schema.size() == 0) {
            throw new DataFormatException("a table needs at least one column", location.uri(), -1, -1);
        }
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(dialect.quote(staging)).append(" (");
        for (int i = 0; i < schema.size(); i++) {
            Field f = schema.field(i);
            String type = dialect.sqlType(f.type()).orElseThrow(() -> new DataFormatException("column '" + f.name()
                    + "' has type " + f.type().typeName() + ", which " + dialect.engine() + " tables cannot hold"
                    + " (see docs/databases.md for the mapping)", location.uri(), -1, -1));
            ddl.append(i == 0 ? "" : ", ").append(dialect.quote(f.name())).append(' ').append(type);
        }
        ddl.append(')');
        try {
            if (dialect.transactionalDdl()) {
                c.setAutoCommit(false);
                requireTargetAbsent(); // on SQLite a racing writer may have committed while we waited for the lock
            }
            Dialect.exec(c, ddl.toString());
            created = true;
            written = schema;
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot create staging table for " + location, location.uri(), e);
        }
    }

    @Override
    public void append(Table batch) throws IOException {
        requireOpen();
        if (!created) {
            throw new IllegalStateException("create the staging table of " + location + " first");
        }
        try {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false); // MariaDB: one transaction per batch, not per row
            }
            dialect.load(c, staging, batch, options.bulk(), options.batchSize());
            if (autoCommit) {
                c.commit();
                c.setAutoCommit(true);
            }
            rows += batch.rowCount();
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot write rows " + (rows + 1) + ".." + (rows + batch.rowCount())
                    + " of " + location, location.uri(), e);
        }
    }

    @Override
    public void publish() throws IOException {
        requireOpen();
        if (published) {
            throw new IllegalStateException(location + " is already published");
        }
        try {
            if (!created) {
                // an external tool made and filled the staging table on its own connection
                if (dialect.transactionalDdl()) {
                    c.setAutoCommit(false);
                }
                if (dialect.identity(c, staging).isEmpty()) {
                    throw new IOException("cannot publish " + location + ": the external tool did not create the"
                            + " staging table " + staging());
                }
                rows = store.count(c, staging);
            }
            if (dialect.transactionalDdl()) {
                requireTargetAbsent();
            } else {
                c.setAutoCommit(true);
            }
            try {
                dialect.rename(c, staging, target);
            } catch (SQLException e) {
                if (dialect.isTableExists(e)) {
                    throw new AlreadyProducedException("table " + location + " appeared while it was being written");
                }
                throw e;
            }
            String identity = dialect.identity(c, target).orElseThrow(() ->
                    new SQLException("table " + target + " is missing right after its rename", "XX000"));
            List<ColumnInfo> columns = withWrittenTypes(store.columns(c, dialect.quote(target)));
            if (!created) {
                rows = store.count(c, target);
            }
            store.records.put(c, target, new Records.Row(target.name(), handleId, identity, rows, columns,
                    Instant.now(), store.writer));
            if (!c.getAutoCommit()) {
                c.commit();
            }
            published = true;
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot publish " + location, location.uri(), e);
        }
    }

    private List<ColumnInfo> withWrittenTypes(List<ColumnInfo> columns) {
        if (written == null || written.size() != columns.size()) {
            return columns;
        }
        List<ColumnInfo> out = new java.util.ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ColumnInfo ci = columns.get(i);
            out.add(new ColumnInfo(ci.name(), written.field(i).type().typeName(), ci.sqlType()));
        }
        return out;
    }

    private void requireTargetAbsent() throws SQLException {
        if (dialect.identity(c, target).isPresent()) {
            throw new AlreadyProducedException("table " + location + " already exists; delete it first");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!published) {
                if (!c.getAutoCommit()) {
                    try {
                        c.rollback();
                    } catch (SQLException alreadyRolledBack) {
                        // SQLite ends a transaction itself on a full disk; nothing is left to roll back
                    }
                    c.setAutoCommit(true);
                }
                Optional<String> left = dialect.identity(c, staging);
                if (left.isPresent()) {
                    Dialect.exec(c, "DROP TABLE IF EXISTS " + dialect.quote(staging));
                }
            }
            dialect.unlock(c, target);
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot end the write of " + location, location.uri(), e);
        } finally {
            JdbcTableStore.closeQuietly(c);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the write of " + location + " is closed");
        }
    }
}
