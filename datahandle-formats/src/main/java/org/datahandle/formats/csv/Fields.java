package org.datahandle.formats.csv;

import java.util.Arrays;

/** The fields of one record: their bytes (quotes removed, doubled quotes undone) in one reused buffer. */
final class Fields {
    byte[] bytes = new byte[1024];
    int length;
    int[] starts = new int[16];
    int[] ends = new int[16];
    boolean[] quoted = new boolean[16];
    int count;
    /** 1-based line where the record starts. */
    long line;
    /** Byte offset (after decompression) where the record starts. */
    long offset;

    /** Buffer size kept between records; a bigger one, grown for one huge field, is let go. */
    private static final int KEEP_BYTES = 1 << 20;
    private final long maxBytes = CsvLimits.maxRecordBytes();
    private final int maxColumns = CsvLimits.maxColumns();

    void clear() {
        if (bytes.length > KEEP_BYTES) {
            bytes = new byte[1024];
        }
        length = 0;
        count = 0;
    }

    void startField(boolean isQuoted) {
        if (count >= maxColumns) {
            throw CsvLimits.tooManyColumns(maxColumns);
        }
        if (count == starts.length) {
            int n = count * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            quoted = Arrays.copyOf(quoted, n);
        }
        starts[count] = length;
        quoted[count] = isQuoted;
    }

    void endField() {
        ends[count++] = length;
    }

    void append(byte b) {
        if (length == bytes.length) {
            requireRoom(1);
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }

    void append(byte[] src, int off, int len) {
        if (length + len > bytes.length) {
            requireRoom(len);
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + len));
        }
        System.arraycopy(src, off, bytes, length, len);
        length += len;
    }

    /** Checked only when the buffer grows, so the common path costs nothing. */
    private void requireRoom(int more) {
        if ((long) length + more > maxBytes) {
            throw CsvLimits.recordTooLong(maxBytes);
        }
    }

    int start(int field) {
        return starts[field];
    }

    int length(int field) {
        return ends[field] - starts[field];
    }

    String text(int field) {
        return new String(bytes, starts[field], length(field), java.nio.charset.StandardCharsets.UTF_8);
    }
}
