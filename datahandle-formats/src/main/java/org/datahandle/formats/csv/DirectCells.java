package org.datahandle.formats.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.StringColumn;

/**
 * A chunk's cells read straight from the chunk's bytes into values, for the columns whose kind the chunks
 * before already showed ({@link ChunkTypes}): canonical integers into {@code long}s, ISO dates into epoch
 * days, plain decimals into {@code double}s, text into string pieces. Those cells are never copied as text
 * first, nor read a second time to convert them. Every other column's cells go to the batch's text as before.
 *
 * <p>Only the shapes whose value is exact and whose inferred candidate types are known from the shape
 * alone are taken; the first cell of another shape makes {@link #addUnquoted}/{@link #add} return false,
 * and the chunk is parsed again the general way (a column's kind is only a guess from other chunks). So
 * the types, values and errors are those of that general way, cell for cell.
 */
final class DirectCells {
    /** Not read here: the cells go to the batch's text. */
    static final byte TEXT = 0;
    /** {@code -?(0|[1-9][0-9]*)} of at most 15 characters, not {@code -0}: a long, exactly a double. */
    static final byte INTEGERS = 1;
    /** ISO {@code yyyy-MM-dd}. */
    static final byte DATES = 2;
    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?} of at most 15 digits; a chunk of them needs one point at least. */
    static final byte DECIMALS = 3;
    /** Text kept as text: a string column (by the schema option, or inferred so from a chunk before). */
    static final byte STRINGS = 4;

    /** Exact powers of ten: 10^0..10^22 are doubles exactly. */
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    final int width;
    private byte[] kinds;
    /** Per column whose string type is fixed by the schema option: no inference, every cell is text. */
    private boolean[] fixedString;
    private int capacity;
    int rows;

    private final long[][] longs;
    private final int[][] days;
    private final double[][] doubles;
    private final byte[][] places;
    /** Per column, a bit per row set for a null cell. */
    private final long[][] nulls;
    private final boolean[] sawValue;
    private final boolean[] fitsInt;
    private final boolean[] point;
    /** Per string column: the candidate types its cells fit, narrowed as they come ({@link TextTypes#narrow}). */
    private final int[] candidates;
    /** Per string column, the cells' bytes back to back, and where each row's end ({@code offsets[row + 1]}). */
    private final byte[][] text;
    private final int[][] textOffsets;

    /** The text a string column starts with room for: its share of a chunk (a wide file has short columns). */
    private final int textBytes;

    /**
     * @param rows the expected rows, to size the arrays (they grow as needed)
     * @param bytesPerColumn the expected text of one column, as for {@link RawBatch}
     */
    DirectCells(int width, int rows, long bytesPerColumn) {
        this.width = width;
        this.textBytes = (int) Math.max(256, Math.min(bytesPerColumn, 1 << 24)) + 16;
        this.capacity = Math.max(16, rows);
        this.longs = new long[width][];
        this.days = new int[width][];
        this.doubles = new double[width][];
        this.places = new byte[width][];
        this.nulls = new long[width][];
        this.sawValue = new boolean[width];
        this.fitsInt = new boolean[width];
        this.point = new boolean[width];
        this.candidates = new int[width];
        this.text = new byte[width][];
        this.textOffsets = new int[width][];
    }

    /** Starts a chunk with these kinds per column (kept, not copied: the caller does not change them). */
    void start(byte[] kinds, boolean[] fixedString) {
        this.kinds = kinds;
        this.fixedString = fixedString;
        rows = 0;
        for (int c = 0; c < width; c++) {
            sawValue[c] = false;
            fitsInt[c] = true;
            point[c] = false;
            candidates[c] = fixedString[c] ? 0 : TextTypes.ALL;
            if (kinds[c] == TEXT) {
                continue;
            }
            if (nulls[c] == null || nulls[c].length < words(capacity)) {
                nulls[c] = new long[words(capacity)];
            } else {
                Arrays.fill(nulls[c], 0);
            }
            switch (kinds[c]) {
                case INTEGERS -> longs[c] = ensure(longs[c]);
                case DATES -> days[c] = ensure(days[c]);
                case DECIMALS -> {
                    doubles[c] = ensure(doubles[c]);
                    if (places[c] == null || places[c].length < capacity) {
                        places[c] = new byte[capacity];
                    }
                }
                default -> {
                    if (textOffsets[c] == null || textOffsets[c].length < capacity + 1) {
                        textOffsets[c] = new int[capacity + 1];
                    }
                    if (text[c] == null || text[c].length > KEEP_BYTES) {
                        text[c] = new byte[textBytes];
                    }
                }
            }
        }
    }

    /** Text capacity kept from one chunk to the next; more, grown for huge cells, is let go. */
    private static final int KEEP_BYTES = 16 << 20;

    byte kind(int c) {
        return kinds[c];
    }

    private long[] ensure(long[] a) {
        return a == null || a.length < capacity ? new long[capacity] : a;
    }

    private int[] ensure(int[] a) {
        return a == null || a.length < capacity ? new int[capacity] : a;
    }

    private double[] ensure(double[] a) {
        return a == null || a.length < capacity ? new double[capacity] : a;
    }

    private static int words(int rows) {
        return (rows >>> 6) + 1;
    }

    /** Makes room for one more row in every direct column. */
    private void grow() {
        int n = capacity * 2;
        for (int c = 0; c < width; c++) {
            switch (kinds[c]) {
                case INTEGERS -> longs[c] = Arrays.copyOf(longs[c], n);
                case DATES -> days[c] = Arrays.copyOf(days[c], n);
                case DECIMALS -> {
                    doubles[c] = Arrays.copyOf(doubles[c], n);
                    places[c] = Arrays.copyOf(places[c], n);
                }
                case STRINGS -> textOffsets[c] = Arrays.copyOf(textOffsets[c], n + 1);
                default -> { }
            }
            if (kinds[c] != TEXT) {
                nulls[c] = Arrays.copyOf(nulls[c], words(n));
            }
        }
        capacity = n;
    }

    /**
     * One record of unquoted cells, cell {@code c} at {@code b[starts[c], ends[c])}: the direct columns
     * read here, the others appended to {@code batch}'s text, its row's source, line and offset recorded.
     *
     * @return false when a cell does not have its column's kind (nothing is then usable of this chunk)
     */
    boolean addUnquoted(RawBatch batch, byte[] b, int[] starts, int[] ends, long line, long offset, int source,
            byte[] nullBytes) {
        if (rows == capacity) {
            grow();
        }
        int row = rows;
        for (int c = 0; c < width; c++) {
            int start = starts[c];
            int len = ends[c] - start;
            boolean isNull = len == 0 || (nullBytes != null && RawBatch.isNullMarker(b, start, len, nullBytes,
                    batch.moreNulls));
            if (!cell(batch, c, row, b, start, len, isNull)) {
                return false;
            }
        }
        batch.addRow(line, offset, source);
        rows++;
        return true;
    }

    /** The same for a record the general parser read (quoted cells are never null). */
    boolean add(RawBatch batch, Fields f, int source, byte[] nullBytes) {
        if (rows == capacity) {
            grow();
        }
        int row = rows;
        for (int c = 0; c < width; c++) {
            int start = f.start(c);
            int len = f.length(c);
            boolean isNull = !f.quoted[c] && (len == 0 || (nullBytes != null && RawBatch.isNullMarker(f.bytes, start,
                    len, nullBytes, batch.moreNulls)));
            if (!cell(batch, c, row, f.bytes, start, len, isNull)) {
                return false;
            }
        }
        batch.addRow(f.line, f.offset, source);
        rows++;
        return true;
    }

    private boolean cell(RawBatch batch, int c, int row, byte[] b, int start, int len, boolean isNull) {
        switch (kinds[c]) {
            case TEXT -> {
                RawBatch.RawColumn col = batch.columns[c];
                if (isNull) {
                    col.appendNull(row);
                } else {
                    col.append(b, start, len);
                    batch.sawValue[c] = true;
                }
                return true;
            }
            case STRINGS -> {
                int[] ends = textOffsets[c];
                int at = ends[row];
                if (isNull) {
                    nulls[c][row >>> 6] |= 1L << row;
                    ends[row + 1] = at;
                    return true;
                }
                appendText(c, at, b, start, len);
                ends[row + 1] = at + len;
                sawValue[c] = true;
                if (candidates[c] != 0) {
                    candidates[c] = TextTypes.narrow(candidates[c], b, start, len);
                }
                return true;
            }
            default -> {
                if (isNull) {
                    nulls[c][row >>> 6] |= 1L << row;
                    return true;
                }
                sawValue[c] = true;
                return switch (kinds[c]) {
                    case INTEGERS -> integer(c, row, b, start, len);
                    case DATES -> date(c, row, b, start, len);
                    default -> decimal(c, row, b, start, len);
                };
            }
        }
    }

    /** Copies a cell's bytes to the end ({@code at}) of string column {@code c}'s text. */
    private void appendText(int c, int at, byte[] b, int start, int len) {
        byte[] t = text[c];
        if ((long) at + len + 16 > t.length) {
            long needed = (long) at + len + 16;
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a column holds more than 2 GiB of text; read the data as a stream");
            }
            t = text[c] = Arrays.copyOf(t, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, t.length * 2L)));
        }
        if (len <= 16 && start + 16 <= b.length) {
            // a short cell as two 8-byte moves, cheaper than arraycopy's set-up; the bytes past the cell are
            // inside the array (16 to spare) and are overwritten by the next cell or never read
            LONGS.set(t, at, (long) LONGS.get(b, start));
            LONGS.set(t, at + 8, (long) LONGS.get(b, start + 8));
        } else {
            System.arraycopy(b, start, t, at, len);
        }
    }

    /** A canonical integer of at most 15 characters (not {@code -0}), as {@link ChunkTypes} infers them. */
    private boolean integer(int c, int row, byte[] b, int start, int len) {
        if (len == 0 || len > 15) {
            return false; // (a quoted empty cell is text, not null)
        }
        int end = start + len;
        int i = start;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        if (i == end || (b[i] == '0' && (negative || end - i != 1))) {
            return false;
        }
        long v = digits(b, i, end);
        if (v < 0) {
            return false;
        }
        v = negative ? -v : v;
        longs[c][row] = v;
        if (v != (int) v) {
            fitsInt[c] = false;
        }
        return true;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030303030303030L;

    /**
     * The value of the ASCII digits {@code b[from, to)}, at most 16 of them, or -1 when one is not a digit.
     * Eight at a time where the array allows ({@link #eightDigits}), else one by one.
     */
    static long digits(byte[] b, int from, int to) {
        int n = to - from;
        if (to >= 16 || (to >= 8 && n <= 8)) {
            if (n <= 8) {
                return eightDigits(last(b, to, n));
            }
            long high = eightDigits(last(b, to - 8, n - 8));
            long low = eightDigits((long) LONGS.get(b, to - 8));
            return (high | low) < 0 ? -1 : high * 100_000_000L + low;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** The eight bytes ending at {@code to}, of which only the last {@code n} are kept, the others made {@code '0'}. */
    private static long last(byte[] b, int to, int n) {
        long w = (long) LONGS.get(b, to - 8);
        long keep = -1L << ((8 - n) << 3); // little-endian: the earlier bytes are the low ones
        return (w & keep) | (ZEROS & ~keep);
    }

    /**
     * Eight ASCII digits, the first in the lowest byte, as their value; -1 when a byte is not a digit.
     * A byte is a digit when its high nibble is 3 and adding 6 does not carry out of its low nibble;
     * the value is then made by three multiplications that each join neighbouring pairs.
     */
    static long eightDigits(long w) {
        if (((w & 0xF0F0F0F0F0F0F0F0L) | (((w + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                != 0x3333333333333333L) {
            return -1;
        }
        w = ((w & 0x0F0F0F0F0F0F0F0FL) * 2561) >>> 8;
        w = ((w & 0x00FF00FF00FF00FFL) * 6553601) >>> 16;
        return ((w & 0x0000FFFF0000FFFFL) * 42949672960001L) >>> 32;
    }

    private boolean date(int c, int row, byte[] b, int start, int len) {
        int day = len == 10 ? epochDay(b, start) : TextTypes.NO_DATE;
        if (day == TextTypes.NO_DATE) {
            return false;
        }
        days[c][row] = day;
        return true;
    }

    /** Where the dashes of {@code yyyy-MM-} are, in the first eight bytes of a date read as a long. */
    private static final long DASHES = (0xFFL << 32) | (0xFFL << 56);

    /**
     * The epoch day of the ISO date {@code yyyy-MM-dd} at {@code b[at, at + 10)}, or {@link TextTypes#NO_DATE}:
     * as {@link TextTypes#parseEpochDay}, its first eight bytes checked in one step.
     */
    static int epochDay(byte[] b, int at) {
        long w = (long) LONGS.get(b, at);
        if ((w & DASHES) != (('-' * 1L) << 32 | ('-' * 1L) << 56)) {
            return TextTypes.NO_DATE;
        }
        long x = (w & ~DASHES) | (ZEROS & DASHES);
        if (((x & 0xF0F0F0F0F0F0F0F0L) | (((x + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                != 0x3333333333333333L) {
            return TextTypes.NO_DATE;
        }
        int d8 = b[at + 8] - '0';
        int d9 = b[at + 9] - '0';
        if ((d8 | d9 | (9 - d8) | (9 - d9)) < 0) {
            return TextTypes.NO_DATE;
        }
        int y = (int) ((x & 0xF) * 1000 + (x >>> 8 & 0xF) * 100 + (x >>> 16 & 0xF) * 10 + (x >>> 24 & 0xF));
        int m = (int) ((x >>> 40 & 0xF) * 10 + (x >>> 48 & 0xF));
        return TextTypes.epochDay(y, m, d8 * 10 + d9);
    }

    /**
     * A plain decimal of at most 15 digits ({@link TextTypes#plainDecimalPlaces}): its digits as an integer
     * below 10^15 &lt; 2^53 and a power of ten up to 10^15 are both doubles exactly, so one division
     * rounds once, correctly: the double nearest the decimal, as {@link Double#parseDouble} gives.
     */
    private boolean decimal(int c, int row, byte[] b, int start, int len) {
        if (len == 0) {
            return false;
        }
        int end = start + len;
        int intStart = b[start] == '-' ? start + 1 : start;
        int pointAt = pointIn(b, intStart, end);
        int intEnd = pointAt < 0 ? end : pointAt;
        int intDigits = intEnd - intStart;
        int fraction = pointAt < 0 ? -1 : end - pointAt - 1;
        if (intDigits == 0 || fraction == 0 || (intDigits > 1 && b[intStart] == '0')
                || intDigits + Math.max(fraction, 0) > 15) {
            return false;
        }
        long mantissa = digits(b, intStart, intEnd);
        if (fraction > 0) {
            long decimals = digits(b, pointAt + 1, end);
            if ((mantissa | decimals) < 0) {
                return false;
            }
            mantissa = mantissa * POW10_LONG[fraction] + decimals;
            point[c] = true;
        } else if (mantissa < 0) {
            return false;
        }
        double v = mantissa / POW10[Math.max(fraction, 0)];
        doubles[c][row] = start == intStart ? v : -v;
        places[c][row] = (byte) fraction;
        return true;
    }

    private static final long[] POW10_LONG = new long[16];

    static {
        POW10_LONG[0] = 1;
        for (int i = 1; i < POW10_LONG.length; i++) {
            POW10_LONG[i] = POW10_LONG[i - 1] * 10;
        }
    }

    private static final long ONES = 0x0101010101010101L;
    private static final long POINTS = ONES * '.';

    /** Where the first {@code '.'} of {@code b[from, to)} is, or -1; the first eight bytes in one step. */
    private static int pointIn(byte[] b, int from, int to) {
        int i = from;
        if (from + 8 <= b.length) {
            long x = (long) LONGS.get(b, from) ^ POINTS;
            long points = (x - ONES) & ~x & 0x8080808080808080L; // exact up to the lowest such byte
            if (points != 0) {
                int at = from + (Long.numberOfTrailingZeros(points) >>> 3);
                return at < to ? at : -1;
            }
            i += 8;
        }
        for (; i < to; i++) {
            if (b[i] == '.') {
                return i;
            }
        }
        return -1;
    }

    /** Whether column {@code c} of this chunk had a value that was not null. */
    boolean sawValue(int c) {
        return sawValue[c];
    }

    /**
     * The candidate types of a direct column in this chunk, as {@link TextTypes#narrow} over its cells
     * gives them; -1 when the chunk must be read the general way after all (a decimal column without a
     * point, whose cells fit the integers too; a string column whose cells all fit another type).
     */
    int candidates(int c) {
        return switch (kinds[c]) {
            case INTEGERS -> (fitsInt[c] ? TextTypes.INT32 : 0) | TextTypes.INT64 | TextTypes.FLOAT64;
            case DATES -> TextTypes.DATE;
            case DECIMALS -> point[c] ? TextTypes.FLOAT64 : -1;
            case STRINGS -> fixedString[c] || candidates[c] == 0 ? 0 : -1;
            default -> throw new IllegalStateException("column " + c + " is not read directly");
        };
    }

    /**
     * Whether every direct column of this chunk can be taken as read: of its kind's candidate types, or
     * all nulls. False sends the chunk to the general way.
     */
    boolean usable() {
        for (int c = 0; c < width; c++) {
            if (kinds[c] != TEXT && sawValue[c] && candidates(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The type of column {@code c}'s pieces. */
    DataType type(int c) {
        return switch (kinds[c]) {
            case INTEGERS -> fitsInt[c] ? DataType.INT32 : DataType.INT64;
            case DATES -> DataType.DATE;
            case DECIMALS -> DataType.FLOAT64;
            default -> DataType.STRING;
        };
    }

    /** The digits after each cell's point of a decimal column ({@link ChunkTypes#NO_POINT} for none), a copy. */
    byte[] decimalPlaces(int c) {
        return Arrays.copyOf(places[c], rows);
    }

    /** Column {@code c} of this chunk as typed pieces of at most {@link ChunkTypes#PIECE_ROWS} rows. */
    Column[] pieces(int c) {
        Column[] out = new Column[(rows + ChunkTypes.PIECE_ROWS - 1) / ChunkTypes.PIECE_ROWS];
        long[] n = nulls[c];
        for (int p = 0; p < out.length; p++) {
            int from = p * ChunkTypes.PIECE_ROWS;
            int to = Math.min(rows, from + ChunkTypes.PIECE_ROWS);
            if (kinds[c] == STRINGS) {
                out[p] = strings(text[c], textOffsets[c], n, from, to);
            } else if (kinds[c] == INTEGERS) {
                out[p] = fitsInt[c] ? ints(longs[c], n, from, to) : longs(longs[c], n, from, to);
            } else if (kinds[c] == DATES) {
                out[p] = dates(days[c], n, from, to);
            } else {
                out[p] = doubles(doubles[c], n, from, to);
            }
        }
        return out;
    }

    private static boolean isNull(long[] nulls, int row) {
        return (nulls[row >>> 6] & (1L << row)) != 0;
    }

    private static Column ints(long[] values, long[] nulls, int from, int to) {
        IntColumn.Builder out = IntColumn.builder(DataType.INT32, to - from);
        for (int r = from; r < to; r++) {
            if (isNull(nulls, r)) {
                out.appendNull();
            } else {
                out.append((int) values[r]);
            }
        }
        return out.build();
    }

    private static Column dates(int[] values, long[] nulls, int from, int to) {
        IntColumn.Builder out = IntColumn.builder(DataType.DATE, to - from);
        int run = from;
        for (int r = from; r < to; r++) {
            if (isNull(nulls, r)) {
                out.append(values, run, r); // the values before the null, in one copy
                out.appendNull();
                run = r + 1;
            }
        }
        out.append(values, run, to);
        return out.build();
    }

    /** Rows {@code [from, to)} of a string column: each run of values between nulls in one copy. */
    private static Column strings(byte[] text, int[] offsets, long[] nulls, int from, int to) {
        StringColumn.Builder out = StringColumn.builder(to - from, offsets[to] - offsets[from]);
        int run = from;
        for (int r = from; r < to; r++) {
            if (isNull(nulls, r)) {
                out.appendUtf8(text, offsets, run, r);
                out.appendNull();
                run = r + 1;
            }
        }
        out.appendUtf8(text, offsets, run, to);
        return out.build();
    }

    private static Column longs(long[] values, long[] nulls, int from, int to) {
        LongColumn.Builder out = LongColumn.builder(DataType.INT64, to - from);
        for (int r = from; r < to; r++) {
            if (isNull(nulls, r)) {
                out.appendNull();
            } else {
                out.append(values[r]);
            }
        }
        return out.build();
    }

    private static Column doubles(double[] values, long[] nulls, int from, int to) {
        DoubleColumn.Builder out = DoubleColumn.builder(to - from);
        for (int r = from; r < to; r++) {
            if (isNull(nulls, r)) {
                out.appendNull();
            } else {
                out.append(values[r]);
            }
        }
        return out.build();
    }
}
