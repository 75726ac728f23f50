package org.datahandle.exchange;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body: {@code Content-Length} bytes, or chunked transfer coding decoded strictly (a chunk size is
 * 1 to 15 hex digits, optionally followed by extensions, which are ignored; each chunk's data ends in CRLF;
 * trailer fields are read, bounded, and dropped). Reads of the data go straight to the connection, so a
 * large read is one large socket read. A body cut short is an I/O error, never a silent end.
 */
abstract sealed class HttpBodyInput extends InputStream {
    private final byte[] one = new byte[1];

    /** Whether the whole body has been read (the connection may then carry another request). */
    abstract boolean complete();

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public void close() {
        // the connection decides: an unread rest of the body makes it close instead of carrying another request
    }

    static HttpBodyInput of(HttpInput in, HttpRequestHead head, int maxHeaderBytes) {
        return head.chunked() ? new Chunked(in, maxHeaderBytes) : new Fixed(in, head.bodyLength());
    }

    /** {@code Content-Length} bytes. */
    static final class Fixed extends HttpBodyInput {
        private final HttpInput in;
        private long remaining;

        Fixed(HttpInput in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("the request body ended " + remaining + " bytes before its Content-Length");
            }
            remaining -= n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(remaining, in.buffered());
        }

        @Override
        boolean complete() {
            return remaining == 0;
        }
    }

    /** Chunked transfer coding. */
    static final class Chunked extends HttpBodyInput {
        private static final int MAX_CHUNK_LINE = 4096;
        private static final HttpProtocolException LONG_LINE = HttpProtocolException.badRequest(
                "a chunk size line is over " + MAX_CHUNK_LINE + " bytes");

        private final HttpInput in;
        private final int maxTrailerBytes;
        private long chunkRemaining;
        private boolean inChunk;
        private boolean done;

        Chunked(HttpInput in, int maxTrailerBytes) {
            this.in = in;
            this.maxTrailerBytes = maxTrailerBytes;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return done ? -1 : 0;
            }
            while (!done) {
                if (inChunk && chunkRemaining > 0) {
                    int n = in.read(b, off, (int) Math.min(len, chunkRemaining));
                    if (n < 0) {
                        throw new EOFException("the request body ended inside a chunk");
                    }
                    chunkRemaining -= n;
                    return n;
                }
                if (inChunk) {
                    String crlf = line();
                    if (!crlf.isEmpty()) {
                        throw HttpProtocolException.badRequest("a chunk's data is longer than its size says");
                    }
                    inChunk = false;
                }
                long size = chunkSize(line());
                if (size == 0) {
                    trailers();
                    done = true;
                    break;
                }
                chunkRemaining = size;
                inChunk = true;
            }
            return -1;
        }

        private String line() throws IOException {
            String l = in.readLine(MAX_CHUNK_LINE, LONG_LINE);
            if (l == null) {
                throw new EOFException("the request body ended before its last chunk");
            }
            return l;
        }

        /** 1 to 15 hex digits, then nothing or {@code ;extensions} (ignored). */
        static long chunkSize(String line) throws HttpProtocolException {
            int end = line.indexOf(';');
            String digits = (end < 0 ? line : line.substring(0, end));
            if (end >= 0) {
                digits = digits.stripTrailing(); // BWS before the extension
            }
            if (digits.isEmpty() || digits.length() > 15) {
                throw HttpProtocolException.badRequest("malformed chunk size '" + printable(line) + "'");
            }
            long n = 0;
            for (int i = 0; i < digits.length(); i++) {
                int d = Character.digit(digits.charAt(i), 16);
                if (d < 0) {
                    throw HttpProtocolException.badRequest("malformed chunk size '" + printable(line) + "'");
                }
                n = n << 4 | d;
            }
            return n;
        }

        private void trailers() throws IOException {
            long bytes = 0;
            for (int fields = 0; ; fields++) {
                String t = line();
                bytes += t.length() + 2;
                if (t.isEmpty()) {
                    return;
                }
                if (bytes > maxTrailerBytes || fields >= HttpRequestHead.MAX_HEADERS) {
                    throw new HttpProtocolException(431, WireError.HEADERS_TOO_LARGE, "the chunked trailer is too large");
                }
                int colon = t.indexOf(':');
                if (colon <= 0 || !HttpRequestHead.isToken(t.substring(0, colon))) {
                    throw HttpProtocolException.badRequest("malformed trailer field");
                }
            }
        }

        private static String printable(String s) {
            String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
            return cut.replaceAll("[^\\x20-\\x7e]", "?");
        }

        @Override
        public int available() {
            return inChunk ? (int) Math.min(chunkRemaining, in.buffered()) : 0;
        }

        @Override
        boolean complete() {
            return done;
        }
    }
}
