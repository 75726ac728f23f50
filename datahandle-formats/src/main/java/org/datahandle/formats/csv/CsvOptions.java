package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.datahandle.formats.common.CodecOptions;
import org.datahandle.table.DataType;

/**
 * The options of the csv and tsv codecs (a handle's {@code disk.options}). {@link #parse} is the one
 * validation of them: the catalog loader, {@code datahandle validate} and the codec all call it (through
 * {@link CsvCodecFactory#create}), so they accept and reject exactly the same specs.
 *
 * @param header whether the first record of each file names the columns (otherwise {@code col1..colN})
 * @param delimiter the field separator
 * @param quote the quote byte, or {@link CsvParser#NO_QUOTE} when quoting is off ({@code quote: ""})
 * @param nullValues texts that, unquoted, also read as null (an unquoted empty field always does); the
 *     first is what a writer writes for null
 * @param inferTypes whether to infer column types (otherwise every column is a string)
 * @param schema column name (after {@code columns} renamed it) to type, overriding inference
 * @param encoding the files' character set; text is transcoded to UTF-8 as it streams in
 * @param cells how numbers, dates and timestamps are written in the files ({@code decimal},
 *     {@code thousands}, {@code dateFormat}, {@code timestampFormat})
 * @param skipRows lines to skip at the start of every file, before the header
 * @param comment the byte that starts a comment line, or {@link #NO_COMMENT}
 * @param columns which columns to read and what to call them; empty for all, as named
 * @param inferRows rows a stream infers types from: empty for its first batch, {@link #ALL_ROWS} for all
 * @param badRows what a row that does not fit does
 */
