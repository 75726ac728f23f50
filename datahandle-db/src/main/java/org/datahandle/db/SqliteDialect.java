package org.datahandle.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datahandle.spi.TableLocation;
import org.datahandle.spi.TableReader;
import org.datahandle.table.BinaryColumn;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DecimalColumn;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.Schema;
import org.datahandle.table.StringColumn;
import org.datahandle.table.Table;

/**
 * SQLite, the embedded default: transactional DDL; the writer lock is the database's own
 * ({@code BEGIN IMMEDIATE} with a busy timeout), held from staging to commit; a multi-row
 * prepared {@code INSERT} in that one transaction as the bulk path ({@link SqliteLoader}); reads
 * through the driver's column calls ({@link SqliteRawReader}); identity = the table's root page.
 *
 * <p>SQLite columns may hold any type whatever they declare, so every cell's storage class is
 * checked: text in an {@code INT} column is an error naming the row, never a silent zero. Dates
 * and timestamps are ISO-8601 text, decimals exact text.
 */
final class SqliteDialect extends Dialect {
    private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    @Override
    String engine() {
        return "sqlite";
    }

    @Override
    String jdbcUrl(TableLocation location) {
        return "jdbc:sqlite:" + location.database().getPath();
    }

    @Override
    Optional<String> missingDatabase(TableLocation location) {
        java.nio.file.Path file = java.nio.file.Path.of(location.database().getPath());
        return java.nio.file.Files.exists(file) ? Optional.empty()
                : Optional.of("no SQLite database file " + file);
    }

    @Override
    void prepareWrite(TableLocation location) throws java.io.IOException {
        java.nio.file.Path parent = java.nio.file.Path.of(location.database().getPath()).getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
    }

    @Override
    void readOnly(Connection c) throws SQLException {
        exec(c, "PRAGMA query_only = 1");
    }

    @Override
    TableName tableName(TableLocation location) {
        return new TableName(Optional.empty(), location.table());
    }

    @Override
    boolean transactionalDdl() {
        return true;
    }

