package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Future;
import org.datahandle.DataFormatException;
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

/** Parses the cells of a {@link RawBatch} into typed columns, straight from their bytes. */
final class BatchConverter {

    /** Makes the error for a cell that does not parse as its column's type. */
    interface CellError {
        DataFormatException at(RawBatch batch, int row, int column, String what);
    }

    private BatchConverter() {}

    /** One batch; its text is kept (a stream reuses the batch). */
    static Table convert(RawBatch batch, Schema schema, CellError error) {
        List<Column> columns = new ArrayList<>(batch.width);
        for (int c = 0; c < batch.width; c++) {
            columns.add(column(List.of(batch), batch.rows, schema.field(c).type(), c, error, false));
        }
        return Table.of(schema, columns);
    }

    /**
     * The rows of {@code pieces}, in order, as one table. Columns are converted in parallel on the
     * workers of {@code pool} when one is given; each piece's text of a column is let go once that
     * column is built.
     */
    static Table convert(List<RawBatch> pieces, Schema schema, CellError error, ChunkedParse pool)
            throws IOException {
        int width = schema.size();
        long total = 0;
        for (RawBatch p : pieces) {
            total += p.rows;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 8) + " rows; read the data as a stream");
        }
        int rows = (int) total;
        Column[] columns = new Column[width];
        if (pool == null || width < 2) {
            for (int c = 0; c < width; c++) {
                columns[c] = column(pieces, rows, schema.field(c).type(), c, error, true);
            }
        } else {
            List<Future<Column>> futures = new ArrayList<>(width);
            for (int c = 0; c < width; c++) {
                int column = c;
                futures.add(pool.submit(() -> column(pieces, rows, schema.field(column).type(), column, error, true)));
            }
            for (int c = 0; c < width; c++) {
                columns[c] = ChunkedParse.await(futures.get(c));
            }
        }
        return Table.of(schema, Arrays.asList(columns));
    }

    /** Rows {@code [from, to)} of column {@code c} as a column of {@code type} (a chunk's piece, {@link ChunkTypes}). */
    static Column piece(RawBatch batch, int c, DataType type, int from, int to, CellError error) {
        RawBatch.RawColumn raw = batch.columns[c];
        Column.Builder out = type == DataType.STRING
                ? StringColumn.builder(to - from, raw.start(to - 1) + raw.length(to - 1) - raw.start(from))
                : Column.builder(type, to - from);
        append(out, batch, batch.columns[c], from, to, type, c, error);
        return out.build();
    }

    private static Column column(List<RawBatch> pieces, int rows, DataType type, int c, CellError error,
            boolean release) {
        Column.Builder out;
        if (type == DataType.STRING) {
            long bytes = 0;
            for (RawBatch p : pieces) {
                bytes += p.columns[c] != null ? p.columns[c].length : stringBytes(p.typed[c], p.rows);
            }
            // Sized to the raw text, which is exactly the column's bytes: one copy, even of a 100 MB field.
            out = StringColumn.builder(rows, (int) Math.min(bytes, Integer.MAX_VALUE - 8));
        } else {
            out = Column.builder(type, rows);
        }
        for (RawBatch p : pieces) {
            Column[] typed = p.typed == null ? null : p.typed[c];
            if (typed == null) {
                append(out, p, p.columns[c], 0, p.rows, type, c, error);
            } else if (typed[0].type().equals(type)) {
                for (Column piece : typed) {
                    out.appendRange(piece, 0, piece.size());
                }
            } else if (type != DataType.STRING) {
                for (Column piece : typed) {
                    widen(out, piece, type);
                }
            } else if (p.columns[c] != null) {
                append(out, p, p.columns[c], 0, p.rows, type, c, error); // the text a value cannot give back
            } else {
                int at = 0;
                for (Column piece : typed) {
                    if (piece instanceof DoubleColumn doubles) {
                        decimalText((StringColumn.Builder) out, doubles, p.decimalPlaces[c], at);
                    } else {
                        textOf((StringColumn.Builder) out, piece);
                    }
                    at += piece.size();
                }
            }
            if (release) {
                p.columns[c] = null; // converted: its text can go
                if (p.typed != null) {
                    p.typed[c] = null;
                }
                if (p.decimalPlaces != null) {
                    p.decimalPlaces[c] = null;
                }
            }
        }
        return out.build();
    }

    /** The text of a column's typed pieces: exact for string pieces, a guess for values written back as text. */
    private static long stringBytes(Column[] pieces, int rows) {
        if (pieces == null || !(pieces[0] instanceof StringColumn)) {
            return 10L * rows;
        }
        long bytes = 0;
        for (Column piece : pieces) {
            StringColumn s = (StringColumn) piece;
            bytes += s.offsetBuffer().get(s.size());
        }
        return bytes;
    }

    /**
     * Appends an int32 piece to an int64 or float64 column, or an int64 piece to a float64 one. Exact: a
     * column keeps float64 as a candidate only while each of its integers is a double exactly.
     */
    private static void widen(Column.Builder out, Column piece, DataType type) {
        int rows = piece.size();
        if (type == DataType.INT64 && piece instanceof IntColumn ints && ints.type() == DataType.INT32) {
            LongColumn.Builder longs = (LongColumn.Builder) out;
            for (int r = 0; r < rows; r++) {
                if (ints.isNull(r)) {
                    longs.appendNull();
                } else {
                    longs.append(ints.getInt(r));
                }
            }
        } else if (type == DataType.FLOAT64 && piece instanceof IntColumn ints && ints.type() == DataType.INT32) {
            DoubleColumn.Builder doubles = (DoubleColumn.Builder) out;
            for (int r = 0; r < rows; r++) {
                if (ints.isNull(r)) {
                    doubles.appendNull();
                } else {
                    doubles.append(ints.getInt(r));
                }
            }
        } else if (type == DataType.FLOAT64 && piece instanceof LongColumn longs && longs.type() == DataType.INT64) {
            DoubleColumn.Builder doubles = (DoubleColumn.Builder) out;
            for (int r = 0; r < rows; r++) {
                if (longs.isNull(r)) {
                    doubles.appendNull();
                } else {
                    doubles.append((double) longs.getLong(r));
                }
            }
        } else {
            // inference never asks for another change: a chunk's candidates include the column's
            throw new IllegalStateException("cannot widen a " + piece.type().typeName() + " piece to "
                    + type.typeName());
        }
    }

    /** Writes a float64 piece back as the text it was read from ({@link ChunkTypes#decimalPlaces}). */
    private static void decimalText(StringColumn.Builder out, DoubleColumn piece, byte[] places, int at) {
        byte[] buffer = new byte[24];
        for (int r = 0; r < piece.size(); r++) {
            if (piece.isNull(r)) {
                out.appendNull();
            } else {
                out.appendUtf8(buffer, 0, TextTypes.formatDecimal(piece.getDouble(r), places[at + r], buffer));
            }
        }
    }

    /** Writes an int32, int64 or date piece back as the text it was read from (canonical, so exactly that). */
    private static void textOf(StringColumn.Builder out, Column piece) {
        int rows = piece.size();
        byte[] buffer = new byte[20];
        for (int r = 0; r < rows; r++) {
            if (piece.isNull(r)) {
                out.appendNull();
                continue;
            }
            int n;
            if (piece.type() == DataType.DATE) {
                n = TextTypes.formatEpochDay(((IntColumn) piece).getInt(r), buffer);
            } else {
                long v = piece instanceof IntColumn ints ? ints.getInt(r) : ((LongColumn) piece).getLong(r);
                byte[] text = Long.toString(v).getBytes(UTF_8);
                System.arraycopy(text, 0, buffer, 0, text.length);
                n = text.length;
            }
            out.appendUtf8(buffer, 0, n);
        }
    }

    private static void append(Column.Builder builder, RawBatch batch, RawBatch.RawColumn raw, int from, int to,
            DataType type,
            int c, CellError error) {
        byte[] b = raw.data;
        if (type == DataType.STRING) {
            StringColumn.Builder out = (StringColumn.Builder) builder;
            for (int r = from; r < to; r++) {
                if (raw.isNull(r)) {
                    out.appendNull();
                } else {
                    out.appendUtf8(b, raw.start(r), raw.length(r));
                }
            }
            return;
        }
        if (type == DataType.INT32 || type == DataType.INT64) {
            boolean int32 = type == DataType.INT32;
            IntColumn.Builder ints = int32 ? (IntColumn.Builder) builder : null;
            LongColumn.Builder longs = int32 ? null : (LongColumn.Builder) builder;
            for (int r = from; r < to; r++) {
                if (raw.isNull(r)) {
                    if (int32) {
                        ints.appendNull();
                    } else {
                        longs.appendNull();
                    }
                    continue;
                }
                int off = raw.start(r);
                int len = raw.length(r);
                long v;
                if (len > 0 && len < 19 && TextTypes.isCanonicalInteger(b, off, len)) {
                    v = TextTypes.parseLong(b, off, len);
                } else {
                    try {
                        v = TextTypes.parseLenientLong(b, off, len);
                    } catch (NumberFormatException e) {
                        throw notA(error, batch, r, c, b, off, len, type);
                    }
                }
                if (int32) {
                    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        throw notA(error, batch, r, c, b, off, len, type);
                    }
                    ints.append((int) v);
                } else {
                    longs.append(v);
                }
            }
            return;
        }
        if (type == DataType.FLOAT64) {
            DoubleColumn.Builder out = (DoubleColumn.Builder) builder;
            for (int r = from; r < to; r++) {
                if (raw.isNull(r)) {
                    out.appendNull();
                    continue;
                }
                try {
                    out.append(TextTypes.parseDouble(b, raw.start(r), raw.length(r)));
                } catch (NumberFormatException e) {
                    throw notA(error, batch, r, c, b, raw.start(r), raw.length(r), type);
                }
            }
            return;
        }
        if (type == DataType.BOOLEAN) {
            BooleanColumn.Builder out = (BooleanColumn.Builder) builder;
            for (int r = from; r < to; r++) {
                if (raw.isNull(r)) {
                    out.appendNull();
                    continue;
                }
                int v = TextTypes.parseBoolean(b, raw.start(r), raw.length(r));
                if (v < 0) {
                    throw notA(error, batch, r, c, b, raw.start(r), raw.length(r), type);
                }
                out.append(v == 1);
            }
            return;
        }
        if (type == DataType.DATE) {
            IntColumn.Builder out = (IntColumn.Builder) builder;
            for (int r = from; r < to; r++) {
                if (raw.isNull(r)) {
                    out.appendNull();
                    continue;
                }
                int day = TextTypes.parseEpochDay(b, raw.start(r), raw.length(r));
                if (day == TextTypes.NO_DATE) {
                    throw notA(error, batch, r, c, b, raw.start(r), raw.length(r), type);
                }
                out.append(day);
            }
            return;
        }
        if (type instanceof DataType.Timestamp t) {
            LongColumn.Builder out = (LongColumn.Builder) builder;
            for (int r = from; r < to; r++) {
                if (raw.isNull(r)) {
                    out.appendNull();
                    continue;
                }
                String s = new String(b, raw.start(r), raw.length(r), UTF_8);
                Long micros = t.utc() ? (TextTypes.hasZone(s) ? TextTypes.parseInstantMicros(s) : null)
                        : (TextTypes.hasZone(s) ? null : TextTypes.parseLocalMicros(s));
                if (micros == null) {
                    throw error.at(batch, r, c, "'" + s + "' is not a " + type.typeName() + " (ISO-8601 "
                            + (t.utc() ? "with Z or an offset" : "without a zone") + ", at most 6 fraction digits)");
                }
                out.append(micros);
            }
            return;
        }
        Column.Builder out = builder;
        for (int r = from; r < to; r++) {
            if (raw.isNull(r)) {
                out.appendNull();
                continue;
            }
            String s = new String(b, raw.start(r), raw.length(r), UTF_8);
            try {
                if (type == DataType.FLOAT32) {
                    ((FloatColumn.Builder) out).append(Float.parseFloat(s));
                } else if (type instanceof DataType.Decimal) {
                    ((DecimalColumn.Builder) out).append(new BigDecimal(s));
                } else if (type == DataType.BINARY) {
                    ((BinaryColumn.Builder) out).append(Base64.getDecoder().decode(s));
                } else {
                    throw error.at(batch, r, c, "the csv codec cannot read " + type.typeName() + " columns");
                }
            } catch (IllegalArgumentException e) {
                String why = type == DataType.BINARY ? " (binary cells are base64)" : "";
                throw error.at(batch, r, c, "'" + shorten(s) + "' is not a valid " + type.typeName() + why
                        + (e instanceof NumberFormatException ? "" : ": " + e.getMessage()));
            }
        }
    }

    private static DataFormatException notA(CellError error, RawBatch batch, int r, int c, byte[] b, int off, int len,
            DataType type) {
        return error.at(batch, r, c, "'" + shorten(new String(b, off, len, UTF_8)) + "' is not a valid " + type.typeName());
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
