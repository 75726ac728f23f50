package org.datahandle.formats.common;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.datahandle.table.DataType;

/** Parsing of the option values the text codecs have in common; every error names the option. */
public final class CodecOptions {
    private CodecOptions() {}

    /**
     * @throws IllegalArgumentException naming the first key of {@code options} not in {@code names}, and the
     *     options there are
     */
    public static void requireKnown(Map<String, Object> options, Set<String> names) {
        for (String key : options.keySet()) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "'; options are " + new TreeSet<>(names));
            }
        }
    }

    /**
     * The {@code schema} option: column name to type, in the order written; empty when the option is absent.
     *
     * @throws IllegalArgumentException when it is not a map or names an unknown type
     */
    public static Map<String, DataType> schema(Map<String, Object> options) {
        Map<String, DataType> schema = new LinkedHashMap<>();
        Object s = options.get("schema");
        if (s != null) {
            if (!(s instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("option 'schema' must be a map of column name to type name, got: " + s);
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String column = String.valueOf(e.getKey());
                String typeName = String.valueOf(e.getValue());
                DataType type = DataType.parse(typeName).orElseThrow(() -> new IllegalArgumentException(
                        "option 'schema': unknown type '" + typeName + "' for column '" + column + "'; types are "
                                + DataType.yamlNames()));
                schema.put(column, type);
            }
        }
        return schema;
    }

    /**
     * A boolean option's value: a Boolean, or the text true or false in any case (YAML may hand either).
     *
     * @throws IllegalArgumentException for anything else, null included
     */
    public static boolean bool(String key, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return s.equals("true");
        }
        throw new IllegalArgumentException("option '" + key + "' must be true or false, got: " + value);
    }
}
