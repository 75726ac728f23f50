package org.datahandle.internal.state;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.datahandle.DataFormatException;
import org.datahandle.spi.DiskInference;
import org.datahandle.spi.Location;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.Registry;
import org.datahandle.spi.SeekableInput;

/** One file of a handle as a codec sees it: decompressed, with decoder failures reported as data errors. */
final class DiskSource implements ReadSource {
    private final String handleId;
    private final Location location;
    private final DiskLayout layout;
    private final Registry registry;
    private final DiskInference inference;

    DiskSource(String handleId, Location location, DiskLayout layout, Registry registry, DiskInference inference) {
        this.handleId = handleId;
        this.location = location;
        this.layout = layout;
        this.registry = registry;
        this.inference = inference;
    }

    @Override
    public String handleId() {
        return handleId;
    }

    @Override
    public Location location() {
        return location;
    }

    @Override
    public InputStream open() throws IOException {
        InputStream raw = layout.fileSystem().openRead(location);
        String compression = layout.spec().compression();
        InputStream decoded = CompressionCheck.open(raw, compression, layout.spec().format(), location, registry,
                inference);
        return compression.equals("none") ? decoded : new DecoderErrors(decoded, handleId, location);
    }

    @Override
    public SeekableInput openSeekable() throws IOException {
        return layout.fileSystem().openSeekable(location);
    }

    /**
     * Turns a decoder's {@link IOException} (truncated or corrupt input) into a
     * {@link DataFormatException} naming the handle, the file and the decompressed offset reached.
     */
    private static final class DecoderErrors extends FilterInputStream {
        private final String handleId;
        private final Location location;
        private long offset;

        DecoderErrors(InputStream in, String handleId, Location location) {
            super(in);
            this.handleId = handleId;
            this.location = location;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
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
            return new DataFormatException("handle '" + handleId + "': " + location
                    + ": compressed data is corrupt or truncated after " + offset + " decompressed bytes: "
                    + e.getMessage(), location.uri(), -1, offset, e);
        }
    }
}
