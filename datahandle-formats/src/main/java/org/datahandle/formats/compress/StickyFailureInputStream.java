package org.datahandle.formats.compress;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The read skeleton of the decompressing streams: a read after close fails, and after the first
 * {@link IOException} every later read repeats it, since a decoder's state after an error is broken and
 * going on could report a clean end of truncated data.
 */
abstract class StickyFailureInputStream extends InputStream {
    /** The compression's name in "... stream closed". */
    private final String format;
    private final byte[] single = new byte[1];
    /** The first error. */
    private IOException failure;

    StickyFailureInputStream(String format) {
        this.format = format;
    }

    /**
     * Reads decompressed bytes, as {@link InputStream#read(byte[], int, int)}; the arguments are checked and
     * the stream is open and has not failed. An {@link IOException} thrown here becomes the stream's failure.
     */
    abstract int readDecompressed(byte[] b, int off, int len) throws IOException;

    abstract boolean isClosed();

    @Override
    public final int read() throws IOException {
        int n = read(single, 0, 1);
        return n < 0 ? -1 : single[0] & 0xFF;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (isClosed()) {
            throw new IOException(format + " stream closed");
        }
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        try {
            return readDecompressed(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }
}
