package org.datahandle.formats.arrow;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.Codec;
import org.datahandle.spi.CodecFactory;

/**
 * The codec of format {@code arrows}: the Arrow IPC stream format, suffix {@code .arrows}. Same options as
 * {@link ArrowCodecFactory}.
 */
public final class ArrowStreamCodecFactory implements CodecFactory {
    /** The format name, as registered by the built-in formats. */
    public static final String FORMAT = "arrows";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Set<String> optionNames() {
        return ArrowOptions.NAMES;
    }

    @Override
    public Codec create(Map<String, Object> options) {
        return new ArrowCodec(ArrowOptions.parse(FORMAT, options), false);
    }
}
