package org.datahandle.formats.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datahandle.formats.common.CodecOptions;
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
        CodecOptions.requireKnown(options, names);
        Map<String, DataType> schema = CodecOptions.schema(options);
        Optional<Boolean> pretty = options.containsKey("pretty") ? Optional.of(bool(options, "pretty")) : Optional.empty();
        boolean inferTypes = !options.containsKey("inferTypes") || bool(options, "inferTypes");
        return new JsonOptions(schema, inferTypes, pretty);
    }

    /** The declared type of a column, if the schema option names it. */
    Optional<DataType> declared(String column) {
        return Optional.ofNullable(schema.get(column));
    }

    private static boolean bool(Map<String, Object> options, String key) {
        return CodecOptions.bool(key, options.get(key));
    }
}
