package org.datahandle.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.datahandle.spi.TableLocation;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.Table;

/**
 * MariaDB (and MySQL through the same driver): DDL commits implicitly, so the protocol is
 * {@code GET_LOCK}, stage, {@code RENAME TABLE} (atomic, and it fails if the target exists), then
 * the record; {@code LOAD DATA LOCAL INFILE} fed from memory as the bulk path (bulk batches when the
 * server refuses it); table
 * identity = its creation time plus a random mark in its comment, which a drop and re-create, a copy or a
 * {@code TRUNCATE} changes.
 * A {@code timestamp} is kept as {@code DATETIME(6)} in UTC ({@code TIMESTAMP} ends in 2038).
 */
final class MariaDbDialect extends Dialect {

    @Override
    String engine() {
        return "mariadb";
    }

    @Override
    String jdbcUrl(TableLocation location) {
        java.net.URI db = location.database();
        return "jdbc:mariadb://" + db.getRawAuthority() + db.getRawPath();
    }

    @Override
    void readOnly(Connection c) throws SQLException {
        exec(c, "SET SESSION TRANSACTION READ ONLY");
    }

    @Override
    TableName tableName(TableLocation location) {
        return new TableName(Optional.empty(), location.table());
    }

    @Override
    String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot hold a NUL character");
        }
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    boolean transactionalDdl() {
        return false;
    }

    @Override
    Optional<String> sqlType(DataType type) {
        if (type instanceof DataType.Decimal d) {
            return d.precision() <= 65 && d.scale() <= 30 ? Optional.of("DECIMAL(" + d.precision() + "," + d.scale() + ")")
                    : Optional.empty();
        }
        if (type instanceof DataType.Timestamp) {
            return Optional.of("DATETIME(6)");
        }
        if (!(type instanceof DataType.Primitive p)) {
            return Optional.empty();
        }
        return Optional.of(switch (p) {
            case BOOLEAN -> "BOOLEAN";
            case INT32 -> "INT";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case STRING -> "LONGTEXT CHARACTER SET utf8mb4"; // whatever the database's default
            case DATE -> "DATE";
            case BINARY -> "LONGBLOB";
        });
    }

    @Override
    Optional<DataType> typeOf(ResultSetMetaData md, int column) throws SQLException {
        String name = md.getColumnTypeName(column).toUpperCase(Locale.ROOT);
        boolean unsigned = name.contains("UNSIGNED");
        return Optional.ofNullable(switch (md.getColumnType(column)) {
            case Types.BIT, Types.BOOLEAN -> md.getPrecision(column) <= 1 ? DataType.BOOLEAN : DataType.BINARY;
            case Types.TINYINT, Types.SMALLINT -> DataType.INT32;
            case Types.INTEGER -> unsigned ? DataType.INT64 : DataType.INT32;
            case Types.BIGINT -> unsigned ? new DataType.Decimal(20, 0) : DataType.INT64;
            case Types.REAL -> DataType.FLOAT32;
            case Types.FLOAT, Types.DOUBLE -> DataType.FLOAT64;
            case Types.DECIMAL, Types.NUMERIC -> new DataType.Decimal(Math.max(1, md.getPrecision(column)),
                    md.getScale(column));
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR,
                    Types.LONGNVARCHAR, Types.NCLOB -> DataType.STRING;
            case Types.DATE -> name.equals("YEAR") ? DataType.INT32 : DataType.DATE;
            case Types.TIMESTAMP -> name.equals("TIMESTAMP") ? DataType.TIMESTAMP : DataType.TIMESTAMP_LOCAL;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                    name.contains("GEOMETRY") || name.contains("POINT") || name.contains("POLYGON")
                            || name.contains("LINESTRING") ? null : DataType.BINARY;
            default -> null;
        });
    }

    @Override
    Optional<String> identity(Connection c, TableName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CREATE_TIME, TABLE_COMMENT FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'")) {
            ps.setString(1, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of("created:" + rs.getString(1) + ",mark:" + rs.getString(2))
                        : Optional.empty();
            }
        }
    }

    @Override
    OptionalLong bytes(Connection c, TableName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
            ps.setString(1, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    @Override
    boolean tryLock(Connection c, TableName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            ps.setString(1, lockName(c, table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    @Override
    void unlock(Connection c, TableName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            ps.setString(1, lockName(c, table));
            ps.execute();
        }
    }

    /** Lock names are limited to 64 characters: a hash of database and table. */
    private static String lockName(Connection c, TableName table) throws SQLException {
        return "datahandle:" + Staging.hash(c.getCatalog() + "." + table.name()) + Staging.hash(table.name());
    }

    @Override
    void rename(Connection c, TableName staging, TableName target) throws SQLException {
        // creation time has one-second resolution: a random mark in the table comment tells a copy made
        // within the same second from the published table (a metadata-only change in InnoDB)
        exec(c, "ALTER TABLE " + quote(staging) + " COMMENT = 'datahandle:" + Staging.hash(staging.name()
                + System.nanoTime()) + "'");
        exec(c, "RENAME TABLE " + quote(staging) + " TO " + quote(target));
    }

    @Override
    List<String> tablesLike(Connection c, TableName target, String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND LEFT(TABLE_NAME, ?) = ?")) {
            ps.setInt(1, prefix.length());
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** Set once the server or driver refuses {@code LOAD DATA LOCAL}: batches from then on. */
    private volatile boolean loadDataRefused;

    /** {@code LOAD DATA LOCAL INFILE} from memory (about twice the rows per second of bulk batches), else batches. */
    @Override
    void load(Connection c, TableName table, Table batch, String bulk, int batchSize) throws SQLException {
        if (bulk.equals("batch") || bulk.equals("copy") || loadDataRefused) {
            super.load(c, table, batch, bulk, batchSize);
            return;
        }
        try {
            MariaDbLoadData.load(this, c, table, batch, batchSize);
        } catch (SQLException e) {
            if (!MariaDbLoadData.isRefused(e)) {
                throw e;
            }
            loadDataRefused = true; // a refused LOAD DATA inserted nothing
            super.load(c, table, batch, bulk, batchSize);
        }
    }

    @Override
    void bind(PreparedStatement ps, int index, Column column, int row) throws SQLException {
        Values.bind(ps, index, column, row, true);
    }

    @Override
    void read(ResultSet rs, int index, DataType type, Column.Builder into) throws SQLException {
        Values.read(rs, index, type, into, true);
    }

    @Override
    boolean isTableExists(SQLException e) {
        return e.getErrorCode() == 1050 || "42S01".equals(e.getSQLState());
    }
}