record CsvOptions(boolean header, byte delimiter, int quote, List<String> nullValues, boolean inferTypes,
        Map<String, DataType> schema, Charset encoding, CellFormats cells, int skipRows, int comment,
        Optional<ColumnPlan.Selection> columns, OptionalLong inferRows, BadRowPolicy badRows) {

    static final Set<String> NAMES = Set.of("header", "delimiter", "quote", "nullValue", "inferTypes", "schema",
            "encoding", "decimal", "thousands", "dateFormat", "timestampFormat", "skipRows", "comment", "columns",
            "inferRows", "badRows");

    /** {@link #comment} when there is none: a value no byte equals. */
    static final int NO_COMMENT = 256;

    /** {@link #inferRows} for {@code inferRows: all}. */
    static final long ALL_ROWS = Long.MAX_VALUE;

    /** What a row that does not fit (wrong number of fields, a value not of its column's type) does. */
    enum BadRowPolicy {
        /** The read fails with a {@code DataFormatException} naming the line (the default). */
        FAIL,
        /** The row is left out; the count and the first lines are logged and kept with the read. */
        SKIP
    }

    CsvOptions {
        nullValues = List.copyOf(nullValues);
        schema = Map.copyOf(schema);
    }

    /** The first non-empty nullValue as UTF-8 bytes (the one the parse matches), or null when there is none. */
    byte[] nullBytes() {
        List<byte[]> markers = nullMarkers();
        return markers.isEmpty() ? null : markers.get(0);
    }

    /** What a writer writes for null: the first nullValue, or null for an empty field. */
    byte[] writtenNull() {
        return nullValues.isEmpty() || nullValues.get(0).isEmpty() ? null : nullValues.get(0).getBytes(UTF_8);
    }

    /** Every non-empty nullValue as UTF-8 bytes. */
    List<byte[]> nullMarkers() {
        List<byte[]> out = new ArrayList<>();
        for (String v : nullValues) {
            if (!v.isEmpty()) {
                out.add(v.getBytes(UTF_8));
            }
        }
        return out;
    }

    /** Whether cells need a pass after parsing (numbers and dates in a local form): the defaults do not. */
    boolean needsCellPass() {
        return cells.isLocal();
    }

    boolean transcodes() {
        return !encoding.equals(UTF_8);
    }

    /**
     * Reads options, filling defaults.
     *
     * @throws IllegalArgumentException naming the option when a value is invalid or the option is unknown
     */
    static CsvOptions parse(Map<String, Object> options, char defaultDelimiter) {
        CodecOptions.requireKnown(options, NAMES);
        boolean header = bool(options, "header", true);
        boolean inferTypes = bool(options, "inferTypes", true);
        byte delimiter = singleByte(options, "delimiter", String.valueOf(defaultDelimiter));
        int quote = options.containsKey("quote") && string(options, "quote").isEmpty() ? CsvParser.NO_QUOTE
                : singleByte(options, "quote", "\"") & 0xff;
        if (quote == (delimiter & 0xff)) {
            throw new IllegalArgumentException("option 'quote' must differ from 'delimiter' ('" + (char) quote + "')");
        }
        List<String> nullValues = nullValues(options.get("nullValue"));
        Map<String, DataType> schema = CodecOptions.schema(options);
        Charset encoding = encoding(options.get("encoding"));
        CellFormats cells = CellFormats.parse(options, delimiter);
        int skipRows = (int) count(options, "skipRows", 0, Integer.MAX_VALUE);
        int comment = NO_COMMENT;
        if (options.containsKey("comment")) {
            byte c = singleByte(options, "comment", "#");
            if (c == delimiter || (c & 0xff) == quote || Character.isLetterOrDigit(c) || c == ' ' || c == '\t'
                    || c == '-' || c == '+' || c == '.') {
                throw new IllegalArgumentException("option 'comment' must be a character that cannot start a value"
                        + " (such as # or %), not a letter, digit, sign, point, space, the delimiter or the quote;"
                        + " got: '" + (char) c + "'");
            }
            comment = c & 0xff;
        }
        Optional<ColumnPlan.Selection> columns = options.get("columns") == null ? Optional.empty()
                : Optional.of(ColumnPlan.Selection.parse(options.get("columns")));
        OptionalLong inferRows = inferRows(options.get("inferRows"));
        BadRowPolicy badRows = badRows(options.get("badRows"));
        return new CsvOptions(header, delimiter, quote, nullValues, inferTypes, schema, encoding, cells, skipRows,
                comment, columns, inferRows, badRows);
    }

    private static List<String> nullValues(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof Map<?, ?>) {
            throw new IllegalArgumentException("option 'nullValue' must be a text (such as NA) or a list of texts"
                    + " (such as [NA, \".\", \"-\"]), got a map: " + v);
        }
        if (v instanceof Collection<?> list) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("option 'nullValue' must not be an empty list; leave it out for"
                        + " none");
            }
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (item == null || item instanceof Collection<?> || item instanceof Map<?, ?>) {
                    throw new IllegalArgumentException("option 'nullValue': every item must be a text, got: " + item);
                }
                out.add(item.toString());
            }
            return out;
        }
        return List.of(v.toString());
    }

    private static Charset encoding(Object v) {
        if (v == null) {
            return UTF_8;
        }
        String name = v.toString().trim();
        String lower = name.toLowerCase(Locale.ROOT);
        // the names people write that Java spells otherwise
        if (lower.equals("latin-1") || lower.equals("latin1")) {
            name = "ISO-8859-1";
        } else if (lower.equals("cp1252") || lower.equals("ansi")) {
            name = "windows-1252";
        }
        try {
            Charset charset = Charset.forName(name);
            if (!charset.canEncode()) {
                throw new IllegalArgumentException("option 'encoding': '" + v + "' can only be decoded, not written");
            }
            return charset;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("option 'encoding': unknown character set '" + v + "'; for example"
                    + " UTF-8, UTF-16 (with a byte order mark), UTF-16LE, windows-1252 (cp1252), ISO-8859-1 (latin-1)");
        }
    }

    private static OptionalLong inferRows(Object v) {
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v.toString().trim().equalsIgnoreCase("all")) {
            return OptionalLong.of(ALL_ROWS);
        }
        return OptionalLong.of(countValue("inferRows", v, 1, ALL_ROWS - 1, " or 'all'"));
    }

    private static BadRowPolicy badRows(Object v) {
        if (v == null) {
            return BadRowPolicy.FAIL;
        }
        return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
            case "fail" -> BadRowPolicy.FAIL;
            case "skip" -> BadRowPolicy.SKIP;
            default -> throw new IllegalArgumentException("option 'badRows' must be fail (the default: a bad row"
                    + " fails the read) or skip (bad rows are left out and reported), got: " + v);
        };
    }

    private static long count(Map<String, Object> options, String key, long fallback, long max) {
        Object v = options.get(key);
        return v == null ? fallback : countValue(key, v, 0, max, "");
    }

    private static long countValue(String key, Object v, long min, long max, String or) {
        long n;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            n = ((Number) v).longValue();
        } else {
            try {
                n = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option '" + key + "' must be a whole number" + or + ", got: " + v);
            }
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("option '" + key + "' must be at least " + min + or + ", got: " + v);
        }
        return n;
    }

    private static boolean bool(Map<String, Object> options, String key, boolean fallback) {
        Object v = options.get(key);
        return v == null ? fallback : CodecOptions.bool(key, v);
    }

    static String string(Map<String, Object> options, String key) {
        Object v = options.get(key);
        return v == null ? "" : v.toString();
    }

    static byte singleByte(Map<String, Object> options, String key, String fallback) {
        String v = options.containsKey(key) ? string(options, key) : fallback;
        if (v.equals("\\t") || v.equalsIgnoreCase("tab")) {
            v = "\t";
        }
        if (v.length() != 1 || v.charAt(0) > 127 || v.charAt(0) == '\n' || v.charAt(0) == '\r') {
            throw new IllegalArgumentException("option '" + key + "' must be one ASCII character other than a line"
                    + " break, got: '" + v + "'");
        }
        return (byte) v.charAt(0);
    }
}
