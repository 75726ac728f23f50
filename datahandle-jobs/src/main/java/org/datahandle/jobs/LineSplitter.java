package org.datahandle.jobs;

import java.io.IOException;
import java.io.InputStream;

/**
 * Drains a byte stream into lines of at most {@code maxLine} bytes. A longer line is handed over in
 * pieces, each but the last marked partial, cut where no UTF-8 sequence is split. When a read has
 * taken everything the pipe held, the sink is told the batch ended: under a flood that is seldom,
 * for a trickle once per line, which is when a follower should see it.
 */
final class LineSplitter {

    /** Receives lines (without the newline; bytes valid only during the call) and batch ends. */
    interface Sink {
        /** A read took bytes from the stream (or found its end): the lines handed over next arrived now. */
        default void beginChunk() {}

        /** The lines of the chunk {@link #beginChunk()} announced were all handed over. */
        default void endChunk() {}

        void line(byte[] bytes, int off, int len, boolean partial);

        void batchEnd();
    }

    private final byte[] buf;
    private int len;
    /** The last piece handed over was partial: the line is still open. */
    private boolean open;

    LineSplitter(int maxLine) {
        if (maxLine < 16) {
            throw new IllegalArgumentException("the line limit must be at least 16 bytes, got " + maxLine);
        }
        this.buf = new byte[maxLine];
    }

    /** Reads {@code in} to its end. A last line without a newline is still a line. */
    void drain(InputStream in, Sink sink) throws IOException {
        int n;
        while ((n = in.read(buf, len, buf.length - len)) >= 0) {
            if (n == 0) {
                continue;
            }
            process(n, sink);
            if (nothingWaiting(in)) {
                sink.batchEnd();
            }
        }
        endOfInput(sink);
    }

    /**
     * Takes {@code n} bytes that arrived together (one read of the pipe, spooled) and hands over
     * the lines they complete, as {@link #drain} would have.
     */
    void feed(byte[] src, int off, int n, Sink sink) {
        while (n > 0) {
            int k = Math.min(n, buf.length - len);
            System.arraycopy(src, off, buf, len, k);
            process(k, sink);
            off += k;
            n -= k;
        }
    }

    /** The {@code n} bytes just placed after the {@code len} kept ones: hands over their lines. */
    private void process(int n, Sink sink) {
        sink.beginChunk();
        try {
            int start = 0;
            int end = len + n;
            for (int i = len; i < end; i++) {
                // eight bytes at a time past the bytes of a line
                while (i + 8 <= end && !Bytes.hasNewline((long) Bytes.LONG.get(buf, i))) {
                    i += 8;
                }
                if (i < end && buf[i] == '\n') {
                    sink.line(buf, start, i - start, false);
                    open = false;
                    start = i + 1;
                }
            }
            len = end - start;
            if (start > 0 && len > 0) {
                System.arraycopy(buf, start, buf, 0, len);
            }
            if (len == buf.length) {
                int cut = utf8Boundary(buf, len);
                sink.line(buf, 0, cut, true);
                open = true;
                len -= cut;
                System.arraycopy(buf, cut, buf, 0, len);
            }
        } finally {
            sink.endChunk();
        }
    }

    /** True when a read now would block: the moment to make the batch visible. */
    private static boolean nothingWaiting(InputStream in) {
        try {
            return in.available() <= 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Hands over what is left as a last line (a stream closed without a final newline). */
    void endOfInput(Sink sink) {
        if (len > 0 || open) {
            sink.beginChunk();
            try {
                // the line's last piece; empty when the line ended exactly at a piece boundary
                sink.line(buf, 0, len, false);
            } finally {
                sink.endChunk();
            }
            len = 0;
            open = false;
        }
        sink.batchEnd();
    }

    /** The largest cut <= len that does not fall inside a UTF-8 sequence (backs up at most 3 bytes). */
    static int utf8Boundary(byte[] b, int len) {
        int i = len - 1;
        int continuations = 0;
        while (i >= 0 && continuations < 3 && (b[i] & 0xC0) == 0x80) {
            i--;
            continuations++;
        }
        if (i <= 0) {
            return len;
        }
        int lead = b[i] & 0xFF;
        if (lead < 0xC0) {
            return len; // ASCII, or stray continuation bytes that are not UTF-8 anyway
        }
        int needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
        return needed > continuations ? i : len;
    }
}
