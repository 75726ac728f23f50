package org.datahandle.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.datahandle.spi.TableLocation;
import org.datahandle.spi.TableReader;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * PostgreSQL: transactional DDL, so stage + rename + record commit as one; advisory locks per
 * table; binary {@code COPY} both ways as the bulk path ({@link PostgresCopyWriter},
 * {@link PostgresCopyReader}); table identity = OID.
 */
final class PostgresDialect extends Dialect {
    @Override
    String engine() {
        return "postgresql";
    }

    @Override
    String jdbcUrl(TableLocation location) {
        java.net.URI db = location.database();
        return "jdbc:postgresql://" + db.getRawAuthority() + db.getRawPath();
    }

    /** {@code #schema.table}, or {@code #table} in {@code public}; split at the first dot. */
    @Override
    TableName tableName(TableLocation location) {
        String t = location.table();
        int dot = t.indexOf('.');
        return dot < 0 ? new TableName(Optional.of("public"), t)
                : new TableName(Optional.of(t.substring(0, dot)), t.substring(dot + 1));
    }

    /** For the whole session, autocommit statements included (the driver's read-only flag covers transactions only). */
    @Override
    void readOnly(Connection c) throws SQLException {
        exec(c, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
    }

    @Override
    boolean transactionalDdl() {
        return true;
    }

    @Override
    Optional<String> sqlType(DataType type) {
        if (type instanceof DataType.Decimal d) {
            return Optional.of("numeric(" + d.precision() + "," + d.scale() + ")");
        }
        if (type instanceof DataType.Timestamp t) {
            return Optional.of(t.utc() ? "timestamptz" : "timestamp");
        }
        if (!(type instanceof DataType.Primitive p)) {
            return Optional.empty();
        }
        return Optional.of(switch (p) {
            case BOOLEAN -> "boolean";
            case INT32 -> "integer";
            case INT64 -> "bigint";
            case FLOAT32 -> "real";
            case FLOAT64 -> "double precision";
            case STRING -> "text";
            case DATE -> "date";
            case BINARY -> "bytea";
        });
    }

    @Override
    Optional<DataType> typeOf(ResultSetMetaData md, int column) throws SQLException {
        String name = md.getColumnTypeName(column).toLowerCase(Locale.ROOT);
        return Optional.ofNullable(switch (name) {
            case "bool" -> DataType.BOOLEAN;
            case "int2", "int4", "serial", "smallserial" -> DataType.INT32;
            case "int8", "bigserial", "oid" -> DataType.INT64;
            case "float4" -> DataType.FLOAT32;
            case "float8" -> DataType.FLOAT64;
            case "numeric" -> {
                int p = md.getPrecision(column);
                int s = md.getScale(column);
                // unconstrained numeric (precision 0 or 1000) has no fixed scale: text keeps every digit
                yield p >= 1 && p <= 76 && s >= 0 && s <= p ? new DataType.Decimal(p, s) : DataType.STRING;
            }
            case "text", "varchar", "bpchar", "name", "json", "jsonb", "uuid", "xml", "citext" -> DataType.STRING;
            case "date" -> DataType.DATE;
            case "timestamptz" -> DataType.TIMESTAMP;
            case "timestamp" -> DataType.TIMESTAMP_LOCAL;
            case "bytea" -> DataType.BINARY;
            default -> null;
        });
    }

    @Override
    Optional<String> identity(Connection c, TableName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT c.oid FROM pg_catalog.pg_class c JOIN"
                + " pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?"
                + " AND c.relkind IN ('r', 'p')")) {
            ps.setString(1, table.schema().orElse("public"));
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of("oid:" + rs.getLong(1)) : Optional.empty();
            }
        }
    }

    @Override
    OptionalLong bytes(Connection c, TableName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_total_relation_size(c.oid) FROM"
                + " pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, table.schema().orElse("public"));
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    @Override
    boolean tryLock(Connection c, TableName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_try_advisory_lock(hashtext(?))")) {
            ps.setString(1, lockName(table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Override
    void unlock(Connection c, TableName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_advisory_unlock(hashtext(?))")) {
            ps.setString(1, lockName(table));
            ps.execute();
        }
    }

    private static String lockName(TableName table) {
        return "datahandle:" + table;
    }

    @Override
    void rename(Connection c, TableName staging, TableName target) throws SQLException {
        exec(c, "ALTER TABLE " + quote(staging) + " RENAME TO " + quote(target.name()));
    }

    @Override
    List<String> tablesLike(Connection c, TableName target, String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tablename FROM pg_catalog.pg_tables"
                + " WHERE schemaname = ? AND starts_with(tablename, ?)")) {
            ps.setString(1, target.schema().orElse("public"));
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    @Override
    void load(Connection c, TableName table, Table batch, String bulk, int batchSize) throws SQLException {
        if (bulk.equals("batch")) {
            super.load(c, table, batch, bulk, batchSize);
            return;
        }
        StringBuilder sql = new StringBuilder("COPY ").append(quote(table)).append(" (");
        for (int i = 0; i < batch.columnCount(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(batch.schema().field(i).name()));
        }
        sql.append(") FROM STDIN (FORMAT binary)");
        PostgresCopyWriter.load(c, sql.toString(), batch);
    }

    @Override
    Optional<RowReader> bulkReader(Connection c, TableName table, Schema schema, List<String> sqlTypes,
            int fetchSize, TableLocation location) throws SQLException {
        return PostgresCopyReader.open(c, quote(table), schema, sqlTypes, fetchSize, location);
    }

    @Override
    void bind(PreparedStatement ps, int index, Column column, int row) throws SQLException {
        Values.bind(ps, index, column, row, false);
    }

    @Override
    void read(ResultSet rs, int index, DataType type, Column.Builder into) throws SQLException {
        Values.read(rs, index, type, into, false);
    }

    @Override
    void prepareStreaming(Connection c) throws SQLException {
        c.setAutoCommit(false);
    }

    @Override
    boolean isTableExists(SQLException e) {
        // a racing CREATE/RENAME can also surface as a unique violation on pg_class (research B3)
        return "42P07".equals(e.getSQLState()) || "23505".equals(e.getSQLState());
    }
}
