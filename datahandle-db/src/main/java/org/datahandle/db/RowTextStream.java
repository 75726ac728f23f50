package org.datahandle.db;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A table's rows as text, encoded a chunk of rows at a time while the driver reads: one bulk
 * statement ({@code COPY}, {@code LOAD DATA}) for a whole batch, in memory bounded by the chunk.
 */
final class RowTextStream extends InputStream {
    /** Appends rows {@code [from, to)} as text. */
    interface Encoder {
        void encode(StringBuilder out, int from, int to);
    }

    private final Encoder encoder;
    private final int rows;
    private final int chunkRows;
    private final StringBuilder text = new StringBuilder(1 << 16);
    private int nextRow;
    private byte[] buffer = new byte[0];
    private int position;

    RowTextStream(Encoder encoder, int rows, int chunkRows) {
        this.encoder = encoder;
        this.rows = rows;
        this.chunkRows = Math.max(1, chunkRows);
    }

    private boolean fill() {
        while (position == buffer.length) {
            if (nextRow >= rows) {
                return false;
            }
            int to = Math.min(rows, nextRow + chunkRows);
            text.setLength(0);
            encoder.encode(text, nextRow, to);
            nextRow = to;
            buffer = text.toString().getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        return true;
    }

    @Override
    public int read() {
        return fill() ? buffer[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }
}
