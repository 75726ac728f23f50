package org.datahandle.formats.csv;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.datahandle.DataFormatException;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;

/**
 * Converts one chunk's cells to typed pieces on the worker that parsed it, while its bytes are still in
 * the cache, so that a full read does not hold the whole file's text until the last row is seen (it
 * used to: six times the table's size at the peak).
 *
 * <p>A column's type is only final once every chunk is parsed, so a chunk is converted to the type its
 * own cells infer; {@link BatchConverter} then widens a piece when the whole column needs more (int32 to
 * int64 or float64, int64 to float64: exact, because the column's inference kept float64 only for
 * integers a double holds exactly) or writes it back as text when the column turns out to be a string.
 * Integers and ISO dates are written back exactly as they were read (inference accepts only their
 * canonical form); for the other types, whose text a value cannot give back ({@code 1.50},
 * {@code TRUE}), the chunk keeps its text as well. A cell that does not parse as a type the schema
 * option fixes keeps its column's text and row positions, so the error is raised, with the right line,
 * where it was before: after every chunk is parsed.
 */
final class ChunkTypes {
    /** Per column, the type the schema option (or inference being off) fixes, or null when inferred. */
    private final DataType[] fixed;

    /** No inference while parsing: {@link #convert} infers each column of a chunk in one pass with its values. */
    private final boolean[] noInference;
    /**
     * Per column, the kind of type the last chunk converted gave ({@link #INTEGERS}, ...): the next chunk
     * is tried as that kind first. Shared by the threads without locks: only a guess, never a result.
     */
    private final byte[] hints;

    private static final byte NO_HINT = DirectCells.TEXT;
    private static final byte INTEGERS = DirectCells.INTEGERS;
    private static final byte DATES = DirectCells.DATES;
    private static final byte DECIMALS = DirectCells.DECIMALS;
    /** Text: a chunk had a value that fits no other type, so the whole column is a string. */
    private static final byte STRINGS = DirectCells.STRINGS;

    /** Per column, whether the schema option (or inference being off) makes it a string. */
    private final boolean[] fixedString;

    ChunkTypes(DataType[] fixed) {
        this.fixed = fixed.clone();
        this.noInference = new boolean[fixed.length];
        this.hints = new byte[fixed.length];
        this.fixedString = new boolean[fixed.length];
        for (int c = 0; c < fixed.length; c++) {
            fixedString[c] = fixed[c] == DataType.STRING;
        }
    }

    /**
     * How the next chunk's columns can be read straight from its bytes ({@link DirectCells}): string columns
     * of the schema option, and the kinds the chunks converted so far had; null when no column has one.
     */
    byte[] directKinds() {
        if (fixed.length > REUSED_WIDTH) {
            // a wide file's chunk has few rows and its batch is not reused: arrays of values per column beside
            // the text made a 10 MB 1,000-column file need 64 MB of heap instead of 48 MB
            return null;
        }
        byte[] kinds = new byte[fixed.length];
        boolean any = false;
        for (int c = 0; c < fixed.length; c++) {
            kinds[c] = fixedString[c] ? STRINGS : fixed[c] == null ? hints[c] : NO_HINT;
            any |= kinds[c] != NO_HINT;
        }
        return any ? kinds : null;
    }

    /** Prepares a batch to read a chunk into {@code direct}, with these kinds; the batch is emptied. */
    DirectCells startDirect(RawBatch batch, byte[] kinds, long bytesPerColumn) {
        if (batch.direct == null) {
            batch.direct = new DirectCells(batch.width, batch.lines.length, bytesPerColumn);
        }
        batch.reset(noInference);
        batch.direct.start(kinds, fixedString);
        return batch.direct;
    }

    /** Empties a batch that a direct read gave up on, for the chunk to be parsed the general way. */
    void restart(RawBatch batch) {
        batch.reset(noInference);
    }

    /**
     * Rows per piece: a piece's values stay under half a G1 region (1 MiB at the smallest), so they are
     * ordinary objects that a collection can move. Humongous pieces would be left in place and split the
     * free heap into holes too small for the final columns (a 5-million-row load failed in 500 MB so).
     */
    static final int PIECE_ROWS = 1 << 15;

    /** Parse batches that are free to reuse: one per thread that parses, kept for this read only. */
    private final ConcurrentLinkedQueue<RawBatch> scratch = new ConcurrentLinkedQueue<>();

