package org.datahandle.formats.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Records as parsed, column by column: each column's cell bytes in one array with end offsets and a
 * null bitmap, plus where each record came from (source, line, byte offset) for error messages. Types are
 * inferred while cells arrive; {@link BatchConverter} then parses the bytes into typed columns.
 */
final class RawBatch {
    final int width;
    final RawColumn[] columns;
    int rows;
    int[] sources;
    long[] lines;
    long[] offsets;

    /** Remaining candidate types per column ({@link TextTypes} bits); 0 for columns not inferred. */
    final int[] candidates;
    /** Whether the column has had a non-null value. */
    final boolean[] sawValue;
    /**
     * Null markers besides the {@code nullBytes} the add methods are given ({@code nullValue} as a list),
     * or null: checked only after a cell did not match that first one.
     */
    byte[][] moreNulls;
    /**
     * Per column, the cells already converted to their type in pieces ({@link ChunkTypes}), or null: a full read
     * converts each chunk as soon as it is parsed, so its text need not wait for the last row.
     */
    org.datahandle.table.Column[][] typed;
    /** The scratch of a chunk read straight into values ({@link ChunkTypes#startDirect}), reused with the batch; or null. */
    DirectCells direct;
    /** Per float64 piece whose text was let go, the digits after each cell's point ({@link ChunkTypes#decimalPlaces}). */
    byte[][] decimalPlaces;

    RawBatch(int width, boolean[] infer) {
        this(width, infer, 64);
    }

    /** @param rows the expected rows, to size the arrays (they grow as needed) */
    RawBatch(int width, boolean[] infer, int rows) {
        this(width, infer, rows, rows * 8L);
    }

    /**
     * @param rows the expected rows
     * @param bytesPerColumn the expected text of one column (a chunk's length over its width: a wide
     *     file has short cells, and 8 bytes per cell for each of 1,000 columns would be most of the heap)
     */
    RawBatch(int width, boolean[] infer, int rows, long bytesPerColumn) {
        this.width = width;
        this.sources = new int[rows];
        this.lines = new long[rows];
        this.offsets = new long[rows];
        this.columns = new RawColumn[width];
        this.candidates = new int[width];
        this.sawValue = new boolean[width];
        for (int c = 0; c < width; c++) {
            columns[c] = new RawColumn(rows, (int) Math.min(bytesPerColumn, 1 << 24));
            candidates[c] = infer[c] ? TextTypes.ALL : 0;
        }
    }

    /** A batch of the same width and rows, with the inference state of {@code parsed} and no columns yet. */
    static RawBatch shell(RawBatch parsed) {
        RawBatch b = new RawBatch(parsed.width);
        System.arraycopy(parsed.candidates, 0, b.candidates, 0, parsed.width);
        System.arraycopy(parsed.sawValue, 0, b.sawValue, 0, parsed.width);
        b.rows = parsed.rows;
        return b;
    }

    private RawBatch(int width) {
        this.width = width;
        this.columns = new RawColumn[width];
        this.candidates = new int[width];
        this.sawValue = new boolean[width];
    }

    /** A reused array of at least {@code rows} longs, for {@link ChunkTypes} to parse a column into. */
    long[] longScratch(int rows) {
        if (longScratch == null || longScratch.length < rows) {
            longScratch = new long[rows];
        }
        return longScratch;
    }

    private long[] longScratch;

    /** Empties the batch for the next chunk, inference started over ({@link ChunkTypes} reuses batches). */
    void reset(boolean[] infer) {
        clear();
        for (int c = 0; c < width; c++) {
            candidates[c] = infer[c] ? TextTypes.ALL : 0;
            sawValue[c] = false;
        }
    }

    /** Empties the batch for reuse; inference state is kept (streaming infers from the first batch only). */
    void clear() {
        rows = 0;
        for (RawColumn c : columns) {
            c.clear();
        }
    }

