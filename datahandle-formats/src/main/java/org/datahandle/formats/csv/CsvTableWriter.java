package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.datahandle.DataFormatException;
import org.datahandle.formats.common.BatchSchema;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.BinaryColumn;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DecimalColumn;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.ListColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.Schema;
import org.datahandle.table.StringColumn;
import org.datahandle.table.StructColumn;
import org.datahandle.table.Table;

/**
 * Writes tables as delimited text: a header row (when the {@code header} option is on), LF line ends, nulls
 * as empty fields (or the {@code nullValue}), and quotes only where needed: around values holding the
 * delimiter, the quote, a line break, leading or trailing white space, and around empty strings (so they
 * read back as empty strings, not nulls). Dates and timestamps are ISO-8601, doubles the shortest text that
 * reads back as the same double, never in exponent form, binary as base64, lists and structs as JSON.
 *
 * <p>The options of real-world files are honoured so that what a handle writes it reads back the same:
 * the {@code encoding}, the {@code decimal} mark (numbers are written without thousands separators), the
 * {@code dateFormat} for dates and the {@code timestampFormat} for the timestamps it fits (with or without
 * a zone), the first {@code nullValue} for nulls (a text equal to any of them is quoted), {@code skipRows}
 * empty lines before the header, a first value starting with the {@code comment} character quoted, and the
 * header in the file's names of the {@code columns} option.
 */
final class CsvTableWriter implements TableWriter {
    private final WriteTarget target;
    private final Schema schema;
    private final CsvOptions options;
    private final byte[] nullBytes;
    private final CellFormats cells;
    private final TextOut out;
    private long rows;

    CsvTableWriter(WriteTarget target, Schema schema, CsvOptions options) throws IOException {
        this.target = target;
        this.schema = schema;
        this.options = options;
        this.nullBytes = options.writtenNull();
        this.cells = options.cells();
        java.io.OutputStream raw = target.open();
        this.out = new TextOut(options.transcodes()
                ? Transcoding.fromUtf8(raw, options.encoding(), target.handleId(), target.location().uri()) : raw);
        for (int i = 0; i < options.skipRows(); i++) {
            out.write('\n'); // the lines a reader skips
        }
        if (options.header()) {
            List<String> names = schema.names();
            for (int c = 0; c < names.size(); c++) {
                if (c > 0) {
                    out.write(options.delimiter());
                }
                String given = names.get(c);
                String name = options.columns().map(sel -> sel.fileName(given)).orElse(given);
                writeText(name.getBytes(UTF_8), true);
            }
            out.write('\n');
        }
    }