    /** A batch to parse a chunk into: a reused one, emptied, or a new one of the given size. */
    RawBatch borrow(int width, int rows, long bytesPerColumn) {
        RawBatch batch = scratch.poll();
        if (batch == null) {
            return new RawBatch(width, noInference, rows, bytesPerColumn);
        }
        batch.reset(noInference);
        return batch;
    }

    /** Returns a batch that {@link #convert} has read (or whose parse failed) for the next chunk. */
    void giveBack(RawBatch batch) {
        if (batch.width <= REUSED_WIDTH) {
            scratch.add(batch);
        }
    }

    /**
     * The widest batch kept for reuse. A wide file's batch is mostly slack (every column sized for a
     * chunk's share, grown by doubling): kept on each thread for the whole read, that slack was 5 times a
     * 10 MB 1,000-column table, so wide batches are garbage after their chunk, as they always were.
     */
    private static final int REUSED_WIDTH = 256;

    /** Lets the reused batches go once every chunk is parsed: the heap they held is the merge's. */
    void release() {
        scratch.clear();
    }

    /**
     * The rows of a parsed chunk as a batch of typed pieces, with copies of only the text that must be
     * kept; {@code parsed} itself is left unchanged, to be reused.
     */
    RawBatch convert(RawBatch parsed) {
        return convert(parsed, null);
    }

    /**
     * The same for a chunk read with {@code direct} ({@link DirectCells#usable}): its direct columns are
     * taken as read, the others converted from their text.
     */
    RawBatch convert(RawBatch parsed, DirectCells direct) {
        RawBatch out = RawBatch.shell(parsed);
        Column[][] typed = new Column[parsed.width][];
        boolean keepRows = false;
        for (int c = 0; c < parsed.width; c++) {
            if (direct != null && direct.kind(c) != DirectCells.TEXT) {
                takeDirect(parsed, direct, c, out, typed);
                continue;
            }
            if (fixed[c] == null) {
                out.candidates[c] = TextTypes.ALL; // what a column of nulls leaves for the others to narrow
                if (parsed.sawValue[c]) {
                    int candidates = inferAndConvert(parsed, c, out, typed);
                    if (candidates >= 0) {
                        out.candidates[c] = candidates;
                        continue;
                    }
                    out.candidates[c] = narrowAll(parsed.columns[c], parsed.rows);
                }
            }
            DataType type = fixed[c] != null ? fixed[c] : TextTypes.typeOf(out.candidates[c], parsed.sawValue[c]);
            if (fixed[c] == null && parsed.sawValue[c]) {
                hints[c] = type == DataType.STRING ? STRINGS : hintOf(type);
            }
            if (parsed.rows == 0 || (fixed[c] == null && !parsed.sawValue[c])) {
                // all nulls, which fit whatever the column becomes: the text kept is the nulls' bitmap
                out.columns[c] = parsed.columns[c].copy();
                continue;
            }
            try {
                typed[c] = pieces(parsed, c, type);
            } catch (Unconvertible e) {
                keepRows = true; // a cell the schema's type rejects: reported later, with its line
                typed[c] = null;
                out.columns[c] = parsed.columns[c].copy();
                continue;
            }
            if (fixed[c] == null && type != DataType.STRING && !textComesBack(type)) {
                byte[] places = type == DataType.FLOAT64 ? decimalPlaces(parsed.columns[c], parsed.rows) : null;
                if (places != null) {
                    if (out.decimalPlaces == null) {
                        out.decimalPlaces = new byte[parsed.width][];
                    }
                    out.decimalPlaces[c] = places; // a byte per cell gives the text back: a fifth of its heap
                } else {
                    out.columns[c] = parsed.columns[c].copy(); // for a column that turns out to be text
                }
            }
        }
        out.typed = typed;
        if (keepRows) {
            // where each row came from serves only errors
            out.sources = Arrays.copyOf(parsed.sources, parsed.rows);
            out.lines = Arrays.copyOf(parsed.lines, parsed.rows);
            out.offsets = Arrays.copyOf(parsed.offsets, parsed.rows);
        }
        return out;
    }

    /** Column {@code c} of a chunk read directly, as {@link #convert} would have converted its text. */
    private void takeDirect(RawBatch parsed, DirectCells direct, int c, RawBatch out, Column[][] typed) {
        boolean saw = direct.sawValue(c);
        out.sawValue[c] = saw;
        if (parsed.rows == 0 || (fixed[c] == null && !saw)) {
            // all nulls, which fit whatever the column becomes: kept as a column of nulls
            if (fixed[c] == null) {
                out.candidates[c] = TextTypes.ALL;
            }
            out.columns[c] = RawBatch.RawColumn.allNulls(parsed.rows);
            return;
        }
        if (fixed[c] == null) {
            out.candidates[c] = direct.candidates(c);
        }
        typed[c] = direct.pieces(c);
        if (fixed[c] == null && direct.kind(c) == DECIMALS) {
            if (out.decimalPlaces == null) {
                out.decimalPlaces = new byte[out.width][];
            }
            out.decimalPlaces[c] = direct.decimalPlaces(c);
        }
    }

