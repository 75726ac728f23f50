package org.datahandle.formats.arrow;

import java.util.Locale;
import java.util.Optional;

/**
 * How record batch bodies are compressed: not at all (the default, so that readers can map the file and
 * use it without a copy), or buffer by buffer with one of the two codecs the Arrow IPC format defines.
 * Compressed files are smaller on disk but every reader must decompress every buffer.
 */
public enum ArrowCompression {
    /** Buffers as they are: mappable, zero-copy for pyarrow, numpy and others. */
    NONE,
    /** LZ4 frame format per buffer ({@code CompressionType.LZ4_FRAME}): fast. */
    LZ4_FRAME,
    /** Zstandard per buffer ({@code CompressionType.ZSTD}): smaller. */
    ZSTD;

    /** The option spelling: {@code none}, {@code lz4}, {@code zstd}. */
    public String optionName() {
        return switch (this) {
            case NONE -> "none";
            case LZ4_FRAME -> "lz4";
            case ZSTD -> "zstd";
        };
    }

    /** Parses {@code none}, {@code lz4} (or {@code lz4_frame}) and {@code zstd}, in any case. */
    public static Optional<ArrowCompression> parse(String name) {
        return Optional.ofNullable(switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "none", "uncompressed" -> NONE;
            case "lz4", "lz4_frame" -> LZ4_FRAME;
            case "zstd" -> ZSTD;
            default -> null;
        });
    }
}