    /**
     * Adds one record of unquoted cells read in place: cell {@code c} is {@code b[starts[c], ends[c])}.
     * The same as {@link #add(Fields, int, byte[])} for a record without quotes, minus one copy.
     */
    void addUnquoted(byte[] b, int[] starts, int[] ends, long line, long offset, int source, byte[] nullBytes) {
        if (rows == lines.length) {
            grow();
        }
        sources[rows] = source;
        lines[rows] = line;
        offsets[rows] = offset;
        for (int c = 0; c < width; c++) {
            int start = starts[c];
            int len = ends[c] - start;
            RawColumn col = columns[c];
            if (len == 0 || (nullBytes != null && (equals(b, start, len, nullBytes)
                    || (moreNulls != null && NullMarkers.matchesAny(moreNulls, b, start, len))))) {
                col.appendNull(rows);
            } else {
                col.append(b, start, len);
                if (candidates[c] != 0) {
                    candidates[c] = TextTypes.narrow(candidates[c], b, start, len);
                }
                sawValue[c] = true;
            }
        }
        rows++;
    }

    /**
     * Records where a row added by {@link DirectCells} came from, and counts it; its text columns were
     * appended by the caller.
     */
    void addRow(long line, long offset, int source) {
        if (rows == lines.length) {
            grow();
        }
        sources[rows] = source;
        lines[rows] = line;
        offsets[rows] = offset;
        rows++;
    }

    /**
     * Whether a cell that is not empty is a null marker: {@code nullBytes} (not null), or one of
     * {@code moreNulls} (or null), as {@link #addUnquoted} tells them.
     */
    static boolean isNullMarker(byte[] b, int start, int len, byte[] nullBytes, byte[][] moreNulls) {
        return equals(b, start, len, nullBytes) || (moreNulls != null && NullMarkers.matchesAny(moreNulls, b, start, len));
    }

    private void grow() {
        int n = Math.max(16, rows * 2);
        sources = Arrays.copyOf(sources, n);
        lines = Arrays.copyOf(lines, n);
        offsets = Arrays.copyOf(offsets, n);
    }

    void add(Fields f, int source, byte[] nullBytes) {
        if (rows == lines.length) {
            int n = Math.max(16, rows * 2);
            sources = Arrays.copyOf(sources, n);
            lines = Arrays.copyOf(lines, n);
            offsets = Arrays.copyOf(offsets, n);
        }
        sources[rows] = source;
        lines[rows] = f.line;
        offsets[rows] = f.offset;
        for (int c = 0; c < width; c++) {
            int start = f.start(c);
            int len = f.length(c);
            boolean isNull = !f.quoted[c] && (len == 0 || (nullBytes != null && (equals(f.bytes, start, len, nullBytes)
                    || (moreNulls != null && NullMarkers.matchesAny(moreNulls, f.bytes, start, len)))));
            RawColumn col = columns[c];
            if (isNull) {
                col.appendNull(rows);
            } else {
                col.append(f.bytes, start, len);
                if (candidates[c] != 0) {
                    candidates[c] = TextTypes.narrow(candidates[c], f.bytes, start, len);
                }
                sawValue[c] = true;
            }
        }
        rows++;
    }

    /**
     * Shrinks the arrays to what they hold: a full read keeps every chunk's batch until all rows are
     * seen, and the slack of arrays grown by doubling would otherwise be a third of the heap it takes.
     */
    void trim() {
        if (sources.length != rows) {
            sources = Arrays.copyOf(sources, rows);
            lines = Arrays.copyOf(lines, rows);
            offsets = Arrays.copyOf(offsets, rows);
        }
        for (RawColumn c : columns) {
            c.trim();
        }
    }

    /** Adds {@code delta} to every record's line: for a chunk parsed before the lines ahead of it were counted. */
    void shiftLines(long delta) {
        if (lines == null) {
            return; // dropped by ChunkTypes: no cell of this batch can fail any more
        }
        for (int r = 0; r < rows; r++) {
            lines[r] += delta;
        }
    }

    /** Narrows this batch's inference state with another's: the types every cell of both fits. */
    void mergeInference(RawBatch other) {
        for (int c = 0; c < width; c++) {
            candidates[c] &= other.candidates[c];
            sawValue[c] |= other.sawValue[c];
        }
    }

