package org.datahandle.table;

import java.util.List;

/**
 * SKELETON — the Table helper replaces this file with the real columnar implementation.
 */
public final class Table {
    private Table() {}

    public Schema schema() {
        throw new UnsupportedOperationException("skeleton");
    }

    public int rowCount() {
        throw new UnsupportedOperationException("skeleton");
    }

    public Object get(int row, String column) {
        throw new UnsupportedOperationException("skeleton");
    }

    public Object get(int row, int column) {
        throw new UnsupportedOperationException("skeleton");
    }

    public Table slice(int fromRow, int toRow) {
        throw new UnsupportedOperationException("skeleton");
    }

    public static Table concat(Schema schema, List<Table> tables) {
        throw new UnsupportedOperationException("skeleton");
    }
}