    private static byte hintOf(DataType type) {
        if (type == DataType.INT32 || type == DataType.INT64) {
            return INTEGERS;
        }
        return type == DataType.DATE ? DATES : type == DataType.FLOAT64 ? DECIMALS : NO_HINT;
    }

    /** The candidate types every cell of a column fits ({@link TextTypes#narrow}), as the parse used to narrow them. */
    private static int narrowAll(RawBatch.RawColumn raw, int rows) {
        int candidates = TextTypes.ALL;
        byte[] b = raw.data;
        for (int r = 0; r < rows && candidates != 0; r++) {
            if (!raw.isNull(r)) {
                candidates = TextTypes.narrow(candidates, b, raw.start(r), raw.length(r));
            }
        }
        return candidates;
    }

    /**
     * Infers and converts column {@code c} in one pass when every cell is of the kind the column's last
     * chunk had, with the candidate types {@link #narrowAll} would give; -1 (nothing converted) otherwise.
     */
    private int inferAndConvert(RawBatch parsed, int c, RawBatch out, Column[][] typed) {
        return switch (hints[c]) {
            case INTEGERS -> integers(parsed, c, typed);
            case DATES -> dates(parsed, c, typed);
            case DECIMALS -> decimals(parsed, c, out, typed);
            default -> -1;
        };
    }

    /**
     * Canonical integers of at most 15 characters ({@code -?(0|[1-9][0-9]*)}, not {@code -0}): each fits a
     * long and is a double exactly, so the candidates are int64 and float64, and int32 when all fit it.
     */
    private static int integers(RawBatch parsed, int c, Column[][] typed) {
        RawBatch.RawColumn raw = parsed.columns[c];
        int rows = parsed.rows;
        long[] values = parsed.longScratch(rows);
        byte[] b = raw.data;
        boolean int32 = true;
        int start = 0;
        for (int r = 0; r < rows; r++) {
            int end = raw.ends[r];
            if (raw.isNull(r)) {
                start = end;
                continue;
            }
            int len = end - start;
            if (len == 0 || len > 15) {
                return -1;
            }
            int i = start;
            boolean negative = b[i] == '-';
            if (negative) {
                i++;
            }
            if (i == end || (b[i] == '0' && (negative || end - i != 1))) {
                return -1;
            }
            long v = 0;
            for (; i < end; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                v = v * 10 + d;
            }
            v = negative ? -v : v;
            values[r] = v;
            int32 &= v == (int) v;
            start = end;
        }
        Column[] pieces = new Column[pieceCount(rows)];
        for (int i = 0; i < pieces.length; i++) {
            int from = i * PIECE_ROWS;
            int to = Math.min(rows, from + PIECE_ROWS);
            if (int32) {
                IntColumn.Builder ints = IntColumn.builder(DataType.INT32, to - from);
                for (int r = from; r < to; r++) {
                    if (raw.isNull(r)) {
                        ints.appendNull();
                    } else {
                        ints.append((int) values[r]);
                    }
                }
                pieces[i] = ints.build();
            } else {
                LongColumn.Builder longs = LongColumn.builder(DataType.INT64, to - from);
                for (int r = from; r < to; r++) {
                    if (raw.isNull(r)) {
                        longs.appendNull();
                    } else {
                        longs.append(values[r]);
                    }
                }
                pieces[i] = longs.build();
            }
        }
        typed[c] = pieces;
        return (int32 ? TextTypes.INT32 : 0) | TextTypes.INT64 | TextTypes.FLOAT64;
    }