    /**
     * The same rows with only {@code selected} columns, in that order ({@code columns} option): the row
     * arrays and column texts are shared, not copied.
     */
    RawBatch project(int[] selected) {
        RawBatch p = new RawBatch(selected.length, new boolean[selected.length], 0, 0);
        for (int i = 0; i < selected.length; i++) {
            p.columns[i] = columns[selected[i]];
            p.candidates[i] = candidates[selected[i]];
            p.sawValue[i] = sawValue[selected[i]];
        }
        p.rows = rows;
        p.sources = sources;
        p.lines = lines;
        p.offsets = offsets;
        return p;
    }

    private static boolean equals(byte[] b, int off, int len, byte[] other) {
        return len == other.length && Arrays.equals(b, off, off + len, other, 0, other.length);
    }

    /** One column's cells. */
    static final class RawColumn {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.LITTLE_ENDIAN);

        byte[] data;
        int[] ends;
        long[] nulls;
        int size;
        int length;

        /** Text capacity kept between batches; more, grown for a huge field, is let go. */
        private static final int KEEP_BYTES = 16 << 20;

        RawColumn(int rows, int bytes) {
            data = new byte[Math.max(256, bytes)];
            ends = new int[Math.max(16, rows)];
        }

        void clear() {
            if (data.length > KEEP_BYTES) {
                data = new byte[256];
            }
            size = 0;
            length = 0;
            nulls = null;
        }

        void append(byte[] src, int off, int len) {
            if (length + len > data.length) {
                long needed = (long) length + len;
                if (needed > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("a column holds more than 2 GiB of text; read the data as a stream");
                }
                data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, data.length * 2L)));
            }
            if (len <= 16 && off + 16 <= src.length && length + 16 <= data.length) {
                // a short cell as two 8-byte moves, cheaper than arraycopy's set-up; the bytes past the cell
                // are inside the array and are overwritten by the next cell or never read
                LONGS.set(data, length, (long) LONGS.get(src, off));
                LONGS.set(data, length + 8, (long) LONGS.get(src, off + 8));
            } else {
                System.arraycopy(src, off, data, length, len);
            }
            length += len;
            end();
        }

        /** A copy holding only what is used: the text a chunk keeps past its parse. */
        RawColumn copy() {
            RawColumn c = new RawColumn(Arrays.copyOf(data, length), Arrays.copyOf(ends, size),
                    nulls == null ? null : Arrays.copyOf(nulls, Math.min(nulls.length, (size >>> 6) + 1)));
            c.size = size;
            c.length = length;
            return c;
        }

        /** A column of {@code rows} nulls and no text. */
        static RawColumn allNulls(int rows) {
            long[] bits = new long[(rows >>> 6) + 1];
            for (int r = 0; r < rows; r++) {
                bits[r >>> 6] |= 1L << r;
            }
            RawColumn c = new RawColumn(new byte[0], new int[rows], bits);
            c.size = rows;
            return c;
        }

        private RawColumn(byte[] data, int[] ends, long[] nulls) {
            this.data = data;
            this.ends = ends;
            this.nulls = nulls;
        }

        void trim() {
            if (data.length != length) {
                data = Arrays.copyOf(data, length);
            }
            if (ends.length != size) {
                ends = Arrays.copyOf(ends, size);
            }
            if (nulls != null && nulls.length > (size >>> 6) + 1) {
                nulls = Arrays.copyOf(nulls, (size >>> 6) + 1);
            }
        }

        void appendNull(int row) {
            if (nulls == null) {
                nulls = new long[Math.max(ends.length >>> 6, 1)];
            }
            if ((row >>> 6) >= nulls.length) {
                nulls = Arrays.copyOf(nulls, Math.max(nulls.length * 2, (row >>> 6) + 1));
            }
            nulls[row >>> 6] |= 1L << row;
            end();
        }

        private void end() {
            if (size == ends.length) {
                ends = Arrays.copyOf(ends, Math.max(16, size * 2));
            }
            ends[size++] = length;
        }

        boolean isNull(int row) {
            return nulls != null && (row >>> 6) < nulls.length && (nulls[row >>> 6] & (1L << row)) != 0;
        }

        int start(int row) {
            return row == 0 ? 0 : ends[row - 1];
        }

        int length(int row) {
            return ends[row] - start(row);
        }
    }
}
