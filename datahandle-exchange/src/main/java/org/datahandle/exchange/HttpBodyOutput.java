package org.datahandle.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
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
        /**
         * Bytes handed to {@code sendfile} at once: between them the transfer reports progress, so a slow but
         * steady reader is not taken for a stalled one (the same step as {@link ProgressOutputStream}'s).
         */
        private static final long TRANSFER_STEP = 256L << 10;
        private final SocketChannel socket;
        private long remaining;

        Fixed(OutputStream out, long length, SocketChannel socket) {
            super(out);
            this.remaining = length;
            this.socket = socket;
        }

        /** Whether {@link #transferFrom} sends without copying: plain text, a socket with a channel. */
        boolean zeroCopy() {
            return socket != null && socket.isBlocking();
        }

        /**
         * Sends {@code count} bytes of {@code file} from {@code position}, as they are in the file: the kernel
         * copies them from the page cache to the socket ({@link FileChannel#transferTo}, {@code sendfile} on
         * Linux), nothing passes through the heap, and no more is held than the socket's send buffer. A reader
         * that stops reading blocks the call until the idle watchdog shuts the socket down.
         */
        void transferFrom(FileChannel file, long position, long count, Runnable progress) throws IOException {
            requireOpen();
            if (!zeroCopy()) {
                throw new IllegalStateException("no socket channel to transfer to");
            }
            if (count > remaining) {
                throw new IOException("the response body is longer than its Content-Length");
            }
            out.flush(); // the head, still in the buffer, goes first
            long end = position + count;
            while (position < end) {
                long n = file.transferTo(position, Math.min(TRANSFER_STEP, end - position), socket);
                if (n <= 0) {
                    // a blocking socket takes at least a byte or fails; nothing sent means the file is short
                    throw new IOException(position >= file.size()
                            ? "the file ended at byte " + position + " while it was served"
                            : "the connection took no bytes at byte " + position + " of the file");
                }
                position += n;
                remaining -= n;
                progress.run();
            }
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
