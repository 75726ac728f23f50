package org.datahandle.spi;

import java.util.Optional;

/**
 * An implementation of raw deflate (RFC 1951) for whole blocks, such as the 64 KiB blocks of BGZF:
 * the JDK's zlib ({@code jdk}, built into {@code datahandle-formats}) or a faster native library
 * ({@code libdeflate}, in {@code datahandle-libdeflate}). Found by {@code ServiceLoader}; which one
 * the compressions use is chosen once per process by the system property {@code datahandle.deflate}
 * ({@code auto}, the default, or a provider's {@link #name()}), as {@code docs/compressions.md} describes.
 *
 * <p>Every provider reads what any other writes: the format is standard deflate. Output bytes may
 * differ between providers at the same level, and so may the compressed size.
 *
 * <p>A provider must be cheap to construct (ServiceLoader constructs every one it finds): native
 * code is loaded by {@link #unavailableReason()}, not by the constructor.
 *
 * @since 0.1
 */
public interface DeflateProvider {

    /** The lowest {@code level}: stored blocks, no compression. */
    int MIN_LEVEL = 0;
    /** The highest {@code level}: the smallest output zlib's scale has. */
    int MAX_LEVEL = 9;

    /** The name {@code datahandle.deflate} selects it by: {@code jdk}, {@code libdeflate}. */
    String name();

    /**
     * Why this provider cannot run in this process (its native library is missing, or built for
     * another platform), or empty when it can. Never throws; the first call may load native code
     * and later calls return the same answer.
     */
    Optional<String> unavailableReason();

    /**
     * A new compressor at {@code level}, on zlib's scale: 0 stores the data uncompressed, 1 is the
     * fastest, 6 the usual default, 9 the smallest. A provider with a wider scale maps these onto
     * it as htslib does, so that level N means what {@code bgzip -l N} means.
     *
     * @throws IllegalArgumentException if {@code level} is outside 0 to 9
     * @throws IllegalStateException if the provider is unavailable ({@link #unavailableReason()})
     */
    BlockDeflater newDeflater(int level);

    /**
     * A new decompressor.
     *
     * @throws IllegalStateException if the provider is unavailable ({@link #unavailableReason()})
     */
    BlockInflater newInflater();
}
