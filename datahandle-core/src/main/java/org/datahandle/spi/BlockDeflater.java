package org.datahandle.spi;

/**
 * Compresses whole blocks into raw deflate (RFC 1951: no zlib or gzip header), each block on its
 * own. Not thread-safe: one per thread, or pooled and handed to one thread at a time. It holds
 * native memory in some providers, so {@link #close()} it; using it after close is an
 * {@link IllegalStateException}, never a crash.
 *
 * @since 0.1
 */
public interface BlockDeflater extends AutoCloseable {

    /** What {@link #deflate} returns when the compressed block does not fit in the room given. */
    int DOES_NOT_FIT = -1;

    /**
     * Room beyond the compressed length that a provider may need to write it: libdeflate writes
     * whole 8-byte words, so a stream of n bytes may need n + 8 bytes of room. Callers size their
     * buffers for the worst case (BGZF: 64 KiB for 65,280 bytes of data), never for an exact length.
     */
    int SLACK = 16;

    /** The level it was made for, 0 to 9. */
    int level();

    /**
     * Compresses {@code in[inOffset, inOffset + inLength)} as one complete raw deflate stream (its
     * last block marked final) into {@code out[outOffset, outOffset + outRoom)}. Empty input gives a
     * valid stream of a few bytes. At level 0 the output is stored blocks, about 5 bytes per 64 KiB
     * larger than the input.
     *
     * @return the number of bytes written, at least 1, or {@link #DOES_NOT_FIT} when the stream
     *     does not fit in {@code outRoom} bytes, which may be the case up to {@link #SLACK} bytes
     *     before the room is full (what was written into {@code out} is then garbage)
     * @throws IndexOutOfBoundsException if a range lies outside its array
     * @throws IllegalArgumentException if {@code in} and {@code out} are the same array
     * @throws IllegalStateException if it has been closed
     */
    int deflate(byte[] in, int inOffset, int inLength, byte[] out, int outOffset, int outRoom);

    /** Frees what it holds; later calls do nothing. */
    @Override
    void close();
}
