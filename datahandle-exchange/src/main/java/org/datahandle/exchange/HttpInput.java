package org.datahandle.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A connection's input: a buffer for the request heads and chunk lines, which reads large body blocks
 * straight from the socket into the caller's array (the JDK server hands a body over in reads of at most
 * 8 KiB; docs/performance.md, issue 12). Lines are bounded: a line longer than its limit is an error, never
 * a growing buffer.
 */
final class HttpInput {
    private static final int BUFFER = 64 << 10;

    private final InputStream socket;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private long consumed;
    private long lineDeadline;
    private boolean hasLineDeadline;

    HttpInput(InputStream socket) {
        this.socket = socket;
    }

    /**
     * Lines must be complete by then ({@link System#nanoTime()}): a client that sends a request head a byte
     * at a time cannot hold a connection longer than that (the socket timeout bounds each wait, this the sum).
     */
    void lineDeadline(long nanoTime) {
        this.lineDeadline = nanoTime;
        this.hasLineDeadline = true;
    }

    /** Lines may take as long as the reads allow (chunk lines: the idle watchdog watches a body). */
    void noLineDeadline() {
        this.hasLineDeadline = false;
    }

    /** Bytes taken from this input so far (for error offsets). */
    long consumed() {
        return consumed;
    }

    /**
     * The next line without its CRLF, as ISO-8859-1; {@code null} at the end of the input before any byte.
     *
     * @param limit the most bytes the line may take, CRLF included
     * @throws HttpProtocolException 431-or-400 ({@code tooLong}) when longer, 400 for a bare LF or CR, or an
     *     end of input inside the line
     */
    String readLine(int lineLimit, HttpProtocolException tooLong) throws IOException {
        int limit = Math.min(lineLimit, BUFFER - 1);
        int start = pos;
        int scanned = 0;
        while (true) {
            for (int i = start + scanned; i < lim; i++) {
                byte c = buf[i];
                if (c == '\n') {
                    if (i + 1 - start > limit) {
                        throw tooLong;
                    }
                    if (i == start || buf[i - 1] != '\r') {
                        throw HttpProtocolException.badRequest("a line ends in a bare LF; HTTP lines end in CRLF");
                    }
                    String line = new String(buf, start, i - 1 - start, StandardCharsets.ISO_8859_1);
                    if (line.indexOf('\r') >= 0) {
                        throw HttpProtocolException.badRequest("a bare CR inside a line");
                    }
                    consumed += i + 1 - start;
                    pos = i + 1;
                    return line;
                }
            }
            scanned = lim - start;
            if (scanned >= limit) {
                throw tooLong;
            }
            if (start > 0) { // make room: move the partial line to the front
                System.arraycopy(buf, start, buf, 0, lim - start);
                lim -= start;
                pos = 0;
                start = 0;
            }
            if (hasLineDeadline && System.nanoTime() - lineDeadline > 0) {
                throw new HttpProtocolException(408, WireError.BAD_REQUEST, "the request head came too slowly");
            }
            int n = socket.read(buf, lim, Math.min(buf.length - lim, limit + 1 - scanned));
            if (n < 0) {
                if (scanned == 0) {
                    return null;
                }
                throw HttpProtocolException.badRequest("the connection ended inside a line");
            }
            lim += n;
        }
    }

    /** Up to {@code len} bytes; large reads go straight from the socket into {@code b}. */
    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        if (pos < lim) {
            n = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
        } else if (len >= BUFFER / 2) {
            n = socket.read(b, off, len);
        } else {
            int got = socket.read(buf, 0, buf.length);
            if (got <= 0) {
                return got;
            }
            pos = 0;
            lim = got;
            n = Math.min(len, got);
            System.arraycopy(buf, 0, b, off, n);
            pos = n;
        }
        if (n > 0) {
            consumed += n;
        }
        return n;
    }

    /** Whether bytes are buffered (a client that pipelines requests). */
    int buffered() {
        return lim - pos;
    }
}
