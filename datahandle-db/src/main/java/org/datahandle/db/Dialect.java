package org.datahandle.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.datahandle.spi.TableLocation;
import org.datahandle.spi.TableReader;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * What differs between engines: how a location becomes a JDBC URL and a table name, identifier
 * quoting, the type mapping both ways, the writer lock, the table's identity, and the bulk path.
 * {@link JdbcTableStore} runs the same protocol over every dialect.
 */
abstract class Dialect {

    /** The engine's name ({@code sqlite}, {@code postgresql}, {@code mariadb}). */
    abstract String engine();

    /** The JDBC URL of the location's database, without credentials. */
    abstract String jdbcUrl(TableLocation location);

    /** The table named by the location's fragment. */
    abstract TableName tableName(TableLocation location);

    /** Why the database itself is not there (an SQLite file not yet made), so a check does not create it. */
    Optional<String> missingDatabase(TableLocation location) {
        return Optional.empty();
    }

    /** Makes what a first write needs outside the database (an SQLite file's folder). */
    void prepareWrite(TableLocation location) throws java.io.IOException {}

    /** Where the commit records of a table's database live. */
    TableName recordTable(TableName table) {
        return table.sibling(JdbcTableStore.RECORDS);
    }

    /** An identifier as SQL: quoted, quotes inside doubled, never raw. */
    String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot hold a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    final String quote(TableName name) {
        return name.schema().map(s -> quote(s) + ".").orElse("") + quote(name.name());
    }

    /** Whether DDL is transactional (PostgreSQL, SQLite): then stage, rename and record commit together. */
    abstract boolean transactionalDdl();

    /** The column type for a DataHandle type, or empty when the engine has none. */
    abstract Optional<String> sqlType(DataType type);

    /** The DataHandle type of a result column, or empty when there is none. */
    abstract Optional<DataType> typeOf(ResultSetMetaData md, int column) throws SQLException;

    /** The engine type of a result column as the record keeps it. */
    String sqlTypeOf(ResultSetMetaData md, int column) throws SQLException {
        String name = md.getColumnTypeName(column);
        int type = md.getColumnType(column);
        if (type == java.sql.Types.DECIMAL || type == java.sql.Types.NUMERIC) {
            return name + "(" + md.getPrecision(column) + "," + md.getScale(column) + ")";
        }
        return name;
    }

    /** The table's identity, which survives a rename but not a drop and re-create; empty when it does not exist. */
    abstract Optional<String> identity(Connection c, TableName table) throws SQLException;

    /** The engine's estimate of the table's bytes on disk. */
    OptionalLong bytes(Connection c, TableName table) throws SQLException {
        return OptionalLong.empty();
    }

    /**
     * Takes the writer lock of a table on this session; false when another session holds it. The
     * lock dies with the session, so a killed writer never leaves it behind.
     */
    abstract boolean tryLock(Connection c, TableName table) throws SQLException;

    /** Releases {@link #tryLock}. */
    abstract void unlock(Connection c, TableName table) throws SQLException;

    /** Renames staging to target; fails if the target exists. */
    abstract void rename(Connection c, TableName staging, TableName target) throws SQLException;

    /** Names of tables in the target's schema that start with {@code prefix}. */
    abstract List<String> tablesLike(Connection c, TableName target, String prefix) throws SQLException;

    /** Loads rows into a table through the engine's fast path; {@code bulk} is the option's value. */
    void load(Connection c, TableName table, Table batch, String bulk, int batchSize) throws SQLException {
        BatchLoader.load(this, c, quote(table), batch, batchSize);
    }

    /**
     * A reader of a whole table through the engine's own export stream instead of a result set, or
     * empty when the engine has none or a column's type needs the result set. {@code sqlTypes} are
     * the engine's column types, {@code schema} the types to read them as.
     */
    Optional<RowReader> bulkReader(Connection c, TableName table, Schema schema, List<String> sqlTypes,
            int fetchSize, TableLocation location) throws SQLException {
        return Optional.empty();
    }

    /** Binds one cell for a batch insert. */
    abstract void bind(PreparedStatement ps, int index, Column column, int row) throws SQLException;

    /** Reads one cell of a result into a column builder. */
    abstract void read(ResultSet rs, int index, DataType type, Column.Builder into) throws SQLException;

    /** Makes a session read-only, for {@code query} handles: a query that writes fails instead. */
    void readOnly(Connection c) throws SQLException {
        c.setReadOnly(true);
    }

    /** Prepares a connection for a streaming read (PostgreSQL streams only outside autocommit). */
    void prepareStreaming(Connection c) throws SQLException {}

    /** True when an error says the target table already exists (the loser of a publish race). */
    abstract boolean isTableExists(SQLException e);

    /** A statement that returns no rows, to read a result's columns. */
    String emptySelect(String from) {
        return "SELECT * FROM " + from + " WHERE 1=0";
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
