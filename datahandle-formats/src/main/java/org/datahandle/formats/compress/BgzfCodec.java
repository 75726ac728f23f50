package org.datahandle.formats.compress;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.datahandle.spi.CompressionCodec;

/**
 * {@code bgz}: BGZF, the blocked gzip of htslib's {@code bgzip} (SAM/BAM specification section
 * 4.1). Every BGZF file is also valid multi-member gzip. Both directions use several threads.
 *
 * <p>Options: {@code level}, the deflate level 0 to 9, default 6 (what {@code bgzip}'s default
 * -1 means in zlib and in htslib's libdeflate path); {@code threads}, the threads that deflate
 * blocks, default the number of available processors.
 */
public final class BgzfCodec implements CompressionCodec {

    /** Option name for the deflate level, 0 (store) to 9 (smallest). */
    public static final String LEVEL = "level";
    /** Option name for the number of compressing threads, 1 to 256. */
    public static final String THREADS = "threads";
    static final int DEFAULT_LEVEL = 6;
    static final int MAX_THREADS = 256;

    @Override
    public String name() {
        return "bgz";
    }

    @Override
    public List<String> suffixes() {
        return List.of(".bgz");
    }

    /** True for a gzip header with FEXTRA whose extra field is the BGZF {@code BC} subfield. */
    @Override
    public Set<String> optionNames() {
        return Set.of(LEVEL, THREADS);
    }

    @Override
    public boolean matches(byte[] head, int length) {
        return Bgzf.isBlockHeader(head, length);
    }

    /** Every BGZF file is valid multi-member gzip, so a {@code .gz} that holds BGZF is read as BGZF. */
    @Override
    public Set<String> readableAs() {
        return Set.of("gz");
    }

    @Override
    public int magicLength() {
        return Bgzf.HEADER_LENGTH;
    }

    /** Inflates on up to {@link Runtime#availableProcessors()} threads of a pool of its own. */
    @Override
    public InputStream decompress(InputStream compressed) {
        return new BlockCompressedInputStream(compressed, Runtime.getRuntime().availableProcessors());
    }

    /** Inflates ahead on {@code executor} (the catalog's), as many blocks as {@link Runtime#availableProcessors()} threads keep busy. */
    @Override
    public InputStream decompress(InputStream compressed, Executor executor) {
        requireNonNull(executor, "executor is null");
        return new BlockCompressedInputStream(compressed, Runtime.getRuntime().availableProcessors(), executor);
    }

    @Override
    public OutputStream compress(OutputStream out, Map<String, Object> options) {
        requireNonNull(out, "out is null");
        int level = CompressionOptions.intOption(options, name(), LEVEL, DEFAULT_LEVEL, 0, 9);
        int threads = CompressionOptions.intOption(
                options, name(), THREADS, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()), 1, MAX_THREADS);
        return new BlockCompressedOutputStream(out, level, threads);
    }
}
