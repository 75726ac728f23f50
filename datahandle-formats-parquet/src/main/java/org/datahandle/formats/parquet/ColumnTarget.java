package org.datahandle.formats.parquet;

import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;

/**
 * One column of a whole read ({@link WholeTable}): the final array of all its rows, which every row
 * group fills at its own rows, in parallel, so no table is built per row group and none is
 * concatenated. A row group's values arrive either through a {@link ValueSink} that the page decoder
 * writes into directly (a flat column whose physical values are the column's values) or as a column
 * decoded on its own and copied in ({@link #put}: converted types, columns read by record assembly).
 *
 * <p>Subclasses: one per array kind here, {@link BytesTarget} for strings and binaries, and
 * {@link PieceTarget} for the types without a single array (decimals, lists, structs), which keeps
 * the row groups' columns and concatenates them at the end.
 */
abstract class ColumnTarget {
    final DataType type;
    final int rows;
    /** The nulls of all rows, or null for a column that cannot hold any (a required field). */
    final SharedBits nulls;

    ColumnTarget(DataType type, int rows, boolean nullable) {
        this.type = type;
        this.rows = rows;
        this.nulls = nullable ? new SharedBits(rows) : null;
    }

    /** The rows of one row group in the whole read: its place among the row groups, first row and row count. */
    record Slot(int ordinal, int base, int rows) {}

    /** The target of a column of {@code type} for a read of {@code rows} rows in {@code groups} row groups. */
    static ColumnTarget of(DataType type, int rows, int groups, boolean nullable) {
        if (type == DataType.INT32 || type == DataType.DATE) {
            return new Ints(type, rows, nullable);
        }
        if (type == DataType.INT64 || type instanceof DataType.Timestamp) {
            return new Longs(type, rows, nullable);
        }
        if (type == DataType.FLOAT32) {
            return new Floats(rows, nullable);
        }
        if (type == DataType.FLOAT64) {
            return new Doubles(rows, nullable);
        }
        if (type == DataType.BOOLEAN) {
            return new Booleans(rows, nullable);
        }
        if (type == DataType.STRING || type == DataType.BINARY) {
            return new BytesTarget(type, rows, groups, nullable);
        }
        return new PieceTarget(type, rows, groups, nullable);
    }

    /**
     * A sink that writes a row group's values straight into this column, or null when values of
     * that kind cannot go in unchanged (they are decoded into a column of their own and
     * {@link #put}).
     *
     * @param fast how the leaf's physical values map to the column's
     * @param column the column's name, for errors
     */
    abstract ValueSink sink(Leaf.Fast fast, String column, Slot slot);

    /** A row group's values decoded into a column of their own, of this target's type. */
    abstract void put(Column piece, Slot slot);

    /** The column of all rows; called once every row group is in. */
    abstract Column build();

    final long[] nullWords() {
        return nulls == null ? null : nulls.words();
    }

    /** The nulls of a row group's rows: where a sink or {@link #put} marks them. */
    final SharedBits.Writer nullWriter(Slot slot) {
        return nulls == null ? null : nulls.writer(slot.base(), slot.rows());
    }

    /** Marks the null rows of {@code piece} in the column's rows from {@code base}. */
    final void putNulls(Column piece, Slot slot) {
        if (piece.nullCount() == 0) {
            return;
        }
        SharedBits.Writer writer = nullWriter(slot);
        if (writer == null) {
            throw new org.apache.parquet.io.ParquetDecodingException("a column of a required field holds nulls");
        }
        for (int i = 0; i < piece.size(); i++) {
            if (piece.isNull(i)) {
                writer.set(slot.base() + i);
            }
        }
    }

    private static final class Ints extends ColumnTarget {
        private final int[] values;

        Ints(DataType type, int rows, boolean nullable) {
            super(type, rows, nullable);
            this.values = new int[rows];
        }

        @Override
        ValueSink sink(Leaf.Fast fast, String column, Slot slot) {
            if (fast != Leaf.Fast.INT) {
                return null;
            }
            SharedBits.Writer nullAt = nullWriter(slot);
            return new ValueSink() {
                private int at = slot.base();

                @Override
                void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
                    if (defs == null) {
                        System.arraycopy(v.ints, from, values, at, to - from);
                        at += to - from;
                        return;
                    }
                    int[] page = v.ints;
                    int j = value;
                    int row = at;
                    for (int i = from; i < to; i++, row++) {
                        if (defs[i] == max) {
                            values[row] = page[j++];
                        } else {
                            nullAt.set(row);
                        }
                    }
                    at = row;
                }
            };
        }

        @Override
        void put(Column piece, Slot slot) {
            ((IntColumn) piece).valueBuffer().get(values, slot.base(), piece.size());
            putNulls(piece, slot);
        }