    /** ISO dates, which fit no other type: the candidates are date alone. */
    private static int dates(RawBatch parsed, int c, Column[][] typed) {
        RawBatch.RawColumn raw = parsed.columns[c];
        int rows = parsed.rows;
        byte[] b = raw.data;
        Column[] pieces = new Column[pieceCount(rows)];
        for (int i = 0; i < pieces.length; i++) {
            int from = i * PIECE_ROWS;
            int to = Math.min(rows, from + PIECE_ROWS);
            IntColumn.Builder days = IntColumn.builder(DataType.DATE, to - from);
            for (int r = from; r < to; r++) {
                if (raw.isNull(r)) {
                    days.appendNull();
                    continue;
                }
                int day = TextTypes.parseEpochDay(b, raw.start(r), raw.length(r));
                if (day == TextTypes.NO_DATE) {
                    return -1;
                }
                days.append(day);
            }
            pieces[i] = days.build();
        }
        typed[c] = pieces;
        return TextTypes.DATE;
    }

    /**
     * Plain decimals of at most 15 digits, at least one with a point: they fit float64 alone (a point
     * rules out the integers; the rest of {@link TextTypes#narrow} needs a {@code -} or a letter). Their
     * text is let go: a byte of decimal places per cell gives it back.
     */
    private static int decimals(RawBatch parsed, int c, RawBatch out, Column[][] typed) {
        RawBatch.RawColumn raw = parsed.columns[c];
        int rows = parsed.rows;
        byte[] b = raw.data;
        byte[] places = new byte[rows];
        boolean point = false;
        Column[] pieces = new Column[pieceCount(rows)];
        for (int i = 0; i < pieces.length; i++) {
            int from = i * PIECE_ROWS;
            int to = Math.min(rows, from + PIECE_ROWS);
            DoubleColumn.Builder doubles = DoubleColumn.builder(to - from);
            for (int r = from; r < to; r++) {
                if (raw.isNull(r)) {
                    doubles.appendNull();
                    continue;
                }
                int off = raw.start(r);
                int len = raw.length(r);
                int p = TextTypes.plainDecimalPlaces(b, off, len);
                if (p == TextTypes.NOT_PLAIN) {
                    return -1;
                }
                point |= p >= 0;
                places[r] = (byte) p;
                doubles.append(TextTypes.parseDouble(b, off, len));
            }
            pieces[i] = doubles.build();
        }
        if (!point) {
            return -1; // integers only: their candidates are more than float64
        }
        typed[c] = pieces;
        if (out.decimalPlaces == null) {
            out.decimalPlaces = new byte[out.width][];
        }
        out.decimalPlaces[c] = places;
        return TextTypes.FLOAT64;
    }

    private static int pieceCount(int rows) {
        return (rows + PIECE_ROWS - 1) / PIECE_ROWS;
    }

    private static Column[] pieces(RawBatch batch, int c, DataType type) {
        Column[] pieces = new Column[(batch.rows + PIECE_ROWS - 1) / PIECE_ROWS];
        for (int i = 0; i < pieces.length; i++) {
            int from = i * PIECE_ROWS;
            pieces[i] = BatchConverter.piece(batch, c, type, from, Math.min(batch.rows, from + PIECE_ROWS), UNCONVERTIBLE);
        }
        return pieces;
    }

    /** What {@link #decimalPlaces} records for a cell without a decimal point. */
    static final byte NO_POINT = -1;

    /**
     * Per cell, the digits after the point ({@link #NO_POINT} for none), when that is enough to write
     * each value back as its exact text ({@link TextTypes#formatDecimal}); null when a cell has an exponent,
     * more than 15 digits, or is not a plain decimal (the chunk then keeps its text).
     */
    static byte[] decimalPlaces(RawBatch.RawColumn raw, int rows) {
        byte[] places = new byte[rows];
        byte[] b = raw.data;
        for (int r = 0; r < rows; r++) {
            if (raw.isNull(r)) {
                continue;
            }
            int off = raw.start(r);
            int len = raw.length(r);
            int p = TextTypes.plainDecimalPlaces(b, off, len);
            if (p == TextTypes.NOT_PLAIN) {
                return null;
            }
            places[r] = (byte) p;
        }
        return places;
    }

    /** Whether a value of {@code type} gives back its cell's exact text: canonical integers and ISO dates. */
    static boolean textComesBack(DataType type) {
        return type == DataType.INT32 || type == DataType.INT64 || type == DataType.DATE;
    }

    /** Thrown through {@link BatchConverter#piece} for a cell that does not parse; no stack, no message. */
    private static final class Unconvertible extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unconvertible() {
            super(null, null, false, false);
        }
    }

    private static final Unconvertible FAILED = new Unconvertible();

    private static final BatchConverter.CellError UNCONVERTIBLE = new BatchConverter.CellError() {
        @Override
        public DataFormatException at(RawBatch batch, int row, int column, String what) {
            throw FAILED;
        }
    };
}
