package org.datahandle.formats.parquet;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.datahandle.table.BinaryColumn;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.StringColumn;

/**
 * Where a {@link ColumnChunkDecoder} puts a page's values: one row per definition level, a value
 * where the level is the maximum, a null elsewhere. Each kind of column has its own loop, so the
 * append in it is one monomorphic call the JIT inlines. Types whose values need converting
 * (timestamps in milli- or nanoseconds, unsigned integers, decimals, INT96, FLOAT16, UUID) go
 * through the {@link LeafConverter} of {@link Leaves}, the same code the nested path uses.
 */
abstract class ValueSink {

    /**
     * Appends rows {@code from} (inclusive) to {@code to} (exclusive) of a page, so a page can be
     * split between two batches of a stream.
     *
     * @param values the page's non-null values, in order
     * @param definitions one level per row of the page, or null when every row has a value
     * @param max the level of a present value
     * @param value the index in {@code values} of row {@code from}'s value (or of the first value
     *     after it): the number of present values before {@code from}; equal to {@code from} when
     *     {@code definitions} is null
     */
    abstract void emit(PageValues values, int[] definitions, int max, int from, int to, int value);

    /**
     * Checks the values of a data page, or of a dictionary, once they are decoded and before any is
     * emitted (the UTF-8 of strings); not called for a page of dictionary ids, whose values were
     * checked with their dictionary.
     */
    void check(PageValues values) {}

    /** The sink of a leaf whose values go to {@code builder}. */
    static ValueSink of(Leaf leaf, PrimitiveTypeName physical, Column.Builder builder, String column) {
        switch (leaf.fast()) {
            case INT:
                return new Ints((IntColumn.Builder) builder);
            case LONG:
                return new Longs((LongColumn.Builder) builder);
            case FLOAT:
                return new Floats((FloatColumn.Builder) builder);
            case DOUBLE:
                return new Doubles((DoubleColumn.Builder) builder);
            case BOOLEAN:
                return new Booleans((BooleanColumn.Builder) builder);
            case STRING:
                return new Strings((StringColumn.Builder) builder, column);
            case BINARY:
                return new Bytes((BinaryColumn.Builder) builder);
            default:
                return new Converted(leaf.converter().apply(builder), builder, physical);
        }
    }

    private static final class Ints extends ValueSink {
        private final IntColumn.Builder b;

        Ints(IntColumn.Builder b) {
            this.b = b;
        }

        @Override
        void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
            int[] values = v.ints;
            if (defs == null) {
                for (int i = from; i < to; i++) {
                    b.append(values[i]);
                }
                return;
            }
            int j = value;
            for (int i = from; i < to; i++) {
                if (defs[i] == max) {
                    b.append(values[j++]);
                } else {
                    b.appendNull();
                }
            }
        }
    }

    private static final class Longs extends ValueSink {
        private final LongColumn.Builder b;

        Longs(LongColumn.Builder b) {
            this.b = b;
        }

        @Override
        void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
            long[] values = v.longs;
            if (defs == null) {
                for (int i = from; i < to; i++) {
                    b.append(values[i]);
                }
                return;
            }
            int j = value;
            for (int i = from; i < to; i++) {
                if (defs[i] == max) {
                    b.append(values[j++]);
                } else {
                    b.appendNull();
                }
            }
        }
    }

    private static final class Floats extends ValueSink {
        private final FloatColumn.Builder b;

        Floats(FloatColumn.Builder b) {
            this.b = b;
        }

        @Override
        void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
            float[] values = v.floats;
            int j = value;
            for (int i = from; i < to; i++) {
                if (defs == null || defs[i] == max) {
                    b.append(values[j++]);
                } else {
                    b.appendNull();
                }
            }
        }
    }

    private static final class Doubles extends ValueSink {
        private final DoubleColumn.Builder b;

        Doubles(DoubleColumn.Builder b) {
            this.b = b;
        }

        @Override
        void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
            double[] values = v.doubles;
            if (defs == null) {
                for (int i = from; i < to; i++) {
                    b.append(values[i]);
                }
                return;
            }
            int j = value;
            for (int i = from; i < to; i++) {
                if (defs[i] == max) {
                    b.append(values[j++]);
                } else {
                    b.appendNull();
                }
            }
        }
    }

    private static final class Booleans extends ValueSink {
        private final BooleanColumn.Builder b;

        Booleans(BooleanColumn.Builder b) {
            this.b = b;
        }

        @Override
        void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
            boolean[] values = v.booleans;
            int j = value;
            for (int i = from; i < to; i++) {
                if (defs == null || defs[i] == max) {
                    b.append(values[j++]);
                } else {
                    b.appendNull();
                }
            }
        }
    }

    /** UTF-8 strings, checked once per value (once per entry for a dictionary), since StringColumn trusts its input. */
    private static final class Strings extends ValueSink {
        private final StringColumn.Builder b;
        private final Utf8Check utf8;

        Strings(StringColumn.Builder b, String column) {
            this.b = b;
            this.utf8 = new Utf8Check(column);
        }

        @Override
        void check(PageValues values) {
            utf8.checkAll(values);
        }

        @Override
        void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
            byte[] bytes = v.bytes;
            int[] starts = v.starts;
            int[] lengths = v.lengths;
            int j = value;
            for (int i = from; i < to; i++) {
                if (defs == null || defs[i] == max) {
                    b.appendUtf8(bytes, starts[j], lengths[j]);
                    j++;
                } else {
                    b.appendNull();
                }
            }
        }
    }

    private static final class Bytes extends ValueSink {
        private final BinaryColumn.Builder b;

        Bytes(BinaryColumn.Builder b) {
            this.b = b;
        }

        @Override
        void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
            int j = value;
            for (int i = from; i < to; i++) {
                if (defs == null || defs[i] == max) {
                    b.append(v.bytes, v.starts[j], v.lengths[j]);
                    j++;
                } else {
                    b.appendNull();
                }
            }
        }
    }

    /** Values that need converting: through the leaf's converter, by physical type. */
    private static final class Converted extends ValueSink {
        private final LeafConverter converter;
        private final Column.Builder builder;
        private final PrimitiveTypeName physical;

        Converted(LeafConverter converter, Column.Builder builder, PrimitiveTypeName physical) {
            this.converter = converter;
            this.builder = builder;
            this.physical = physical;
        }

        @Override
        void emit(PageValues v, int[] defs, int max, int from, int to, int value) {
            int j = value;
            for (int i = from; i < to; i++) {
                if (defs == null || defs[i] == max) {
                    add(v, j++);
                } else {
                    builder.appendNull();
                }
            }
        }

        private void add(PageValues v, int j) {
            switch (physical) {
                case INT32 -> converter.addInt(v.ints[j]);
                case INT64 -> converter.addLong(v.longs[j]);
                case FLOAT -> converter.addFloat(v.floats[j]);
                case DOUBLE -> converter.addDouble(v.doubles[j]);
                case BOOLEAN -> converter.addBoolean(v.booleans[j]);
                default -> converter.addBinary(Binary.fromConstantByteArray(v.bytes, v.starts[j], v.lengths[j]));
            }
        }
    }
}
