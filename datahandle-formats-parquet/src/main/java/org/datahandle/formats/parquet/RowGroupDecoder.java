package org.datahandle.formats.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.datahandle.table.Column;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Decodes the pages of one row group into a table. Every top-level primitive column that is not
 * repeated (one value or null per row) is decoded page by page into its builder by a
 * {@link ColumnChunkDecoder}, with no call per value into parquet-java. The other columns (lists,
 * maps, structs, repeated fields) go together through parquet-java's record assembly over a
 * projection of the file schema holding just them, which turns repetition and definition levels
 * into start/end calls on the {@link Converters} tree.
 *
 * <p>Thread-safe: each call works on its own builders, so row groups decode in parallel.
 */
final class RowGroupDecoder {
    /** Room the builders start with at most, whatever the footer claims; they grow with what is decoded. */
    private static final int INITIAL_ROWS = 1 << 20;
    /** Cap of the initial room of all columns together (values), so a wide footer cannot allocate at will. */
    private static final long INITIAL_VALUES = 1L << 24;

    private final MessageType message;
    private final Schema schema;
    private final Converters converters;
    private final String createdBy;
    /** Top-level fields read by assembly (indexes into the schema), and their projection of the message. */
    private final int[] nested;
    private final MessageType projection;

    RowGroupDecoder(MessageType message, Schema schema, Converters converters, String createdBy) {
        this(message, schema, converters, createdBy, false);
    }

