package org.datahandle.formats.csv;

import org.datahandle.DataFormatException;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;

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

    ChunkTypes(DataType[] fixed) {
        this.fixed = fixed.clone();
    }

    /**
     * Rows per piece: a piece's values stay under half a G1 region (1 MiB at the smallest), so they are
     * ordinary objects that a collection can move. Humongous pieces would be left in place and split the
     * free heap into holes too small for the final columns (a 5-million-row load failed in 500 MB so).
     */
    static final int PIECE_ROWS = 1 << 15;

    /** Replaces the columns of {@code batch} that convert cleanly by their typed pieces. */
    void convert(RawBatch batch) {
        Column[][] typed = new Column[batch.width][];
        boolean keepRows = false;
        for (int c = 0; c < batch.width; c++) {
            DataType type = fixed[c] != null ? fixed[c] : TextTypes.typeOf(batch.candidates[c], batch.sawValue[c]);
            if (batch.rows == 0 || (fixed[c] == null && !batch.sawValue[c])) {
                continue; // all nulls, which fit whatever the column becomes: its text is the nulls' bitmap
            }
            try {
                typed[c] = pieces(batch, c, type);
            } catch (Unconvertible e) {
                keepRows = true; // a cell the schema's type rejects: reported later, with its line
                continue;
            }
            if (fixed[c] != null || type == DataType.STRING || textComesBack(type)) {
                batch.columns[c] = null;
            } else if (type == DataType.FLOAT64) {
                byte[] places = decimalPlaces(batch.columns[c], batch.rows);
                if (places != null) {
                    if (batch.decimalPlaces == null) {
                        batch.decimalPlaces = new byte[batch.width][];
                    }
                    batch.decimalPlaces[c] = places;
                    batch.columns[c] = null; // a byte per cell gives the text back: a fifth of the text's heap
                }
            }
        }
        batch.typed = typed;
        if (!keepRows) {
            // where each row came from serves only errors, and no cell of this batch can fail now
            batch.sources = null;
            batch.lines = null;
            batch.offsets = null;
        }
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
