package org.datahandle.db;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import org.datahandle.table.BinaryColumn;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DecimalColumn;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.StringColumn;
import org.datahandle.table.Table;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows into a PostgreSQL staging table through {@code COPY ... FROM STDIN (FORMAT binary)}: each
 * value in its binary receive form, written into a 64 KiB buffer that goes to the server as it
 * fills. Nothing is formatted as text and the server parses nothing, where the CSV path spent most
 * of its time on {@code Double.toString} and the server's number parsing. Strings go as the
 * column's own UTF-8 bytes. A value the column cannot hold (NUL in text, a date out of range)
 * fails the {@code COPY} with the server's SQLState, and the staging transaction rolls back.
 */
final class PostgresCopyWriter {
    private static final int BUFFER = 1 << 16;

    private final CopyIn copy;
    private final byte[] buf = new byte[BUFFER];
    private int pos;

    private PostgresCopyWriter(CopyIn copy) {
        this.copy = copy;
    }

    static void load(Connection c, String copySql, Table batch) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            PostgresCopyWriter w = new PostgresCopyWriter(copy);
            w.rows(batch);
            w.flush();
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void rows(Table t) throws SQLException {
        put(PgBinary.SIGNATURE, 0, PgBinary.SIGNATURE.length);
        room(8);
        PgBinary.INT.set(buf, pos, 0); // flags
        PgBinary.INT.set(buf, pos + 4, 0); // header extension length
        pos += 8;
        int columns = t.columnCount();
        Column[] cols = new Column[columns];
        int[] forms = new int[columns];
        ByteBuffer[] data = new ByteBuffer[columns];
        IntBuffer[] offsets = new IntBuffer[columns];
        for (int i = 0; i < columns; i++) {
            cols[i] = t.column(i);
            forms[i] = PgBinary.writeForm(cols[i].type());
            if (cols[i] instanceof StringColumn s) {
                data[i] = s.dataBuffer();
                offsets[i] = s.offsetBuffer();
            } else if (cols[i] instanceof BinaryColumn b) {
                data[i] = b.dataBuffer();
                offsets[i] = b.offsetBuffer();
            }
        }
        for (int row = 0, rows = t.rowCount(); row < rows; row++) {
            room(2);
            PgBinary.SHORT.set(buf, pos, (short) columns);
            pos += 2;
            for (int col = 0; col < columns; col++) {
                Column c = cols[col];
                if (c.isNull(row)) {
                    room(4);
                    PgBinary.INT.set(buf, pos, -1);
                    pos += 4;
                    continue;
                }
                switch (forms[col]) {
                    case PgBinary.BOOL -> {
                        room(5);
                        PgBinary.INT.set(buf, pos, 1);
                        buf[pos + 4] = (byte) (((BooleanColumn) c).getBoolean(row) ? 1 : 0);
                        pos += 5;
                    }
                    case PgBinary.INT4 -> int4(((IntColumn) c).getInt(row));
                    case PgBinary.DATE -> int4(((IntColumn) c).getInt(row) - PgBinary.EPOCH_DAYS);
                    case PgBinary.INT8 -> int8(((LongColumn) c).getLong(row));
                    case PgBinary.TIMESTAMP -> int8(((LongColumn) c).getLong(row) - PgBinary.EPOCH_MICROS);
                    case PgBinary.FLOAT4 -> int4(Float.floatToRawIntBits(((FloatColumn) c).getFloat(row)));
                    case PgBinary.FLOAT8 -> int8(Double.doubleToRawLongBits(((DoubleColumn) c).getDouble(row)));
                    case PgBinary.TEXT, PgBinary.BYTEA -> {
                        int from = offsets[col].get(row);
                        int len = offsets[col].get(row + 1) - from;
                        room(4);
                        PgBinary.INT.set(buf, pos, len);
                        pos += 4;
                        put(data[col], from, len);
                    }
                    case PgBinary.NUMERIC -> {
                        byte[] n = PgBinary.encodeNumeric(((DecimalColumn) c).getDecimal(row));
                        room(4);
                        PgBinary.INT.set(buf, pos, n.length);
                        pos += 4;
                        put(n, 0, n.length);
                    }
                    default -> throw new IllegalStateException("wire form " + forms[col]);
                }
            }
        }
        room(2);
        PgBinary.SHORT.set(buf, pos, (short) -1); // the trailer
        pos += 2;
    }

    private void int4(int v) throws SQLException {
        room(8);
        PgBinary.INT.set(buf, pos, 4);
        PgBinary.INT.set(buf, pos + 4, v);
        pos += 8;
    }

    private void int8(long v) throws SQLException {
        room(12);
        PgBinary.INT.set(buf, pos, 8);
        PgBinary.LONG.set(buf, pos + 4, v);
        pos += 12;
    }

    private void put(byte[] src, int off, int len) throws SQLException {
        while (len > 0) {
            room(1);
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(src, off, buf, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    private void put(ByteBuffer src, int off, int len) throws SQLException {
        while (len > 0) {
            room(1);
            int n = Math.min(len, buf.length - pos);
            src.get(off, buf, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Sends the buffer when fewer than {@code n} bytes (at most 12) are left in it. */
    private void room(int n) throws SQLException {
        if (buf.length - pos < n) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (pos > 0) {
            copy.writeToCopy(buf, 0, pos);
            pos = 0;
        }
    }
}
