package org.datahandle.formats.compress;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.datahandle.spi.CompressionCodec;

/**
 * {@code gz}: gzip (RFC 1952). Reads every concatenated member, so BGZF files and {@code cat a.gz
 * b.gz} read in full. Writes one member. Option {@code level}: 0 to 9, default 6 (as gzip).
 */
public final class GzipCodec implements CompressionCodec {

    /** Option name for the deflate level, 0 (store) to 9 (smallest). */
    public static final String LEVEL = "level";
    static final int DEFAULT_LEVEL = 6;

    @Override
    public String name() {
        return "gz";
    }

    @Override
    public List<String> suffixes() {
        return List.of(".gz");
    }

    @Override
    public Set<String> optionNames() {
        return Set.of(LEVEL);
    }

    @Override
    public boolean matches(byte[] head, int length) {
        return length >= 3 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B && head[2] == 8;
    }

    @Override
    public int magicLength() {
        return 3;
    }

    @Override
    public InputStream decompress(InputStream compressed) {
        return new MultiMemberGzipInputStream(compressed);
    }

    @Override
    public OutputStream compress(OutputStream out, Map<String, Object> options) throws IOException {
        requireNonNull(out, "out is null");
        int level = CompressionOptions.intOption(options, name(), LEVEL, DEFAULT_LEVEL, 0, 9);
        // DeflaterOutputStream deflates on every write call; buffering makes small writes cheap.
        return new BufferedOutputStream(new LeveledGzipOutputStream(out, level), 64 * 1024);
    }

    /** GZIPOutputStream has no level parameter, but its Deflater may be re-levelled before any data. */
    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(level);
        }
    }
}
