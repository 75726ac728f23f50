package org.datahandle.formats.compress;

import static java.util.Objects.requireNonNull;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.datahandle.spi.CompressionCodec;

/**
 * {@code zst}: Zstandard through zstd-jni. Reads every frame; writes one frame with a content
 * checksum (as the {@code zstd} CLI does), so corruption is detected on reading. Option
 * {@code level}: zstd's levels (negative ones are the fast levels), default 3 (as the CLI).
 */
public final class ZstdCodec implements CompressionCodec {

    /** Option name for the zstd level. */
    public static final String LEVEL = "level";
    static final int DEFAULT_LEVEL = 3;

    @Override
    public String name() {
        return "zst";
    }

    @Override
    public List<String> suffixes() {
        return List.of(".zst");
    }

    /** The zstd frame magic {@code 28 b5 2f fd}, or a skippable frame (which pzstd writes first). */
    @Override
    public Set<String> optionNames() {
        return Set.of(LEVEL);
    }

    @Override
    public boolean matches(byte[] head, int length) {
        if (length < 4) {
            return false;
        }
        int magic = Bgzf.int32(head, 0);
        return magic == 0xFD2FB528 || (magic & 0xFFFFFFF0) == 0x184D2A50;
    }

    @Override
    public InputStream decompress(InputStream compressed) {
        return new ZstdDecompressingInputStream(compressed);
    }

    @Override
    public OutputStream compress(OutputStream out, Map<String, Object> options) throws IOException {
        requireNonNull(out, "out is null");
        int level = CompressionOptions.intOption(
                options, name(), LEVEL, DEFAULT_LEVEL, Zstd.minCompressionLevel(), Zstd.maxCompressionLevel());
        ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(out, level);
        zstd.setChecksum(true);
        // Each write is a JNI call; buffering makes small writes cheap.
        return new BufferedOutputStream(zstd, 64 * 1024);
    }
}
