package org.datahandle.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.datahandle.table.Table;

/**
 * MariaDB's bulk loader, {@code LOAD DATA LOCAL INFILE}, fed from memory: each chunk of rows as
 * tab-separated text through the driver's {@code setLocalInfileInputStream}, never a file.
 *
 * <p>With {@code LOCAL} the server cannot stop the client mid-file, so a value that does not fit
 * becomes a warning and a silently changed value instead of an error. Every chunk is therefore
 * followed by {@code SHOW WARNINGS}, and any warning is an error (SQLState 22000): the write fails
 * before anything is published, exactly as a strict batch insert would.
 */
final class MariaDbLoadData {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private MariaDbLoadData() {}

    /** True when the server or driver refuses LOCAL INFILE (then batches take over). */
    static boolean isRefused(SQLException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return e.getErrorCode() == 1148 || e.getErrorCode() == 4166 || e.getErrorCode() == 3948
                || m.contains("local infile") || m.contains("load data local") || m.contains("not allowed");
    }

    static void load(MariaDbDialect dialect, Connection c, TableName table, Table batch, int chunkRows)
            throws SQLException {
        StringBuilder columns = new StringBuilder();
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < batch.columnCount(); i++) {
            String name = dialect.quote(batch.schema().field(i).name());
            if (batch.schema().field(i).type() == DataType.BINARY) {
                columns.append(i == 0 ? "" : ", ").append("@v").append(i);
                set.append(set.length() == 0 ? " SET " : ", ").append(name).append(" = UNHEX(@v").append(i).append(')');
            } else {
                columns.append(i == 0 ? "" : ", ").append(name);
            }
        }
        String sql = "LOAD DATA LOCAL INFILE 'datahandle.tsv' INTO TABLE " + dialect.quote(table)
                + " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                + columns + ")" + set;
        {
            // one LOAD DATA per batch, its text made chunkRows rows at a time as the driver sends it
            try (Statement s = c.createStatement()) {
                s.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(
                        new RowTextStream((out, from, to) -> tsv(out, batch, from, to), batch.rowCount(), chunkRows));
                s.execute(sql);
                try (ResultSet w = s.executeQuery("SHOW WARNINGS LIMIT 3")) {
                    StringBuilder problems = new StringBuilder();
                    while (w.next()) {
                        if (!"Note".equalsIgnoreCase(w.getString(1))) {
                            problems.append(problems.length() == 0 ? "" : "; ").append(w.getString(3));
                        }
                    }
                    if (problems.length() > 0) {
                        throw new SQLException(problems.toString(), "22000");
                    }
                }
            }
        }
    }

    private static void tsv(StringBuilder sb, Table t, int from, int to) {
        for (int row = from; row < to; row++) {
            for (int col = 0; col < t.columnCount(); col++) {
                if (col > 0) {
                    sb.append('\t');
                }
                Column c = t.column(col);
                if (c.isNull(row)) {
                    sb.append("\\N");
                } else {
                    append(sb, c, row);
                }
            }
            sb.append('\n');
        }
    }

    private static void append(StringBuilder sb, Column column, int row) {
        DataType type = column.type();
        if (type instanceof DataType.Decimal) {
            sb.append(((DecimalColumn) column).getDecimal(row).toPlainString());
            return;
        }
        if (type instanceof DataType.Timestamp t) {
            long micros = ((LongColumn) column).getLong(row);
            LocalDateTime local = t.utc() ? LocalDateTime.ofInstant(LongColumn.instantOfMicros(micros), ZoneOffset.UTC)
                    : LongColumn.localOfMicros(micros);
            sb.append(DATETIME.format(local));
            return;
        }
        switch ((DataType.Primitive) type) {
            case BOOLEAN -> sb.append(((BooleanColumn) column).getBoolean(row) ? '1' : '0');
            case INT32 -> sb.append(((IntColumn) column).getInt(row));
            case INT64 -> sb.append(((LongColumn) column).getLong(row));
            // the float's exact value as a double: the server parses a double and narrows it, and the
            // shortest float text ("3.4028235E38") would be out of range as a double
            case FLOAT32 -> sb.append((double) ((FloatColumn) column).getFloat(row));
            case FLOAT64 -> sb.append(((DoubleColumn) column).getDouble(row));
            case STRING -> escape(sb, ((StringColumn) column).getString(row));
            case DATE -> sb.append(((IntColumn) column).getDate(row));
            case BINARY -> {
                for (byte b : ((BinaryColumn) column).getBytes(row)) {
                    sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
                }
            }
        }
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\0' -> sb.append("\\0");
                default -> sb.append(ch);
            }
        }
    }
}
