package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datahandle.formats.common.CodecOptions;
import org.datahandle.table.DataType;

/**
 * The options of the csv and tsv codecs (a handle's {@code disk.options}).
 *
 * @param header whether the first record of each file names the columns (otherwise {@code col1..colN})
 * @param delimiter the field separator
 * @param quote the quote byte, or {@link CsvParser#NO_QUOTE} when quoting is off ({@code quote: ""})
 * @param nullValue text that, unquoted, also reads as null (an unquoted empty field always does)
 * @param inferTypes whether to infer column types (otherwise every column is a string)
 * @param schema column name to type, overriding inference
 */
record CsvOptions(boolean header, byte delimiter, int quote, Optional<String> nullValue, boolean inferTypes,
        Map<String, DataType> schema) {

    static final Set<String> NAMES = Set.of("header", "delimiter", "quote", "nullValue", "inferTypes", "schema");

    CsvOptions {
        schema = Map.copyOf(schema);
    }

    /** The nullValue as UTF-8 bytes, or null when none is set beyond the empty field. */
    byte[] nullBytes() {
        return nullValue.filter(v -> !v.isEmpty()).map(v -> v.getBytes(UTF_8)).orElse(null);
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
        if (options.get("nullValue") instanceof java.util.Collection<?> || options.get("nullValue") instanceof Map<?, ?>) {
            // one text only; a list would otherwise be read as the text "[NA, .]" and match nothing
            throw new IllegalArgumentException("option 'nullValue' must be one text (such as NA), got: "
                    + options.get("nullValue"));
        }
        Optional<String> nullValue = options.containsKey("nullValue") ? Optional.of(string(options, "nullValue"))
                : Optional.empty();
        Map<String, DataType> schema = CodecOptions.schema(options);
        return new CsvOptions(header, delimiter, quote, nullValue, inferTypes, schema);
    }

    private static boolean bool(Map<String, Object> options, String key, boolean fallback) {
        Object v = options.get(key);
        return v == null ? fallback : CodecOptions.bool(key, v);
    }

    private static String string(Map<String, Object> options, String key) {
        Object v = options.get(key);
        return v == null ? "" : v.toString();
    }

    private static byte singleByte(Map<String, Object> options, String key, String fallback) {
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
