package org.datahandle.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.datahandle.spi.TableLocation;
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
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * A PostgreSQL table read through the server's own export, {@code COPY ... TO STDOUT (FORMAT
 * binary)}, decoded straight into column builders: no result set, no getter or object per cell.
 * {@code psql}'s {@code COPY ... TO STDOUT} is the yardstick; the result-set path cost twice its time.
 *
 * <p>The stream runs in the reader's read-only transaction, so it sees one snapshot; batches of
 * {@code fetchSize} rows are cut from it as {@link #next()} is called, and {@link #readAll()} builds
 * one table without cutting. Closing early cancels the {@code COPY}.
 */
final class PostgresCopyReader extends RowReader {
    private final Connection connection;
    private final CopyOut copy;
    private final int[] forms;
    private byte[] buf = new byte[0];
    private int pos;
    private int limit;
    private boolean started;

    private PostgresCopyReader(Connection connection, CopyOut copy, Schema schema, int[] forms, int fetchSize,
            TableLocation location) {
        super(schema, fetchSize, location);
        this.connection = connection;
        this.copy = copy;
        this.forms = forms;
    }

    /** The reader, or empty when a column's type has no binary decoder here (then the result-set path reads it). */
    static Optional<RowReader> open(Connection c, String quotedTable, Schema schema, List<String> pgTypes,
            int fetchSize, TableLocation location) throws SQLException {
        int[] forms = new int[schema.size()];
        for (int i = 0; i < forms.length; i++) {
            OptionalInt form = PgBinary.readForm(pgTypes.get(i), schema.field(i).type());
            if (form.isEmpty()) {
                return Optional.empty();
            }
            forms[i] = form.getAsInt();
        }
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + quotedTable
                + " TO STDOUT (FORMAT binary)");
        return Optional.of(new PostgresCopyReader(c, copy, schema, forms, fetchSize, location));
    }

    private void header() throws SQLException {
        ensure(PgBinary.SIGNATURE.length + 8);
        if (!Arrays.equals(buf, pos, pos + PgBinary.SIGNATURE.length, PgBinary.SIGNATURE, 0,
                PgBinary.SIGNATURE.length)) {
            throw new SQLException("the COPY stream of " + location + " does not start with the binary signature",
                    "08P01");
        }
        pos += PgBinary.SIGNATURE.length + 4; // flags: no OIDs
        int extension = (int) PgBinary.INT.get(buf, pos);
        pos += 4;
        ensure(extension);
        pos += extension;
    }

    /** Decodes one row; false at the end of the stream. */
    @Override
    boolean readRow(Column.Builder[] builders) throws SQLException {
        if (!started) {
            header();
            started = true;
        }
        ensure(2);
        int fields = (short) PgBinary.SHORT.get(buf, pos);
        pos += 2;
        if (fields == -1) {
            while (copy.readFromCopy() != null) {
                // the end of the COPY: the driver reads the server's completion
            }
            return false;
        }
        if (fields != forms.length) {
            throw new SQLException("a row of the COPY stream of " + location + " has " + fields + " fields, not "
                    + forms.length, "08P01");
        }
        for (int i = 0; i < forms.length; i++) {
            ensure(4);
            int len = (int) PgBinary.INT.get(buf, pos);
            pos += 4;
            if (len < 0) {
                builders[i].appendNull();
                continue;
            }
            ensure(len);
            decode(forms[i], len, builders[i], i);
            pos += len;
        }
        return true;
    }

    private void decode(int form, int len, Column.Builder into, int column) throws SQLException {
        switch (form) {
            case PgBinary.BOOL -> ((BooleanColumn.Builder) into).append(buf[pos] != 0);
            case PgBinary.INT2 -> ((IntColumn.Builder) into).append((short) PgBinary.SHORT.get(buf, pos));
            case PgBinary.INT4 -> ((IntColumn.Builder) into).append((int) PgBinary.INT.get(buf, pos));
            case PgBinary.INT8 -> ((LongColumn.Builder) into).append((long) PgBinary.LONG.get(buf, pos));
            case PgBinary.OID -> ((LongColumn.Builder) into).append((int) PgBinary.INT.get(buf, pos) & 0xFFFF_FFFFL);
            case PgBinary.FLOAT4 -> ((FloatColumn.Builder) into).append(Float.intBitsToFloat((int) PgBinary.INT.get(buf,
                    pos)));
            case PgBinary.FLOAT8 -> ((DoubleColumn.Builder) into).append(Double.longBitsToDouble(
                    (long) PgBinary.LONG.get(buf, pos)));
            case PgBinary.TEXT -> ((StringColumn.Builder) into).appendUtf8(buf, pos, len); // UTF-8: the driver's client_encoding
            case PgBinary.BYTEA -> ((BinaryColumn.Builder) into).append(buf, pos, len);
            case PgBinary.DATE -> {
                int days = (int) PgBinary.INT.get(buf, pos);
                if (days == Integer.MIN_VALUE || days == Integer.MAX_VALUE) {
                    throw infinite(column);
                }
                ((IntColumn.Builder) into).append(days + PgBinary.EPOCH_DAYS);
            }
            case PgBinary.TIMESTAMP -> {
                long micros = (long) PgBinary.LONG.get(buf, pos);
                if (micros == Long.MIN_VALUE || micros == Long.MAX_VALUE) {
                    throw infinite(column);
                }
                ((LongColumn.Builder) into).append(micros + PgBinary.EPOCH_MICROS);
            }
            case PgBinary.NUMERIC -> {
                DataType.Decimal d = (DataType.Decimal) schema.field(column).type();
                BigDecimal v = PgBinary.decodeNumeric(buf, pos, len);
                if (v.scale() > d.scale() || v.precision() - v.scale() > d.precision() - d.scale()) {
                    throw new SQLException("column " + schema.field(column).name() + ": value " + v + " does not fit "
                            + d.typeName(), "22003");
                }
                ((DecimalColumn.Builder) into).append(v.setScale(d.scale()));
            }
            default -> throw new IllegalStateException("wire form " + form);
        }
    }

    private SQLException infinite(int column) {
        return new SQLException("column " + schema.field(column).name() + " holds infinity, which a "
                + schema.field(column).type().typeName() + " cannot hold; cast it in a query (disk.options.query)",
                "22008");
    }

    /** Makes {@code n} bytes readable at {@code pos}, joining the driver's messages (one per row) when a value spans them. */
    private void ensure(int n) throws SQLException {
        while (limit - pos < n) {
            byte[] next = copy.readFromCopy();
            if (next == null) {
                throw new SQLException("the COPY stream of " + location + " ended inside a row", "08P01");
            }
            if (pos == limit) {
                buf = next;
            } else {
                byte[] joined = Arrays.copyOfRange(buf, pos, limit + next.length);
                System.arraycopy(next, 0, joined, limit - pos, next.length);
                buf = joined;
            }
            limit = buf.length;
            pos = 0;
        }
    }

    @Override
    void release() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy(); // closed before the end: the server stops sending
            }
        } catch (SQLException ignored) {
            // the connection is closed below anyway
        }
        try {
            connection.rollback(); // a read-only transaction: nothing to keep
        } catch (SQLException ignored) {
            // closing anyway
        }
        JdbcTableStore.closeQuietly(connection);
    }
}
