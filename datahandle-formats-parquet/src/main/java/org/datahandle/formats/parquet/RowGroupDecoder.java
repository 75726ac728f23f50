package org.datahandle.formats.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.datahandle.table.Column;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Decodes the pages of one row group into a table. A flat schema (no lists or structs) is read
 * column by column with parquet-java's {@link ColumnReader}s: a definition level per value says
 * null or not, and the value goes straight from the page into the builder. Nested schemas go
 * through parquet-java's record assembly, which turns repetition and definition levels into
 * start/end calls on the {@link Converters} tree.
 */
final class RowGroupDecoder {
    private final MessageType message;
    private final Schema schema;
    private final Converters converters;
    private final String createdBy;
    private final boolean flat;

    RowGroupDecoder(MessageType message, Schema schema, Converters converters, String createdBy) {
        this.message = message;
        this.schema = schema;
        this.converters = converters;
        this.createdBy = createdBy;
        this.flat = message.getFields().stream().allMatch(t -> t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED));
    }

    /** Room the builders start with; a footer claiming billions of rows must not allocate them up front. */
    private static final int INITIAL_ROWS = 1 << 16;

    Table decode(PageReadStore pages) throws IOException {
        long rows = pages.getRowCount();
        if (rows > Integer.MAX_VALUE - 8) {
            throw new IOException("the row group has " + rows + " rows, more than one batch can hold");
        }
        List<Column.Builder> builders = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            // the footer's row count is a claim: start small and grow with what is really decoded
            builders.add(Column.builder(schema.field(i).type(), (int) Math.min(rows, INITIAL_ROWS)));
        }
        RecordMaterializer<Boolean> materializer = converters.materializer(message, builders);
        if (flat) {
            readColumns(pages, materializer, builders, rows);
        } else {
            RecordReader<Boolean> records = new ColumnIOFactory(createdBy).getColumnIO(message)
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

    private void readColumns(PageReadStore pages, RecordMaterializer<Boolean> materializer,
            List<Column.Builder> builders, long rows) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, materializer.getRootConverter(), message, createdBy);
        List<ColumnDescriptor> descriptors = message.getColumns();
        for (int c = 0; c < descriptors.size(); c++) {
            ColumnDescriptor descriptor = descriptors.get(c);
            ColumnReader reader = store.getColumnReader(descriptor);
            int defined = descriptor.getMaxDefinitionLevel();
            Column.Builder builder = builders.get(c);
            for (long r = 0; r < rows; r++) {
                if (reader.getCurrentDefinitionLevel() == defined) {
                    reader.writeCurrentValueToConverter();
                } else {
                    builder.appendNull();
                }
                reader.consume();
            }
        }
    }
}
