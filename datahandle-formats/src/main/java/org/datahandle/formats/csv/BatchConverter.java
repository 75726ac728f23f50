package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
        DataFormatException at(int row, int column, String what);
    }

    private BatchConverter() {}

    static Table convert(RawBatch batch, Schema schema, CellError error) {
        List<Column> columns = new ArrayList<>(batch.width);
        for (int c = 0; c < batch.width; c++) {
            columns.add(column(batch.columns[c], batch.rows, schema.field(c).type(), c, error));
        }
        return Table.of(schema, columns);
    }

    private static Column column(RawBatch.RawColumn raw, int rows, DataType type, int c, CellError error) {
        byte[] b = raw.data;
        if (type == DataType.STRING) {
            // Sized to the raw text, which is exactly the column's bytes: one copy, even of a 100 MB field.
            StringColumn.Builder out = StringColumn.builder(rows, raw.length);
            for (int r = 0; r < rows; r++) {
                if (raw.isNull(r)) {
                    out.appendNull();
                } else {
                    out.appendUtf8(b, raw.start(r), raw.length(r));
                }
            }
            return out.build();
        }
        if (type == DataType.INT32 || type == DataType.INT64) {
            boolean int32 = type == DataType.INT32;
            IntColumn.Builder ints = int32 ? IntColumn.builder(type, rows) : null;
            LongColumn.Builder longs = int32 ? null : LongColumn.builder(type, rows);
            for (int r = 0; r < rows; r++) {
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
                        throw notA(error, r, c, b, off, len, type);
                    }
                }
                if (int32) {
                    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                        throw notA(error, r, c, b, off, len, type);
                    }
                    ints.append((int) v);
                } else {
                    longs.append(v);
                }
            }
            return int32 ? ints.build() : longs.build();
        }
        if (type == DataType.FLOAT64) {
            DoubleColumn.Builder out = DoubleColumn.builder(rows);
            for (int r = 0; r < rows; r++) {
                if (raw.isNull(r)) {
                    out.appendNull();
                    continue;
                }
                try {
                    out.append(TextTypes.parseDouble(b, raw.start(r), raw.length(r)));
                } catch (NumberFormatException e) {
                    throw notA(error, r, c, b, raw.start(r), raw.length(r), type);
                }
            }
            return out.build();
        }
        if (type == DataType.BOOLEAN) {
            BooleanColumn.Builder out = BooleanColumn.builder(rows);
            for (int r = 0; r < rows; r++) {
                if (raw.isNull(r)) {
                    out.appendNull();
                    continue;
                }
                int v = TextTypes.parseBoolean(b, raw.start(r), raw.length(r));
                if (v < 0) {
                    throw notA(error, r, c, b, raw.start(r), raw.length(r), type);
                }
                out.append(v == 1);
            }
            return out.build();
        }
        if (type == DataType.DATE) {
            IntColumn.Builder out = IntColumn.builder(type, rows);
            for (int r = 0; r < rows; r++) {
                if (raw.isNull(r)) {
                    out.appendNull();
                    continue;
                }
                java.time.LocalDate d = TextTypes.parseDate(b, raw.start(r), raw.length(r));
                if (d == null) {
                    throw notA(error, r, c, b, raw.start(r), raw.length(r), type);
                }
                out.appendDate(d);
            }
            return out.build();
        }
        if (type instanceof DataType.Timestamp t) {
            LongColumn.Builder out = LongColumn.builder(type, rows);
            for (int r = 0; r < rows; r++) {
                if (raw.isNull(r)) {
                    out.appendNull();
                    continue;
                }
                String s = new String(b, raw.start(r), raw.length(r), UTF_8);
                Long micros = t.utc() ? (TextTypes.hasZone(s) ? TextTypes.parseInstantMicros(s) : null)
                        : (TextTypes.hasZone(s) ? null : TextTypes.parseLocalMicros(s));
                if (micros == null) {
                    throw error.at(r, c, "'" + s + "' is not a " + type.typeName() + " (ISO-8601 "
                            + (t.utc() ? "with Z or an offset" : "without a zone") + ", at most 6 fraction digits)");
                }
                out.append(micros);
            }
            return out.build();
        }
        Column.Builder out = Column.builder(type, rows);
        for (int r = 0; r < rows; r++) {
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
                    throw error.at(r, c, "the csv codec cannot read " + type.typeName() + " columns");
                }
            } catch (IllegalArgumentException e) {
                String why = type == DataType.BINARY ? " (binary cells are base64)" : "";
                throw error.at(r, c, "'" + shorten(s) + "' is not a valid " + type.typeName() + why
                        + (e instanceof NumberFormatException ? "" : ": " + e.getMessage()));
            }
        }
        return out.build();
    }

    private static DataFormatException notA(CellError error, int r, int c, byte[] b, int off, int len, DataType type) {
        return error.at(r, c, "'" + shorten(new String(b, off, len, UTF_8)) + "' is not a valid " + type.typeName());
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
