package org.datahandle.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A response body: exactly its {@code Content-Length}, or chunked. Closing it leaves the connection open. */
abstract sealed class HttpBodyOutput extends OutputStream {
    protected final OutputStream out;
    protected boolean closed;

    HttpBodyOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    void requireOpen() throws IOException {
        if (closed) {
            throw new IOException("the response body is closed");
        }
    }

    /** {@code Content-Length} bytes: writing more is an error; closing with fewer leaves it incomplete. */
    static final class Fixed extends HttpBodyOutput {
        private long remaining;

        Fixed(OutputStream out, long length) {
            super(out);
            this.remaining = length;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            requireOpen();
            if (len > remaining) {
                throw new IOException("the response body is longer than its Content-Length");
            }
            out.write(b, off, len);
            remaining -= len;
        }

        boolean complete() {
            return remaining == 0;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.flush();
            }
        }
    }

    /** Chunked transfer coding: one chunk per write, the last chunk on close. */
    static final class Chunked extends HttpBodyOutput {
        Chunked(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            requireOpen();
            if (len == 0) {
                return; // an empty chunk would end the body
            }
            out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b, off, len);
            out.write('\r');
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
    }
}
