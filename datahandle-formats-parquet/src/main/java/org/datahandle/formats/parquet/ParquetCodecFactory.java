package org.datahandle.formats.parquet;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.Codec;
import org.datahandle.spi.CodecFactory;

/**
 * The codec of format {@code parquet}. Options: {@code compression} of what is written
 * ({@code snappy} (default), {@code zstd}, {@code gzip}, {@code lz4_raw}, {@code lz4}, {@code none};
 * every codec, Brotli included, is read), {@code rowGroupSize} (bytes of the table in memory per
 * row group, default 16 MiB) and {@code pageSize} in bytes, {@code binaryAsString} (read
 * unannotated BYTE_ARRAY columns as strings). See docs/formats-parquet.md.
 */
public final class ParquetCodecFactory implements CodecFactory {
    /** The format name, as registered by the built-in formats. */
    public static final String FORMAT = "parquet";

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Set<String> optionNames() {
        return ParquetOptions.NAMES;
    }

    @Override
    public Codec create(Map<String, Object> options) {
        return new ParquetCodec(ParquetOptions.parse(options));
    }
}
