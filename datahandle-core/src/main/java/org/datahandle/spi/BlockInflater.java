package org.datahandle.spi;

import java.util.zip.DataFormatException;

/**
 * Decompresses whole raw deflate streams (RFC 1951), each into room that holds all of its output,
 * as BGZF's blocks of at most 64 KiB are read. Not thread-safe: one per thread, or pooled and
 * handed to one thread at a time. It holds native memory in some providers, so {@link #close()}
 * it; using it after close is an {@link IllegalStateException}, never a crash.
 *
 * <p>It returns the length it inflated rather than checking an expected one, so a caller that
 * knows the size (BGZF's ISIZE) reports a mismatch with both numbers.
 *
 * @since 0.1
 */
public interface BlockInflater extends AutoCloseable {

    /**
     * Inflates {@code in[inOffset, inOffset + inLength)}, which must hold exactly one complete raw
     * deflate stream and nothing after it, into {@code out[outOffset, outOffset + outRoom)}.
     *
     * @return the number of bytes inflated
     * @throws DataFormatException if the data is not valid deflate, ends before its final block, has
     *     bytes after its end, or inflates to more than {@code outRoom} bytes; the message says which
     *     as far as the provider can tell (libdeflate reports truncated and invalid data alike).
     *     What was written into {@code out} is then garbage.
     * @throws IndexOutOfBoundsException if a range lies outside its array
     * @throws IllegalArgumentException if {@code in} and {@code out} are the same array
     * @throws IllegalStateException if it has been closed
     */
    int inflate(byte[] in, int inOffset, int inLength, byte[] out, int outOffset, int outRoom)
            throws DataFormatException;

    /** Frees what it holds; later calls do nothing. */
    @Override
    void close();
}