    @Override
    Optional<String> sqlType(DataType type) {
        if (type instanceof DataType.Decimal d) {
            return Optional.of("DECIMAL(" + d.precision() + "," + d.scale() + ")");
        }
        if (type instanceof DataType.Timestamp t) {
            return Optional.of(t.utc() ? "TIMESTAMP" : "DATETIME");
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
            case STRING -> "TEXT";
            case DATE -> "DATE";
            case BINARY -> "BLOB";
        });
    }

    /** The declared type only: the driver's JDBC type follows the first row's storage class, not the column. */
    @Override
    String sqlTypeOf(ResultSetMetaData md, int column) throws SQLException {
        String declared = md.getColumnTypeName(column);
        return declared == null ? "" : declared;
    }

    /** By declared type, after SQLite's own affinity rules; an expression column goes by its first value's storage class. */
    @Override
    Optional<DataType> typeOf(ResultSetMetaData md, int column) throws SQLException {
        String declared = md.getColumnTypeName(column);
        String t = declared == null ? "" : declared.trim().toUpperCase(Locale.ROOT);
        Matcher m = DECIMAL.matcher(t);
        if (m.matches()) {
            int p = Integer.parseInt(m.group(1));
            int s = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            return p >= 1 && p <= 76 && s <= p ? Optional.of(new DataType.Decimal(p, s)) : Optional.of(DataType.STRING);
        }
        switch (t) {
            case "BOOLEAN", "BOOL" -> { return Optional.of(DataType.BOOLEAN); }
            case "INT", "SMALLINT", "TINYINT", "MEDIUMINT", "INT2" -> { return Optional.of(DataType.INT32); }
            case "FLOAT" -> { return Optional.of(DataType.FLOAT32); }
            case "DATE" -> { return Optional.of(DataType.DATE); }
            case "TIMESTAMP" -> { return Optional.of(DataType.TIMESTAMP); }
            case "DATETIME" -> { return Optional.of(DataType.TIMESTAMP_LOCAL); }
            default -> { }
        }
        if (t.contains("INT")) {
            return Optional.of(DataType.INT64);
        }
        if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
            return Optional.of(DataType.STRING);
        }
        if (t.contains("BLOB")) {
            return Optional.of(DataType.BINARY);
        }
        if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") || t.contains("NUMERIC")
                || t.contains("DECIMAL")) {
            return Optional.of(DataType.FLOAT64);
        }
        if (t.isEmpty() || t.equals("NULL")) {
            return Optional.of(switch (md.getColumnType(column)) {
                case Types.INTEGER, Types.BIGINT -> DataType.INT64;
                case Types.REAL, Types.FLOAT, Types.DOUBLE, Types.NUMERIC -> DataType.FLOAT64;
                case Types.BLOB, Types.BINARY, Types.VARBINARY -> DataType.BINARY;
                default -> DataType.STRING;
            });
        }
        return Optional.empty();
    }

    @Override
    Optional<String> identity(Connection c, TableName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of("rootpage:" + rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The database's own write lock, taken by {@code BEGIN IMMEDIATE} when the write begins its transaction. */
    @Override
    boolean tryLock(Connection c, TableName table) {
        return true;
    }

    @Override
    void unlock(Connection c, TableName table) {}

    @Override
    void rename(Connection c, TableName staging, TableName target) throws SQLException {
        exec(c, "ALTER TABLE " + quote(staging) + " RENAME TO " + quote(target.name()));
    }

    @Override
    List<String> tablesLike(Connection c, TableName target, String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ?")) {
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

    @Override
    void load(Connection c, TableName table, Table batch, String bulk, int batchSize) throws SQLException {
        if (bulk.equals("batch")) {
            super.load(c, table, batch, bulk, batchSize);
        } else {
            SqliteLoader.load(this, c, quote(table), batch, batchSize);
        }
    }

    @Override
    void bind(PreparedStatement ps, int i, Column column, int row) throws SQLException {
        DataType type = column.type();
        if (column.isNull(row)) {
            ps.setNull(i, Types.NULL);
        } else if (type instanceof DataType.Decimal) {
            ps.setString(i, ((DecimalColumn) column).getDecimal(row).toPlainString());
        } else if (type instanceof DataType.Timestamp t) {
            long micros = ((LongColumn) column).getLong(row);
            ps.setString(i, t.utc() ? LongColumn.instantOfMicros(micros).toString()
                    : LongColumn.localOfMicros(micros).toString());
        } else {
            switch ((DataType.Primitive) type) {
                case BOOLEAN -> ps.setInt(i, ((BooleanColumn) column).getBoolean(row) ? 1 : 0);
                case INT32 -> ps.setInt(i, ((IntColumn) column).getInt(row));
                case INT64 -> ps.setLong(i, ((LongColumn) column).getLong(row));
                case FLOAT32 -> ps.setFloat(i, ((FloatColumn) column).getFloat(row));
                case FLOAT64 -> ps.setDouble(i, ((DoubleColumn) column).getDouble(row));
                case STRING -> ps.setString(i, ((StringColumn) column).getString(row));
                case DATE -> ps.setString(i, ((IntColumn) column).getDate(row).toString());
                case BINARY -> ps.setBytes(i, ((BinaryColumn) column).getBytes(row));
            }
        }
    }

    @Override
    Optional<RowReader> bulkReader(Connection c, TableName table, Schema schema, List<String> sqlTypes,
            int fetchSize, TableLocation location) throws SQLException {
        return SqliteRawReader.open(c, quote(table), schema, sqlTypes, fetchSize, location);
    }

    @Override
    void read(ResultSet rs, int i, DataType type, Column.Builder into) throws SQLException {
        Object v = rs.getObject(i);
        append(v, type, into, v == null ? "" : rs.getMetaData().getColumnLabel(i));
    }

    /**
     * Appends one cell as the driver's {@code getObject} gives it (Integer or Long, Double, String,
     * byte[], null), checked against the column's type; {@code column} names it in errors.
     */
    static void append(Object v, DataType type, Column.Builder into, String column) throws SQLException {
        if (v == null) {
            into.appendNull();
            return;
        }
        try {
            if (type instanceof DataType.Decimal d) {
                BigDecimal dec = v instanceof Number n && !(v instanceof Double) ? new BigDecimal(n.toString())
                        : new BigDecimal(v.toString());
                ((DecimalColumn.Builder) into).append(Values.exact(dec, d, column));
            } else if (type instanceof DataType.Timestamp t) {
                String s = text(v, type, column);
                ((LongColumn.Builder) into).append(t.utc() ? LongColumn.microsOf(instant(s))
                        : LongColumn.microsOf(LocalDateTime.parse(s.replace(' ', 'T'))));
            } else {
                switch ((DataType.Primitive) type) {
                    case BOOLEAN -> ((BooleanColumn.Builder) into).append(bool(v, column));
                    case INT32 -> ((IntColumn.Builder) into).append(Math.toIntExact(integer(v, type, column)));
                    case INT64 -> ((LongColumn.Builder) into).append(integer(v, type, column));
                    case FLOAT32 -> ((FloatColumn.Builder) into).append((float) real(v, type, column));
                    case FLOAT64 -> ((DoubleColumn.Builder) into).append(real(v, type, column));
                    case STRING -> ((StringColumn.Builder) into).append(v instanceof byte[] b
                            ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v.toString());
                    case DATE -> ((IntColumn.Builder) into).append(epochDay(text(v, type, column)));
                    case BINARY -> ((BinaryColumn.Builder) into).append(v instanceof byte[] b ? b
                            : v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        } catch (ArithmeticException | DateTimeParseException | NumberFormatException e) {
            throw mismatch(v, type, column, e);
        }
    }

    /** {@code YYYY-MM-DD} without the formatter machinery (a hash map per parse); anything else through it. */
    static int epochDay(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int y = digits(s, 0, 4);
            int m = digits(s, 5, 7);
            int d = digits(s, 8, 10);
            if (y >= 0 && m >= 1 && d >= 1) {
                try {
                    return (int) LocalDate.of(y, m, d).toEpochDay();
                } catch (java.time.DateTimeException invalid) {
                    // 2024-02-30 and the like: the parser below says why
                }
            }
        }
        return (int) LocalDate.parse(s).toEpochDay();
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Instant instant(String s) {
        String t = s.replace(' ', 'T');
        // SQLite's own CURRENT_TIMESTAMP is 'YYYY-MM-DD HH:MM:SS' in UTC, without a zone
        return t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$") ? java.time.OffsetDateTime.parse(t).toInstant()
                : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    }

    private static boolean bool(Object v, String column) throws SQLException {
        if (v instanceof Number n && (n.longValue() == 0 || n.longValue() == 1)) {
            return n.longValue() == 1;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw mismatch(v, DataType.BOOLEAN, column, null);
    }

    private static long integer(Object v, DataType type, String column) throws SQLException {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw mismatch(v, type, column, null);
    }

    private static double real(Object v, DataType type, String column) throws SQLException {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw mismatch(v, type, column, null);
    }

    private static String text(Object v, DataType type, String column) throws SQLException {
        if (v instanceof String s) {
            return s;
        }
        throw mismatch(v, type, column, null);
    }

    /** SQLState 22018: invalid character value for cast; {@link JdbcTableStore} turns it into a DataFormatException. */
    static SQLException mismatch(Object v, DataType type, String column, Exception cause) {
        String shown = v instanceof byte[] b ? "a blob of " + b.length + " bytes" : "'" + abbreviate(v.toString()) + "'";
        return new SQLException("column '" + column + "' is declared "
                + type.typeName() + " but holds " + shown, "22018", cause);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    @Override
    boolean isTableExists(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("already another table") || m.contains("already exists");
    }
}
