package org.datahandle.formats.json;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.Codec;
import org.datahandle.spi.CodecFactory;

/**
 * The {@code jsonl} codec ({@code .jsonl}, {@code .ndjson}): one JSON object per line, blank lines skipped,
 * streamed in constant memory. Options: {@code schema} (column name to type name, overriding inference and
 * fixing the columns of a stream) and {@code inferTypes} (default true; false reads every scalar as a string).
 */
public final class JsonlCodecFactory implements CodecFactory {
    @Override
    public String format() {
        return JsonLayout.LINES.format();
    }

    @Override
    public Set<String> optionNames() {
        return JsonOptions.JSONL_NAMES;
    }

    @Override
    public Codec create(Map<String, Object> options) {
        return new JsonCodec(JsonLayout.LINES, JsonOptions.parse(options, JsonOptions.JSONL_NAMES));
    }
}
