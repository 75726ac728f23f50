package org.datahandle.spi;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.datahandle.DataFormatException;

/**
 * A decompressed stream whose decoder failures (truncated or corrupt input) surface as
 * {@link DataFormatException}s naming the handle, the file and the decompressed offset reached.
 * The library wraps every compressed {@link ReadSource} this way; test harnesses and adapters that
 * open compressed files themselves use it to report the same errors.
 */
public final class DecoderErrorStream extends FilterInputStream {
    private final String handleId;
    private final Location location;
    private long offset;

    public DecoderErrorStream(InputStream decoded, String handleId, Location location) {
        super(decoded);
        this.handleId = handleId;
        this.location = location;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = in.read();
            if (b >= 0) {
                offset++;
            }
            return b;
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = in.read(b, off, len);
            if (n > 0) {
                offset += n;
            }
            return n;
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    private DataFormatException corrupt(IOException e) {
        return new DataFormatException(handleId, location.uri(), -1, -1, offset,
                "compressed data is corrupt or truncated there (the offset counts decompressed bytes): "
                        + e.getMessage(), e);
    }
}
