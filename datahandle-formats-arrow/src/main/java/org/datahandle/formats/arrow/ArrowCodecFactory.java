package org.datahandle.formats.arrow;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.Codec;
import org.datahandle.spi.CodecFactory;

/**
 * The codec of format {@code arrow}: the Arrow IPC file format (also Feather v2), suffixes {@code .arrow},
 * {@code .feather}, {@code .ipc}. Files are uncompressed and 64-byte aligned unless the {@code compression}
 * option says {@code lz4} or {@code zstd}; {@code batchRows} bounds the rows per record batch.
 */
public final class ArrowCodecFactory implements CodecFactory {
    /** The format name, as registered by the built-in formats. */
    public static final String FORMAT = "arrow";

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
        return new ArrowCodec(ArrowOptions.parse(FORMAT, options), true);
    }
}