        @Override
        Column build() {
            return IntColumn.wrap(type, values, nullWords());
        }
    }

    private static final class Longs extends ColumnTarget {
        private final long[] values;

        Longs(DataType type, int rows, boolean nullable) {
            super(type, rows, nullable);
            this.values = new long[rows];
        }

        @Override
        ValueSink sink(Leaf.Fast fast, String column, Slot slot) {
            if (fast != Leaf.Fast.LONG) {
                return null;
            }
            SharedBits.Writer nullAt = nullWriter(slot);
            return new ValueSink() {
                private int at = slot.base();

                @Override
                void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
                    if (defs == null) {
                        System.arraycopy(v.longs, from, values, at, to - from);
                        at += to - from;
                        return;
                    }
                    long[] page = v.longs;
                    int j = value;
                    int row = at;
                    for (int i = from; i < to; i++, row++) {
                        if (defs[i] == max) {
                            values[row] = page[j++];
                        } else {
                            nullAt.set(row);
                        }
                    }
                    at = row;
                }
            };
        }

        @Override
        void put(Column piece, Slot slot) {
            ((LongColumn) piece).valueBuffer().get(values, slot.base(), piece.size());
            putNulls(piece, slot);
        }

        @Override
        Column build() {
            return LongColumn.wrap(type, values, nullWords());
        }
    }

    private static final class Floats extends ColumnTarget {
        private final float[] values;

        Floats(int rows, boolean nullable) {
            super(DataType.FLOAT32, rows, nullable);
            this.values = new float[rows];
        }

        @Override
        ValueSink sink(Leaf.Fast fast, String column, Slot slot) {
            if (fast != Leaf.Fast.FLOAT) {
                return null;
            }
            SharedBits.Writer nullAt = nullWriter(slot);
            return new ValueSink() {
                private int at = slot.base();

                @Override
                void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
                    if (defs == null) {
                        System.arraycopy(v.floats, from, values, at, to - from);
                        at += to - from;
                        return;
                    }
                    float[] page = v.floats;
                    int j = value;
                    int row = at;
                    for (int i = from; i < to; i++, row++) {
                        if (defs[i] == max) {
                            values[row] = page[j++];
                        } else {
                            nullAt.set(row);
                        }
                    }
                    at = row;
                }
            };
        }

        @Override
        void put(Column piece, Slot slot) {
            ((FloatColumn) piece).valueBuffer().get(values, slot.base(), piece.size());
            putNulls(piece, slot);
        }

        @Override
        Column build() {
            return FloatColumn.wrap(values, nullWords());
        }
    }

    private static final class Doubles extends ColumnTarget {
        private final double[] values;

        Doubles(int rows, boolean nullable) {
            super(DataType.FLOAT64, rows, nullable);
            this.values = new double[rows];
        }

        @Override
        ValueSink sink(Leaf.Fast fast, String column, Slot slot) {
            if (fast != Leaf.Fast.DOUBLE) {
                return null;
            }
            SharedBits.Writer nullAt = nullWriter(slot);
            return new ValueSink() {
                private int at = slot.base();

                @Override
                void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
                    if (defs == null) {
                        System.arraycopy(v.doubles, from, values, at, to - from);
                        at += to - from;
                        return;
                    }
                    double[] page = v.doubles;
                    int j = value;
                    int row = at;
                    for (int i = from; i < to; i++, row++) {
                        if (defs[i] == max) {
                            values[row] = page[j++];
                        } else {
                            nullAt.set(row);
                        }
                    }
                    at = row;
                }
            };
        }

        @Override
        void put(Column piece, Slot slot) {
            ((DoubleColumn) piece).valueBuffer().get(values, slot.base(), piece.size());
            putNulls(piece, slot);
        }

        @Override
        Column build() {
            return DoubleColumn.wrap(values, nullWords());
        }
    }

    /** Booleans, one bit a row like the column's own layout; row groups may share a word, as with nulls. */
    private static final class Booleans extends ColumnTarget {
        private final SharedBits values;

        Booleans(int rows, boolean nullable) {
            super(DataType.BOOLEAN, rows, nullable);
            this.values = new SharedBits(rows);
        }

        @Override
        ValueSink sink(Leaf.Fast fast, String column, Slot slot) {
            if (fast != Leaf.Fast.BOOLEAN) {
                return null;
            }
            SharedBits.Writer nullAt = nullWriter(slot);
            SharedBits.Writer trueAt = values.writer(slot.base(), slot.rows());
            return new ValueSink() {
                private int at = slot.base();

                @Override
                void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
                    boolean[] page = v.booleans;
                    int j = value;
                    int row = at;
                    for (int i = from; i < to; i++, row++) {
                        if (defs == null || defs[i] == max) {
                            if (page[j++]) {
                                trueAt.set(row);
                            }
                        } else {
                            nullAt.set(row);
                        }
                    }
                    at = row;
                }
            };
        }

        @Override
        void put(Column piece, Slot slot) {
            BooleanColumn b = (BooleanColumn) piece;
            SharedBits.Writer trueAt = values.writer(slot.base(), slot.rows());
            for (int i = 0; i < b.size(); i++) {
                if (b.getBoolean(i)) {
                    trueAt.set(slot.base() + i);
                }
            }
            putNulls(piece, slot);
        }

        @Override
        Column build() {
            return BooleanColumn.wrap(rows, values.words(), nullWords());
        }
    }
}
