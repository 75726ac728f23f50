package org.datahandle.formats.parquet;

import org.datahandle.table.Column;
import org.datahandle.table.DataType;

/**
 * A column of a whole read whose type has no single array to fill (decimals, lists, structs): each
 * row group's column is kept, and {@link #build} concatenates them in order, as reading one table
 * per row group did.
 */
final class PieceTarget extends ColumnTarget {
    private final Column[] pieces;

    PieceTarget(DataType type, int rows, int groups, boolean nullable) {
        super(type, rows, false); // the pieces carry their nulls
        this.pieces = new Column[groups];
    }

    @Override
    ValueSink sink(Leaf.Fast fast, String column, Slot slot) {
        return null;
    }

    @Override
    void put(Column piece, Slot slot) {
        pieces[slot.ordinal()] = piece;
    }

    @Override
    Column build() {
        if (pieces.length == 1) {
            return pieces[0];
        }
        Column.Builder b = Column.builder(type, rows);
        for (Column piece : pieces) {
            b.appendRange(piece, 0, piece.size());
        }
        return b.build();
    }
}
