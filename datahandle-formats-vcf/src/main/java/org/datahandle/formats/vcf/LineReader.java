package org.datahandle.formats.vcf;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Lines of a byte stream, handed out as ranges of an internal buffer (no copy, no String): the
 * current line is {@code buffer()[start(), end())}, valid until the next call. A trailing
 * {@code \r} is dropped. Lines longer than {@link #MAX_LINE} fail rather than exhaust the heap.
 */
final class LineReader implements LineSource {
    static final int MAX_LINE = 256 << 20;

    private final InputStream in;
    private final VcfErrors errors;
    private byte[] buf = new byte[1 << 18];
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;
    private long lineNumber;
    /** Decompressed offset of the next unread byte; the current line starts at {@link #lineOffset()}. */
    private long consumed;
    private long lineOffset;

    LineReader(InputStream in, VcfErrors errors, long firstLineNumber) {
        this.in = in;
        this.errors = errors;
        this.lineNumber = firstLineNumber - 1;
    }

    /** Advances to the next line; false at the end of the stream. */
    @Override
    public boolean next() throws IOException {
        int from = pos;
        while (true) {
            int i = newline(buf, from, limit);
            if (i >= 0) {
                take(pos, i, i + 1);
                return true;
            }
            if (eof) {
                if (pos < limit) {
                    take(pos, limit, limit);
                    return true;
                }
                return false;
            }
            from = limit - pos;
            fill();
            from = pos + from;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

    /**
     * The first {@code '\n'} in {@code b[from, to)}, or -1. Eight bytes per step (a genotype line is
     * 10 kB or more, and this scan is a pass over every byte of the file): a zero byte of
     * {@code word ^ NEWLINES} is a newline, and the lowest flagged byte of the classic zero-byte test
     * is always a true one.
     */
    static int newline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long hit = (x - ONES) & ~x & HIGHS;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void take(int s, int e, int nextPos) {
        lineOffset = consumed;
        consumed += nextPos - s;
        start = s;
        end = e > s && buf[e - 1] == '\r' ? e - 1 : e;
        pos = nextPos;
        lineNumber++;
    }

    /** Moves the unread bytes to the front (growing the buffer if a line fills it) and reads more. */
    private void fill() throws IOException {
        int remaining = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, remaining);
            pos = 0;
            limit = remaining;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_LINE) {
                throw errors.at(lineNumber + 1, "a line longer than " + MAX_LINE + " bytes; this is not VCF text");
            }
            buf = Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    @Override
    public byte[] buffer() {
        return buf;
    }

    @Override
    public int start() {
        return start;
    }

    @Override
    public int end() {
        return end;
    }

    @Override
    public long lineNumber() {
        return lineNumber;
    }

    /** The bytes read from the stream but not yet returned as lines, for a reader that carries on from here. */
    byte[] unread() {
        return Arrays.copyOfRange(buf, pos, limit);
    }

    /** Whether the stream has reported its end. */
    boolean atEnd() {
        return eof;
    }

    long lineOffset() {
        return lineOffset;
    }

    String text() {
        return new String(buf, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    boolean startsWith(String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
