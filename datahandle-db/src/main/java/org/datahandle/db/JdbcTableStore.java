package org.datahandle.db;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.datahandle.AlreadyProducedException;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandleException;
import org.datahandle.DiskStatus.CommitRecordState;
import org.datahandle.spi.TableCheck;
import org.datahandle.spi.TableLocation;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableStore;
import org.datahandle.spi.TableWrite;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;

/**
 * The one write-once protocol over every engine (research B3): the writer lock, a staging table,
 * a rename that fails if the target exists, and a commit record — in one transaction where DDL is
 * transactional (PostgreSQL, SQLite), in that order where it is not (MariaDB). A connection per
 * operation: no pool, nothing held between calls but a writer's own session.
 */
final class JdbcTableStore implements TableStore {
    static final String RECORDS = "_datahandle_commits";

    final Dialect dialect;
    final Connections connections;
    final Records records;
    final String writer;

    JdbcTableStore(Dialect dialect, Connections connections) {
        this.dialect = dialect;
        this.connections = connections;
        this.records = new Records(dialect);
        this.writer = ManagementFactory.getRuntimeMXBean().getName();
    }

    Connection open(TableLocation location) throws IOException {
        try {
            return connections.open(location);
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot connect to " + location.database() + " as " + connections.user(),
                    location.uri(), e);
        }
    }

    @Override
    public TableCheck check(TableLocation location, Map<String, Object> options) throws IOException {
        DbOptions o = DbOptions.of(options);
        Optional<String> missing = dialect.missingDatabase(location);
        if (missing.isPresent()) {
            return TableCheck.absent(missing.get());
        }
        try (Connection c = open(location)) {
            if (o.query().isPresent()) {
                try (Statement s = c.createStatement()) {
                    dialect.readOnly(c); // the check runs the query: it must not write either
                    s.setMaxRows(1);
                    s.executeQuery(o.query().get()).close();
                    return new TableCheck(true, CommitRecordState.ABSENT, OptionalLong.empty(), OptionalLong.empty(),
                            Optional.empty(), Optional.empty());
                } catch (SQLException e) {
                    return TableCheck.absent("the query fails: " + SqlErrors.message(e));
                }
            }
            TableName table = dialect.tableName(location);
            Optional<String> identity = dialect.identity(c, table);
            Optional<Records.Row> record = records.find(c, table);
            if (identity.isEmpty()) {
                return TableCheck.absent(record.isPresent()
                        ? "table " + table + " is gone, but its commit record remains (dropped behind our back?)"
                        : "no table " + table + " in " + location.database());
            }
            long rows = count(c, table);
            List<ColumnInfo> columns = columns(c, dialect.quote(table));
            OptionalLong bytes = dialect.bytes(c, table);
            if (record.isEmpty()) {
                return new TableCheck(true, CommitRecordState.ABSENT, OptionalLong.of(rows), bytes, Optional.empty(),
                        Optional.empty());
            }
            Optional<String> problem = compare(table, record.get(), identity.get(), rows, columns);
            return new TableCheck(true, problem.isEmpty() ? CommitRecordState.MATCHES : CommitRecordState.MISMATCH,
                    OptionalLong.of(rows), bytes, Optional.of(record.get().published()), problem);
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot check table " + location, location.uri(), e);
        }
    }

    /** What changed since the record was written, if anything. */
    private static Optional<String> compare(TableName table, Records.Row record, String identity, long rows,
            List<ColumnInfo> columns) {
        if (!record.identity().equals(identity)) {
            return Optional.of("table " + table + " was replaced since it was published (" + record.identity()
                    + " then, " + identity + " now)");
        }
        if (record.rows() != rows) {
            return Optional.of("table " + table + " has " + rows + " rows, but " + record.rows()
                    + " were published");
        }
        List<String> then = record.columns().stream().map(ci -> ci.name() + " " + ci.sqlType()).toList();
        List<String> now = columns.stream().map(ci -> ci.name() + " " + ci.sqlType()).toList();
        if (!then.equals(now)) {
            return Optional.of("the columns of table " + table + " changed since it was published: " + then
                    + " then, " + now + " now");
        }
        return Optional.empty();
    }

    long count(Connection c, TableName table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + dialect.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The columns of a table or query, as the record keeps them. */
    List<ColumnInfo> columns(Connection c, String from) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(dialect.emptySelect(from))) {
            ResultSetMetaData md = rs.getMetaData();
            List<ColumnInfo> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String type = dialect.typeOf(md, i).map(DataType::typeName).orElse("?");
                out.add(new ColumnInfo(md.getColumnLabel(i), type, dialect.sqlTypeOf(md, i)));
            }
            return out;
        }
    }

    @Override
    public TableReader openReader(TableLocation location, Map<String, Object> options) throws IOException {
        DbOptions o = DbOptions.of(options);
        Optional<String> missing = dialect.missingDatabase(location);
        if (missing.isPresent()) {
            throw new IOException("cannot read " + location + ": " + missing.get());
        }
        Connection c;
        try {
            c = connections.open(location);
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot connect to " + location.database() + " as " + connections.user(),
                    location.uri(), e);
        }
        PreparedStatement ps = null;
        try {
            Optional<Records.Row> record = Optional.empty();
            String sql;
            if (o.query().isPresent()) {
                sql = o.query().get();
                dialect.readOnly(c);
            } else {
                TableName table = dialect.tableName(location);
                record = records.find(c, table);
                sql = "SELECT * FROM " + dialect.quote(table);
                if (!o.bulk().equals("batch")) {
                    dialect.prepareStreaming(c);
                    Optional<RowReader> bulk = bulkReader(c, table, record, o, location);
                    if (bulk.isPresent()) {
                        return bulk.get().expectRows(record.map(Records.Row::rows).orElse(0L));
                    }
                }
            }
            dialect.prepareStreaming(c);
            ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(o.fetchSize());
            ResultSet rs = ps.executeQuery();
            Schema schema = schema(rs.getMetaData(), record, location);
            return new ResultSetReader(c, ps, rs, schema, dialect, o.fetchSize(), location)
                    .expectRows(record.map(Records.Row::rows).orElse(0L));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(ps);
            closeQuietly(c);
            if (e instanceof SQLException s) {
                throw SqlErrors.translate("cannot read " + location, location.uri(), s);
            }
            throw (RuntimeException) e;
        }
    }

    /** The engine's export reader of a table, if it has one for these columns. */
    private Optional<RowReader> bulkReader(Connection c, TableName table, Optional<Records.Row> record,
            DbOptions o, TableLocation location) throws SQLException {
        Schema schema;
        List<String> sqlTypes = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(dialect.emptySelect(dialect.quote(table)))) {
            ResultSetMetaData md = rs.getMetaData();
            schema = schema(md, record, location);
            for (int i = 1; i <= md.getColumnCount(); i++) {
                sqlTypes.add(md.getColumnTypeName(i));
            }
        }
        return dialect.bulkReader(c, table, schema, sqlTypes, o.fetchSize(), location);
    }

    /**
     * The result's schema: each column's type from the engine's, or the recorded type where the
     * engine's type is still what was recorded (a MariaDB {@code DATETIME} written from a UTC
     * {@code timestamp} reads as a {@code timestamp}).
     */
    private Schema schema(ResultSetMetaData md, Optional<Records.Row> record, TableLocation location)
            throws SQLException {
        List<Field> fields = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = md.getColumnLabel(i);
            String sqlType = dialect.sqlTypeOf(md, i);
            Optional<DataType> recorded = Optional.empty();
            if (record.isPresent() && record.get().columns().size() == md.getColumnCount()) {
                ColumnInfo ci = record.get().columns().get(i - 1);
                if (ci.name().equals(name) && ci.sqlType().equals(sqlType)) {
                    recorded = DataTypes.parse(ci.type());
                }
            }
            Optional<DataType> type = recorded.isPresent() ? recorded : dialect.typeOf(md, i);
            if (type.isEmpty()) {
                throw new DataFormatException("column '" + name + "' of " + location + " has " + dialect.engine()
                        + " type " + sqlType + ", which has no DataHandle type (see docs/databases.md for the"
                        + " mapping); cast it in a query (disk.options.query)", location.uri(), -1, -1);
            }
            fields.add(Field.of(name, type.get()));
        }
        return Schema.of(fields);
    }

    @Override
    public TableWrite beginWrite(TableLocation location, String handleId, Map<String, Object> options)
            throws IOException {
        DbOptions o = DbOptions.of(options);
        requireWritable(o);
        TableName table = dialect.tableName(location);
        dialect.prepareWrite(location);
        Connection c = open(location);
        boolean locked = false;
        try {
            records.ensureTable(c, table);
            if (!dialect.tryLock(c, table)) {
                throw new AlreadyProducedException("table " + location + " is being written by another writer");
            }
            locked = true;
            if (dialect.identity(c, table).isPresent()) {
                throw new AlreadyProducedException("table " + location + " already exists; delete it first");
            }
            if (!(dialect instanceof SqliteDialect)) {
                // under the lock no other writer of this table is staging: what is there, a killed writer left
                for (String stale : dialect.tablesLike(c, table, Staging.prefix(table))) {
                    Dialect.exec(c, "DROP TABLE IF EXISTS " + dialect.quote(table.sibling(stale)));
                }
            }
            return new JdbcTableWrite(this, c, location, table, handleId, o);
        } catch (SQLException | RuntimeException e) {
            if (locked) {
                try {
                    dialect.unlock(c, table);
                } catch (SQLException ignored) {
                    // the lock dies with the session, closed below
                }
            }
            closeQuietly(c);
            if (e instanceof SQLException s) {
                throw SqlErrors.translate("cannot begin writing " + location, location.uri(), s);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public void delete(TableLocation location, Map<String, Object> options) throws IOException {
        requireWritable(DbOptions.of(options));
        TableName table = dialect.tableName(location);
        if (dialect.missingDatabase(location).isPresent()) {
            return;
        }
        try (Connection c = open(location)) {
            if (!dialect.tryLock(c, table)) {
                throw new AlreadyProducedException("cannot delete table " + location + " while another writer is"
                        + " writing it");
            }
            try {
                if (dialect.transactionalDdl()) {
                    c.setAutoCommit(false);
                }
                // the table first: a crash before the record goes leaves a record without a table, not produced
                Dialect.exec(c, "DROP TABLE IF EXISTS " + dialect.quote(table));
                records.delete(c, table);
                for (String stale : dialect.tablesLike(c, table, Staging.prefix(table))) {
                    Dialect.exec(c, "DROP TABLE IF EXISTS " + dialect.quote(table.sibling(stale)));
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                dialect.unlock(c, table);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot delete table " + location, location.uri(), e);
        }
    }

    private static void requireWritable(DbOptions o) {
        if (o.query().isPresent()) {
            throw new DataHandleException("it is a query (disk.options.query), so it is read-only: it cannot be"
                    + " written or deleted");
        }
    }

    @Override
    public void close() {
        // nothing is held between calls
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing after a failure; the first failure is what the caller sees
        }
    }

    @Override
    public String toString() {
        return "table store " + dialect.engine();
    }
}
