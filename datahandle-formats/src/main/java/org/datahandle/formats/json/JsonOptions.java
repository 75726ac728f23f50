package org.datahandle.formats.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.datahandle.table.DataType;

/**
 * The options of the json and jsonl codecs (a handle's {@code disk.options}).
 *
 * @param schema column name to type, overriding inference (and declaring columns the data may lack)
 * @param inferTypes whether to infer scalar types (otherwise every scalar is read as a string)
 * @param pretty whether to indent written JSON; empty means the default (tables compact, documents
 *     indented)
 */
record JsonOptions(Map<String, DataType> schema, boolean inferTypes, Optional<Boolean> pretty) {

    static final Set<String> JSON_NAMES = Set.of("schema", "inferTypes", "pretty");
    /** jsonl writes one compact object per line, so {@code pretty} would contradict the format. */
    static final Set<String> JSONL_NAMES = Set.of("schema", "inferTypes");

    JsonOptions {
        // Kept in the order written: columns the data lacks are added in this order.
        schema = Collections.unmodifiableMap(new LinkedHashMap<>(schema));
    }

    /**
     * Reads options, filling defaults.
     *
     * @throws IllegalArgumentException naming the option when a value is invalid or the option unknown
     */
    static JsonOptions parse(Map<String, Object> options, Set<String> names) {
        for (String key : options.keySet()) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException("unknown option '" + key + "'; options are " + new TreeSet<>(names));
            }
        }
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
        Optional<Boolean> pretty = options.containsKey("pretty") ? Optional.of(bool(options, "pretty")) : Optional.empty();
        boolean inferTypes = !options.containsKey("inferTypes") || bool(options, "inferTypes");
        return new JsonOptions(schema, inferTypes, pretty);
    }

    /** The declared type of a column, if the schema option names it. */
    Optional<DataType> declared(String column) {
        return Optional.ofNullable(schema.get(column));
    }

    private static boolean bool(Map<String, Object> options, String key) {
        Object v = options.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return s.equals("true");
        }
        throw new IllegalArgumentException("option '" + key + "' must be true or false, got: " + v);
    }
}
