package org.datahandle.formats.json;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.Codec;
import org.datahandle.spi.CodecFactory;

/**
 * The {@code json} codec: a file is one JSON document, read whole for the {@code object} and {@code json}
 * memory formats, or, as a table, a top-level array of row objects. Options: {@code schema} (column name to
 * type name, overriding inference), {@code inferTypes} (default true; false reads every scalar as a string)
 * and {@code pretty} (indent written JSON; default false for tables, true for documents).
 */
public final class JsonCodecFactory implements CodecFactory {
    @Override
    public String format() {
        return JsonLayout.ARRAY.format();
    }

    @Override
    public Set<String> optionNames() {
        return JsonOptions.JSON_NAMES;
    }

    @Override
    public Codec create(Map<String, Object> options) {
        return new JsonCodec(JsonLayout.ARRAY, JsonOptions.parse(options, JsonOptions.JSON_NAMES));
    }
}