    @Override
    public void write(Table batch) throws IOException {
        BatchSchema.requireWriterSchema(target.handleId(), schema, batch);
        int width = batch.columnCount();
        for (int r = 0; r < batch.rowCount(); r++) {
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    out.write(options.delimiter());
                }
                if (cells != CellFormats.ISO || (c == 0 && options.comment() != CsvOptions.NO_COMMENT)) {
                    writeLocalCell(batch.column(c), r, c == 0);
                } else {
                    writeCell(batch.column(c), r);
                }
            }
            out.write('\n');
            rows++;
        }
    }

    private void writeCell(Column col, int r) throws IOException {
        if (col.isNull(r)) {
            if (nullBytes != null) {
                out.write(nullBytes);
            }
            return;
        }
        if (col instanceof StringColumn s) {
            writeText(s.getUtf8(r), false);
        } else if (col instanceof IntColumn i) {
            if (col.type() == DataType.DATE) {
                out.date(i.getInt(r));
            } else {
                out.decimal(i.getInt(r));
            }
        } else if (col instanceof LongColumn l) {
            if (col.type() == DataType.INT64) {
                out.decimal(l.getLong(r));
            } else {
                ascii(l.get(r).toString());
            }
        } else if (col instanceof DoubleColumn d) {
            ascii(formatDouble(d.getDouble(r)));
        } else if (col instanceof FloatColumn f) {
            ascii(formatFloat(f.getFloat(r)));
        } else if (col instanceof BooleanColumn b) {
            ascii(b.getBoolean(r) ? "true" : "false");
        } else if (col instanceof DecimalColumn d) {
            ascii(d.getDecimal(r).toPlainString());
        } else if (col instanceof BinaryColumn b) {
            // Through writeText so an empty value is quoted and reads back as empty, not null.
            writeText(Base64.getEncoder().encode(b.getBytes(r)), false);
        } else if (col instanceof ListColumn || col instanceof StructColumn) {
            StringBuilder json = new StringBuilder();
            Json.append(json, col.get(r));
            writeText(json.toString().getBytes(UTF_8), false);
        }
    }

    /**
     * A cell under the options of real-world files: numbers with the decimal mark, dates and timestamps in
     * their patterns, and a first value that would read as a comment line quoted.
     */
    private void writeLocalCell(Column col, int r, boolean first) throws IOException {
        if (col.isNull(r)) {
            writeCell(col, r);
            return;
        }
        String text = null;
        DataType type = col.type();
        if (col instanceof DoubleColumn d && Double.isFinite(d.getDouble(r))) {
            text = cells.number(formatDouble(d.getDouble(r)));
        } else if (col instanceof FloatColumn f && Float.isFinite(f.getFloat(r))) {
            text = cells.number(formatFloat(f.getFloat(r)));
        } else if (col instanceof DecimalColumn d) {
            text = cells.number(d.getDecimal(r).toPlainString());
        } else if (type == DataType.DATE && cells.date != null) {
            text = cells.date.format(java.time.LocalDate.ofEpochDay(((IntColumn) col).getInt(r)));
        } else if (type instanceof DataType.Timestamp t && cells.timestamp != null && t.utc() == cells.timestampZoned) {
            java.time.Instant at = (java.time.Instant) toInstant(col.get(r));
            text = t.utc() ? cells.timestamp.format(at.atOffset(java.time.ZoneOffset.UTC))
                    : cells.timestamp.format(java.time.LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
        }
        if (text == null && !(first && options.comment() != CsvOptions.NO_COMMENT)) {
            writeCell(col, r);
            return;
        }
        if (text == null) {
            if (col instanceof StringColumn || col instanceof BinaryColumn || col instanceof ListColumn
                    || col instanceof StructColumn) {
                writeCell(col, r); // through writeText, which quotes a leading comment character
                return;
            }
            text = plainText(col, r);
        }
        writeText(text.getBytes(UTF_8), false);
    }

    /** What {@link #writeCell} writes for a scalar cell that is not text. */
    private static String plainText(Column col, int r) {
        if (col instanceof IntColumn i) {
            return col.type() == DataType.DATE ? java.time.LocalDate.ofEpochDay(i.getInt(r)).toString()
                    : Integer.toString(i.getInt(r));
        } else if (col instanceof LongColumn l) {
            return col.type() == DataType.INT64 ? Long.toString(l.getLong(r)) : l.get(r).toString();
        } else if (col instanceof DoubleColumn d) {
            return formatDouble(d.getDouble(r));
        } else if (col instanceof FloatColumn f) {
            return formatFloat(f.getFloat(r));
        } else if (col instanceof BooleanColumn b) {
            return b.getBoolean(r) ? "true" : "false";
        }
        return String.valueOf(col.get(r));
    }

    private static Object toInstant(Object v) {
        return v instanceof java.time.LocalDateTime t ? t.toInstant(java.time.ZoneOffset.UTC) : v;
    }

    private void ascii(String s) throws IOException {
        out.ascii(s);
    }

    private void writeText(byte[] b, boolean header) throws IOException {
        if (!needsQuotes(b, header)) {
            out.write(b);
            return;
        }
        int quote = options.quote();
        if (quote == CsvParser.NO_QUOTE) {
            throw new DataFormatException(target.handleId(), target.location().uri(), -1, -1, -1, "row "
                    + (rows + 1) + ": the value '" + new String(b, UTF_8) + "' needs quotes (it is empty or holds the"
                    + " delimiter, a line break or edge spaces) but the 'quote' option turns quoting off", null);
        }
        out.write(quote);
        for (byte x : b) {
            if (x == quote) {
                out.write(quote);
            }
            out.write(x);
        }
        out.write(quote);
    }

    private boolean needsQuotes(byte[] b, boolean header) {
        if (b.length == 0) {
            return !header || schema.size() == 1;
        }
        if (isSpace(b[0]) || isSpace(b[b.length - 1])) {
            return true;
        }
        if (nullBytes != null && java.util.Arrays.equals(b, nullBytes)) {
            return true;
        }
        if (!header && (options.nullValues().size() > 1 || (nullBytes == null && !options.nullValues().isEmpty()))
                && NullMarkers.isMarker(options, b)) {
            return true; // a text equal to another null marker
        }
        if (!header && (b[0] & 0xff) == options.comment()) {
            return true; // would read as a comment line when it is the first value (quoted anywhere: simpler)
        }
        byte delimiter = options.delimiter();
        int quote = options.quote();
        // A lone header name holding another delimiter is quoted, or the reader takes it for a delimiter mismatch.
        boolean loneHeader = header && schema.size() == 1;
        for (byte x : b) {
            if (x == delimiter || x == quote || x == '\n' || x == '\r'
                    || (loneHeader && (x == ',' || x == '\t' || x == ';' || x == '|'))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** The shortest text that reads back as {@code d}, always plain (no exponent) and with a point. */
    static String formatDouble(double d) {
        return plain(Double.toString(d), Double.isFinite(d));
    }

    static String formatFloat(float f) {
        return plain(Float.toString(f), Float.isFinite(f));
    }

    private static String plain(String s, boolean finite) {
        if (!finite || s.indexOf('E') < 0) {
            return s;
        }
        String p = new BigDecimal(s).stripTrailingZeros().toPlainString();
        return p.indexOf('.') < 0 ? p + ".0" : p;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Minimal JSON for list and struct cells. */
    static final class Json {
        private Json() {}

        static void append(StringBuilder sb, Object v) {
            if (v == null) {
                sb.append("null");
            } else if (v instanceof String s) {
                string(sb, s);
            } else if (v instanceof Double d) {
                if (Double.isFinite(d)) {
                    sb.append(formatDouble(d));
                } else {
                    string(sb, d.toString());
                }
            } else if (v instanceof Float f) {
                if (Float.isFinite(f)) {
                    sb.append(formatFloat(f));
                } else {
                    string(sb, f.toString());
                }
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v instanceof BigDecimal d ? d.toPlainString() : v.toString());
            } else if (v instanceof byte[] bytes) {
                string(sb, Base64.getEncoder().encodeToString(bytes));
            } else if (v instanceof List<?> list) {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    append(sb, list.get(i));
                }
                sb.append(']');
            } else if (v instanceof Map<?, ?> map) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    append(sb, e.getValue());
                }
                sb.append('}');
            } else {
                string(sb, v.toString());
            }
        }

        private static void string(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c < 0x20) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        }
    }
}
