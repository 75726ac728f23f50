package org.datahandle.db;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.datahandle.table.BinaryColumn;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DecimalColumn;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.StringColumn;

/**
 * Cells between {@code Table} columns and JDBC with typed getters and setters (no boxing for
 * numbers), for engines whose columns hold what they declare (PostgreSQL, MariaDB).
 *
 * @see SqliteDialect for SQLite, whose columns may hold any type
 */
final class Values {
    private Values() {}

    /**
     * @param utcAsLocal the engine keeps a {@code timestamp} as a zone-less date-time in UTC (MariaDB
     *     {@code DATETIME}); else it has a time-zone-aware type (PostgreSQL {@code timestamptz})
     */
    static void bind(PreparedStatement ps, int i, Column column, int row, boolean utcAsLocal) throws SQLException {
        DataType type = column.type();
        if (column.isNull(row)) {
            ps.setNull(i, jdbcType(type));
            return;
        }
        if (type instanceof DataType.Decimal) {
            ps.setBigDecimal(i, ((DecimalColumn) column).getDecimal(row));
        } else if (type instanceof DataType.Timestamp t) {
            long micros = ((LongColumn) column).getLong(row);
            if (!t.utc()) {
                ps.setObject(i, LongColumn.localOfMicros(micros));
            } else if (utcAsLocal) {
                ps.setObject(i, LocalDateTime.ofInstant(LongColumn.instantOfMicros(micros), ZoneOffset.UTC));
            } else {
                ps.setObject(i, LongColumn.instantOfMicros(micros).atOffset(ZoneOffset.UTC));
            }
        } else {
            switch ((DataType.Primitive) type) {
                case BOOLEAN -> ps.setBoolean(i, ((BooleanColumn) column).getBoolean(row));
                case INT32 -> ps.setInt(i, ((IntColumn) column).getInt(row));
                case INT64 -> ps.setLong(i, ((LongColumn) column).getLong(row));
                case FLOAT32 -> ps.setFloat(i, ((FloatColumn) column).getFloat(row));
                case FLOAT64 -> ps.setDouble(i, ((DoubleColumn) column).getDouble(row));
                case STRING -> ps.setString(i, ((StringColumn) column).getString(row));
                case DATE -> ps.setObject(i, ((IntColumn) column).getDate(row));
                case BINARY -> ps.setBytes(i, ((BinaryColumn) column).getBytes(row));
            }
        }
    }

    static int jdbcType(DataType type) {
        if (type instanceof DataType.Decimal) {
            return Types.DECIMAL;
        }
        if (type instanceof DataType.Timestamp) {
            return Types.TIMESTAMP;
        }
        if (!(type instanceof DataType.Primitive p)) {
            return Types.OTHER;
        }
        return switch (p) {
            case BOOLEAN -> Types.BOOLEAN;
            case INT32 -> Types.INTEGER;
            case INT64 -> Types.BIGINT;
            case FLOAT32 -> Types.REAL;
            case FLOAT64 -> Types.DOUBLE;
            case STRING -> Types.VARCHAR;
            case DATE -> Types.DATE;
            case BINARY -> Types.VARBINARY;
        };
    }

    static void read(ResultSet rs, int i, DataType type, Column.Builder into, boolean utcAsLocal) throws SQLException {
        if (type instanceof DataType.Decimal d) {
            BigDecimal v = rs.getBigDecimal(i);
            if (v == null) {
                into.appendNull();
            } else {
                ((DecimalColumn.Builder) into).append(exact(v, d, rs, i));
            }
            return;
        }
        if (type instanceof DataType.Timestamp t) {
            LongColumn.Builder b = (LongColumn.Builder) into;
            if (!t.utc() || utcAsLocal) {
                LocalDateTime v = rs.getObject(i, LocalDateTime.class);
                if (v == null) {
                    b.appendNull();
                } else {
                    b.append(t.utc() ? LongColumn.microsOf(v.toInstant(ZoneOffset.UTC)) : LongColumn.microsOf(v));
                }
            } else {
                OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                if (v == null) {
                    b.appendNull();
                } else {
                    b.append(LongColumn.microsOf(v.toInstant()));
                }
            }
            return;
        }
        switch ((DataType.Primitive) type) {
            case BOOLEAN -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    into.appendNull();
                } else {
                    ((BooleanColumn.Builder) into).append(v);
                }
            }
            case INT32 -> {
                int v = rs.getInt(i);
                if (rs.wasNull()) {
                    into.appendNull();
                } else {
                    ((IntColumn.Builder) into).append(v);
                }
            }
            case INT64 -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    into.appendNull();
                } else {
                    ((LongColumn.Builder) into).append(v);
                }
            }
            case FLOAT32 -> {
                float v = rs.getFloat(i);
                if (rs.wasNull()) {
                    into.appendNull();
                } else {
                    ((FloatColumn.Builder) into).append(v);
                }
            }
            case FLOAT64 -> {
                double v = rs.getDouble(i);
                if (rs.wasNull()) {
                    into.appendNull();
                } else {
                    ((DoubleColumn.Builder) into).append(v);
                }
            }
            case STRING -> {
                String v = rs.getString(i);
                if (v == null) {
                    into.appendNull();
                } else {
                    ((StringColumn.Builder) into).append(v);
                }
            }
            case DATE -> {
                LocalDate v = rs.getObject(i, LocalDate.class);
                if (v == null) {
                    into.appendNull();
                } else {
                    ((IntColumn.Builder) into).appendDate(v);
                }
            }
            case BINARY -> {
                byte[] v = rs.getBytes(i);
                if (v == null) {
                    into.appendNull();
                } else {
                    ((BinaryColumn.Builder) into).append(v);
                }
            }
        }
    }

    /** A decimal at the column's scale; a value that needs rounding is an error, never silently rounded. */
    static BigDecimal exact(BigDecimal v, DataType.Decimal d, ResultSet rs, int i) throws SQLException {
        return exact(v, d, rs.getMetaData().getColumnLabel(i));
    }

    static BigDecimal exact(BigDecimal v, DataType.Decimal d, String column) throws SQLException {
        try {
            return v.setScale(d.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new SQLException("column " + column + ": value " + v + " does not fit " + d.typeName(), "22003", e);
        }
    }
}
