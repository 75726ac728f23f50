package org.datahandle.formats.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Writes tables of one schema to one Parquet file through parquet-java's {@link ParquetWriter},
 * which cuts row groups and pages by size. Rows go in as a reused cursor over the batch, so no row
 * objects are made.
 */
final class ParquetTableWriter implements TableWriter {
    private final Schema schema;
    private final String name;
    private final RowCursor cursor = new RowCursor();
    private final ParquetWriter<RowCursor> writer;
    private boolean closed;

    private ParquetTableWriter(Schema schema, String name, ParquetWriter<RowCursor> writer) {
        this.schema = schema;
        this.name = name;
        this.writer = writer;
    }

    static ParquetTableWriter open(WriteTarget target, Schema schema, ParquetOptions options) throws IOException {
        MessageType message = WriteMapping.messageOf(schema);
        String name = "handle '" + target.handleId() + "': " + target.location();
        OutputStream out = target.open();
        try {
            ParquetWriter<RowCursor> writer = new Builder(new StreamOutputFile(out, target.location().toString()),
                    new TableWriteSupport(message, schema))
                    .withConf(new PlainParquetConfiguration())
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(options.compression())
                    .withRowGroupSize(options.rowGroupSize())
                    .withPageSize(options.pageSize())
                    .withDictionaryPageSize(options.pageSize())
                    .build();
            return new ParquetTableWriter(schema, name, writer);
        } catch (IOException | RuntimeException e) {
            try {
                out.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public void write(Table batch) throws IOException {
        if (closed) {
            throw new IllegalStateException(name + ": the Parquet writer is closed");
        }
        if (!batch.schema().equals(schema)) {
            throw new IllegalArgumentException(name + ": the batch has schema " + batch.schema()
                    + " but the writer was opened for " + schema);
        }
        cursor.table = batch;
        for (int r = 0; r < batch.rowCount(); r++) {
            cursor.row = r;
            writer.write(cursor);
        }
        cursor.table = null;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }

    /** The row being written: a table and an index, reused for every row. */
    static final class RowCursor {
        Table table;
        int row;
    }

    private static final class Builder extends ParquetWriter.Builder<RowCursor, Builder> {
        private final TableWriteSupport support;

        Builder(OutputFile file, TableWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Never called: we configure through {@link PlainParquetConfiguration}. */
        @Override
        @Deprecated
        protected WriteSupport<RowCursor> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<RowCursor> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
            return support;
        }
    }

    private static final class TableWriteSupport extends WriteSupport<RowCursor> {
        private final MessageType message;
        private final Schema schema;
        private RowWriter rowWriter;

        TableWriteSupport(MessageType message, Schema schema) {
            this.message = message;
            this.schema = schema;
        }

        @Override
        @Deprecated
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return context();
        }

        @Override
        public WriteContext init(org.apache.parquet.conf.ParquetConfiguration configuration) {
            return context();
        }

        private WriteContext context() {
            // the schema's metadata goes first, so our own bookkeeping key wins a clash
            Map<String, String> meta = new HashMap<>(schema.metadata());
            meta.put(ParquetFile.WRITER_MODEL_KEY, "datahandle");
            return new WriteContext(message, meta);
        }

        @Override
        public String getName() {
            return "datahandle";
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            rowWriter = new RowWriter(recordConsumer, schema, message);
        }

        @Override
        public void write(RowCursor record) {
            rowWriter.write(record.table, record.row);
        }
    }
}