    /**
     * @param assembleAll read every column through record assembly, the flat ones too: the slower,
     *     independent path that tests compare the page decoding with
     */
    RowGroupDecoder(MessageType message, Schema schema, Converters converters, String createdBy, boolean assembleAll) {
        this.message = message;
        this.schema = schema;
        this.converters = converters;
        this.createdBy = createdBy;
        List<Type> assembled = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < message.getFieldCount(); i++) {
            Type t = message.getType(i);
            if (assembleAll || !flat(t)) {
                assembled.add(t);
                indexes.add(i);
            }
        }
        this.nested = indexes.stream().mapToInt(Integer::intValue).toArray();
        this.projection = assembled.isEmpty() ? null : new MessageType(message.getName(), assembled);
    }

    private boolean assembled(int field) {
        for (int i : nested) {
            if (i == field) {
                return true;
            }
        }
        return false;
    }

    private static boolean flat(Type t) {
        return t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED);
    }

    Table decode(PageReadStore pages) throws IOException {
        long rows = pages.getRowCount();
        if (rows > Integer.MAX_VALUE - 8) {
            throw new IOException("the row group has " + rows + " rows, more than one batch can hold");
        }
        int capacity = (int) Math.min(rows, Math.min(INITIAL_ROWS, INITIAL_VALUES / Math.max(1, schema.size())));
        List<Column.Builder> builders = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            builders.add(Column.builder(schema.field(i).type(), capacity));
        }
        for (int i = 0; i < message.getFieldCount(); i++) {
            Type t = message.getType(i);
            if (flat(t) && !assembled(i)) {
                PrimitiveType p = t.asPrimitiveType();
                ColumnDescriptor descriptor = message.getColumnDescription(new String[] {t.getName()});
                Leaf leaf = converters.mapping().leaf(p, t.getName());
                ValueSink sink = ValueSink.of(leaf, p.getPrimitiveTypeName(), builders.get(i), t.getName());
                new ColumnChunkDecoder(descriptor, sink).decode(pages.getPageReader(descriptor), rows);
            }
        }
        if (projection != null) {
            List<Column.Builder> assembled = new ArrayList<>(nested.length);
            for (int i : nested) {
                assembled.add(builders.get(i));
            }
            RecordMaterializer<Boolean> materializer = converters.materializer(projection, assembled);
            RecordReader<Boolean> records = new ColumnIOFactory(createdBy).getColumnIO(projection, message)
                    .getRecordReader(pages, materializer);
            for (long r = 0; r < rows; r++) {
                records.read();
            }
        }
        List<Column> columns = new ArrayList<>(builders.size());
        for (Column.Builder b : builders) {
            columns.add(b.build());
        }
        try {
            return Table.of(schema, columns);
        } catch (IllegalArgumentException e) {
            throw new IOException("the values do not fit the schema: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes the pages of one row group into its rows of a whole read: a flat column whose values
     * go in unchanged straight into the final array ({@link ColumnTarget#sink}); any other column
     * into a column of its own, handed over with {@link ColumnTarget#put}.
     */
    void decodeInto(PageReadStore pages, WholeTable whole, ColumnTarget.Slot slot) throws IOException {
        long rows = pages.getRowCount();
        if (rows != slot.rows()) {
            throw new IOException("the row group has " + rows + " rows where its footer said " + slot.rows());
        }
        for (int i = 0; i < message.getFieldCount(); i++) {
            Type t = message.getType(i);
            if (flat(t) && !assembled(i)) {
                PrimitiveType p = t.asPrimitiveType();
                ColumnDescriptor descriptor = message.getColumnDescription(new String[] {t.getName()});
                Leaf leaf = converters.mapping().leaf(p, t.getName());
                ColumnTarget target = whole.target(i);
                ValueSink sink = target.sink(leaf.fast(), t.getName(), slot);
                Column.Builder builder = null;
                if (sink == null) {
                    builder = Column.builder(schema.field(i).type(), slot.rows());
                    sink = ValueSink.of(leaf, p.getPrimitiveTypeName(), builder, t.getName());
                }
                new ColumnChunkDecoder(descriptor, sink).decode(pages.getPageReader(descriptor), rows);
                if (builder != null) {
                    target.put(builder.build(), slot);
                }
            }
        }
        if (projection != null) {
            List<Column.Builder> assembled = new ArrayList<>(nested.length);
            for (int i : nested) {
                assembled.add(Column.builder(schema.field(i).type(), slot.rows()));
            }
            RecordMaterializer<Boolean> materializer = converters.materializer(projection, assembled);
            RecordReader<Boolean> records = new ColumnIOFactory(createdBy).getColumnIO(projection, message)
                    .getRecordReader(pages, materializer);
            for (long r = 0; r < rows; r++) {
                records.read();
            }
            for (int k = 0; k < nested.length; k++) {
                whole.target(nested[k]).put(assembled.get(k).build(), slot);
            }
        }
    }

    /**
     * A row group decoded a batch at a time, for streams: each {@link Batches#next} decodes only
     * the pages its rows need, so the first rows of a large row group come without decoding the
     * rest. With a column read by record assembly (nested), whose converters fill one set of
     * builders, the whole row group is one batch.
     */
    Batches batches(PageReadStore pages) {
        return new Batches(pages);
    }

    final class Batches {
        private final long rows;
        private final ColumnChunkDecoder[] decoders;
        private final Leaf[] leaves;
        private final PageReadStore pages;
        private long done;

        private Batches(PageReadStore pages) {
            this.pages = pages;
            this.rows = pages.getRowCount();
            this.decoders = new ColumnChunkDecoder[message.getFieldCount()];
            this.leaves = new Leaf[message.getFieldCount()];
            if (projection != null) {
                return;
            }
            for (int i = 0; i < message.getFieldCount(); i++) {
                Type t = message.getType(i);
                ColumnDescriptor descriptor = message.getColumnDescription(new String[] {t.getName()});
                leaves[i] = converters.mapping().leaf(t.asPrimitiveType(), t.getName());
                decoders[i] = new ColumnChunkDecoder(descriptor, null);
                decoders[i].start(pages.getPageReader(descriptor), rows);
            }
        }

        /** The next at most {@code maxRows} rows, or null after the last. */
        Table next(int maxRows) throws IOException {
            if (done == rows) {
                return null;
            }
            if (projection != null) {
                done = rows;
                return decode(pages);
            }
            int n = (int) Math.min(maxRows, rows - done);
            List<Column> columns = new ArrayList<>(schema.size());
            for (int i = 0; i < decoders.length; i++) {
                Type t = message.getType(i);
                Column.Builder builder = Column.builder(schema.field(i).type(), n);
                decoders[i].emit(ValueSink.of(leaves[i], t.asPrimitiveType().getPrimitiveTypeName(), builder, t.getName()), n);
                if (done + n == rows) {
                    decoders[i].finish();
                }
                columns.add(builder.build());
            }
            done += n;
            try {
                return Table.of(schema, columns);
            } catch (IllegalArgumentException e) {
                throw new IOException("the values do not fit the schema: " + e.getMessage(), e);
            }
        }
    }
}
