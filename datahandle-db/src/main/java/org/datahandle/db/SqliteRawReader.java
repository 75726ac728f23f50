package org.datahandle.db;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.datahandle.spi.TableLocation;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.Schema;
import org.datahandle.table.StringColumn;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;
import org.sqlite.core.SafeStmtPtr;

/**
 * An SQLite table read through the driver's own column calls ({@code sqlite3_step},
 * {@code sqlite3_column_type}, {@code sqlite3_column_int64}...) on the statement, one lock per row,
 * instead of the result set's {@code getObject}: that boxed every cell, took the driver's lock twice
 * per cell and decoded text to a {@code String} only to encode it again. Text arrives as its UTF-8
 * bytes and goes into the column as they are (checked: non-ASCII text is decoded like the driver
 * does, invalid bytes replaced).
 *
 * <p>A cell whose storage class is the one its column expects takes the direct path; any other
 * cell becomes the object the driver's {@code getObject} would return and goes through
 * {@link SqliteDialect#append}, so type checks and errors are the same as on the result-set path.
 */
final class SqliteRawReader extends RowReader {
    private static final int SQLITE_ROW = 100;
    private static final int SQLITE_DONE = 101;
    private static final int INTEGER = 1;
    private static final int FLOAT = 2;
    private static final int TEXT = 3;
    private static final int BLOB = 4;
    private static final int NULL = 5;

    private final Connection connection;
    private final PreparedStatement statement;
    private final SafeStmtPtr pointer;
    private final DataType[] types;
    private final String[] names;
    private final SafeStmtPtr.SafePtrIntFunction<SQLException> step = this::row;
    private Column.Builder[] target;

    private SqliteRawReader(Connection connection, PreparedStatement statement, Schema schema, int fetchSize,
            TableLocation location) throws SQLException {
        super(schema, fetchSize, location);
        this.connection = connection;
        this.statement = statement;
        this.pointer = statement.unwrap(CoreStatement.class).pointer;
        this.types = new DataType[schema.size()];
        this.names = new String[schema.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = schema.field(i).type();
            names[i] = schema.field(i).name();
        }
    }

    /**
     * The reader, or empty when a column has no declared type: then its type follows the first
     * row's values, which only the result-set path sees.
     */
    static Optional<RowReader> open(Connection c, String quotedTable, Schema schema, List<String> declared,
            int fetchSize, TableLocation location) throws SQLException {
        if (declared.stream().anyMatch(t -> t == null || t.isBlank()) || !c.isWrapperFor(org.sqlite.SQLiteConnection.class)) {
            return Optional.empty();
        }
        PreparedStatement ps = c.prepareStatement("SELECT * FROM " + quotedTable);
        try {
            return Optional.of(new SqliteRawReader(c, ps, schema, fetchSize, location));
        } catch (SQLException | RuntimeException e) {
            JdbcTableStore.closeQuietly(ps);
            throw e;
        }
    }

    @Override
    boolean readRow(Column.Builder[] into) throws SQLException {
        target = into;
        return pointer.safeRunInt(step) == 1;
    }

    /** One row, under the driver's lock on the database; 0 at the end. */
    private int row(DB db, long p) throws SQLException {
        int rc = db.step(p);
        if (rc == SQLITE_DONE) {
            return 0;
        }
        if (rc != SQLITE_ROW) {
            db.throwex(rc);
        }
        for (int i = 0; i < types.length; i++) {
            Column.Builder into = target[i];
            int storage = db.column_type(p, i);
            if (storage == NULL) {
                into.appendNull();
                continue;
            }
            DataType type = types[i];
            if (type == DataType.INT64 && storage == INTEGER) {
                ((LongColumn.Builder) into).append(db.column_long(p, i));
            } else if (type == DataType.INT32 && storage == INTEGER) {
                long v = db.column_long(p, i);
                if (v != (int) v) {
                    throw SqliteDialect.mismatch(v, type, names[i], null);
                }
                ((IntColumn.Builder) into).append((int) v);
            } else if (type == DataType.FLOAT64 && storage == FLOAT) {
                ((DoubleColumn.Builder) into).append(db.column_double(p, i));
            } else if (type == DataType.FLOAT32 && storage == FLOAT) {
                ((FloatColumn.Builder) into).append((float) db.column_double(p, i));
            } else if (type == DataType.STRING && storage == TEXT) {
                byte[] utf8 = text(db, p, i);
                if (ascii(utf8)) {
                    ((StringColumn.Builder) into).appendUtf8(utf8, 0, utf8.length);
                } else {
                    ((StringColumn.Builder) into).append(new String(utf8, UTF_8)); // invalid bytes become U+FFFD
                }
            } else if (type == DataType.DATE && storage == TEXT) {
                byte[] utf8 = text(db, p, i);
                int day = isoDay(utf8);
                if (day == Integer.MIN_VALUE) {
                    SqliteDialect.append(new String(utf8, UTF_8), type, into, names[i]);
                } else {
                    ((IntColumn.Builder) into).append(day);
                }
            } else {
                SqliteDialect.append(object(db, p, i, storage), type, into, names[i]);
            }
        }
        return 1;
    }

    /** A text cell's bytes: {@code sqlite3_column_blob} on text gives its UTF-8 without making a String. */
    private static byte[] text(DB db, long p, int i) throws SQLException {
        byte[] b = db.column_blob(p, i);
        return b == null ? new byte[0] : b;
    }

    /** What the driver's {@code getObject} returns for this storage class. */
    private static Object object(DB db, long p, int i, int storage) throws SQLException {
        return switch (storage) {
            case INTEGER -> {
                long v = db.column_long(p, i);
                yield v == (int) v ? (Object) (int) v : (Object) v;
            }
            case FLOAT -> db.column_double(p, i);
            case BLOB -> {
                byte[] b = db.column_blob(p, i);
                yield b == null ? new byte[0] : b;
            }
            default -> db.column_text(p, i);
        };
    }

    private static boolean ascii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code YYYY-MM-DD} as an epoch day, or {@link Integer#MIN_VALUE} for anything else (then the general parser decides). */
    private static int isoDay(byte[] b) {
        if (b.length != 10 || b[4] != '-' || b[7] != '-') {
            return Integer.MIN_VALUE;
        }
        int y = digits(b, 0, 4);
        int m = digits(b, 5, 7);
        int d = digits(b, 8, 10);
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > 28 && d > java.time.YearMonth.of(y, m).lengthOfMonth()) {
            return Integer.MIN_VALUE;
        }
        return (int) java.time.LocalDate.of(y, m, d).toEpochDay();
    }

    private static int digits(byte[] b, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    @Override
    void release() {
        JdbcTableStore.closeQuietly(statement);
        JdbcTableStore.closeQuietly(connection);
    }
}
