package org.datahandle.internal.publish;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/** Sums the bytes of a staged file as they are written; the sum counts only once the stream is closed. */
final class ChecksumOutputStream extends FilterOutputStream {
    private final CRC32C crc = new CRC32C();
    private volatile boolean closed;

    ChecksumOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        crc.update(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        crc.update(b, off, len);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            super.close();
            closed = true;
        }
    }

    boolean isClosed() {
        return closed;
    }

    String crc32c() {
        return Checksums.hex(crc);
    }
}
