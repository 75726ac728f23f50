package org.datahandle.formats.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Writes tables of one schema to one Parquet file, row groups encoded in parallel: the rows of a row
 * group (about {@code rowGroupSize} bytes of the table in memory) are encoded and compressed into
 * memory by a task on the catalog's executor; the writing thread appends finished row groups to the
 * file in order (DuckDB writes the same way). Flat columns are encoded column at a time by
 * {@link FlatColumnEncoder}, straight from the column arrays into pages; nested and decimal fields
 * are shredded row by row through parquet-java's record path. Both hand their pages to one
 * parquet-java page store, so compression, page headers, statistics, column and offset indexes and
 * the footer stay parquet-java's. Without an executor every row group is encoded on the writing
 * thread.
 */
final class ParquetTableWriter implements TableWriter {
    private static final HeapByteBufferAllocator HEAP = new HeapByteBufferAllocator();

    private final Schema schema;
    private final MessageType message;
    /** The fields encoded column at a time, as indexes into the schema. */
    private final int[] flatFields;
    /** The other fields (nested, decimal), written through parquet-java's record path, and their message. */
    private final int[] recordFields;
    private final MessageType recordMessage;
    private final ParquetOptions options;
    private final String name;
    private final ParquetProperties properties;
    private final ParquetFileWriter file;
    private final Map<String, String> footer;
    private final Executor executor;
    private final int ahead;
    /** Rows waiting for the next row group, as ranges of the batches written. */
    private final List<Range> pending = new ArrayList<>();
    private long pendingBytes;
    private long pendingRows;
    private final Deque<Claimable<Encoded>> inFlight = new ArrayDeque<>();
    private boolean closed;

    /** Rows {@code [from, to)} of a batch. */
    private record Range(Table table, int from, int to) {}

    /** One row group encoded in memory, ready to append. */
    private record Encoded(long rows, Optional<ColumnWriteStore> columns, ColumnChunkPageWriteStore pages,
            CodecFactory codecs) {
        void release() {
            columns.ifPresent(ColumnWriteStore::close);
            pages.close();
            codecs.release();
        }
    }

    private ParquetTableWriter(Schema schema, MessageType message, ParquetOptions options, String name,
            ParquetFileWriter file, Executor executor) {
        this.schema = schema;
        this.message = message;
        List<Integer> flat = new ArrayList<>();
        List<Integer> record = new ArrayList<>();
        List<Type> recordTypes = new ArrayList<>();
        for (int f = 0; f < schema.size(); f++) {
            if (FlatColumnEncoder.handles(schema.field(f).type())) {
                flat.add(f);
            } else {
                record.add(f);
                recordTypes.add(message.getType(f));
            }
        }
        this.flatFields = flat.stream().mapToInt(Integer::intValue).toArray();
        this.recordFields = record.stream().mapToInt(Integer::intValue).toArray();
        this.recordMessage = new MessageType(message.getName(), recordTypes);
        this.options = options;
        this.name = name;
        this.file = file;
        this.executor = executor;
        this.ahead = executor == null ? 0 : Runtime.getRuntime().availableProcessors();
        this.properties = ParquetProperties.builder()
                .withPageSize(options.pageSize())
                .withDictionaryPageSize(options.pageSize())
                .withAllocator(HEAP)
                .withValuesWriterFactory(new WriterFactory())
                .build();
        // the schema's metadata goes first, so our own bookkeeping key wins a clash
        Map<String, String> meta = new HashMap<>(schema.metadata());
        meta.put(ParquetFile.WRITER_MODEL_KEY, "datahandle");
        this.footer = meta;
    }

    static ParquetTableWriter open(WriteTarget target, Schema schema, ParquetOptions options) throws IOException {
        MessageType message = WriteMapping.messageOf(schema);
        String name = "handle '" + target.handleId() + "': " + target.location();
        OutputStream out = target.open();
        try {
            ParquetProperties defaults = ParquetProperties.builder().build();
            ParquetFileWriter file = new ParquetFileWriter(new StreamOutputFile(out, target.location().toString()),
                    message, ParquetFileWriter.Mode.OVERWRITE, options.rowGroupSize(), 0,
                    defaults.getColumnIndexTruncateLength(), defaults.getStatisticsTruncateLength(),
                    defaults.getPageWriteChecksumEnabled());
            file.start();
            return new ParquetTableWriter(schema, message, options, name, file, target.executor().orElse(null));
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
        int rows = batch.rowCount();
        if (rows == 0) {
            return;
        }
        double bytesPerRow = Math.max(1.0, (double) batch.heapBytes() / rows);
        int from = 0;
        while (from < rows) {
            long room = Math.max(1, (long) Math.ceil((options.rowGroupSize() - pendingBytes) / bytesPerRow));
            int to = (int) Math.min(rows, from + room);
            pending.add(new Range(batch, from, to));
            pendingBytes += (long) Math.ceil((to - from) * bytesPerRow);
            pendingRows += to - from;
            from = to;
            if (pendingBytes >= options.rowGroupSize()) {
                submit();
            }
        }
    }

    /** Hands the pending rows to a task as one row group, and appends the row groups that are done. */
    private void submit() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        List<Range> rows = List.copyOf(pending);
        long count = pendingRows;
        pending.clear();
        pendingBytes = 0;
        pendingRows = 0;
        Claimable<Encoded> task = Claimable.submit(() -> encode(rows, count), ahead == 0 ? null : executor);
        inFlight.addLast(task);
        while (inFlight.size() > ahead) {
            append(inFlight.pollFirst());
        }
    }

    /**
     * Encodes and compresses one row group into memory; runs on any thread. Flat columns are encoded
     * column at a time ({@link FlatColumnEncoder}); nested and decimal fields, if any, are shredded
     * row by row through parquet-java's record path into the same page store.
     */
    private Encoded encode(List<Range> rows, long count) {
        CodecFactory codecs = new CodecFactory(new PlainParquetConfiguration(), options.pageSize());
        ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(column -> codecs.getCompressor(options.compression()))
                .withSchema(message)
                .withAllocator(HEAP)
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .build();
        ColumnWriteStore columns = recordFields.length == 0 ? null
                : properties.newColumnWriteStore(recordMessage, pages, pages);
        try {
            for (int f : flatFields) {
                List<FlatColumnEncoder.Slice> slices = new ArrayList<>(rows.size());
                for (Range r : rows) {
                    slices.add(new FlatColumnEncoder.Slice(r.table().column(f), r.from(), r.to()));
                }
                ColumnDescriptor column = message.getColumnDescription(new String[] {schema.field(f).name()});
                new FlatColumnEncoder(column, schema.field(f).name(), options.pageSize())
                        .write(slices, pages.getPageWriter(column));
            }
            if (columns != null) {
                RecordConsumer consumer = new ColumnIOFactory(false).getColumnIO(recordMessage).getRecordWriter(columns);
                RowWriter writer = new RowWriter(consumer, schema, recordMessage, recordFields);
                for (Range r : rows) {
                    for (int row = r.from(); row < r.to(); row++) {
                        writer.write(r.table(), row);
                    }
                }
                consumer.flush();
                columns.flush();
            }
            return new Encoded(count, Optional.ofNullable(columns), pages, codecs);
        } catch (IOException | RuntimeException e) {
            if (columns != null) {
                columns.close();
            }
            pages.close();
            codecs.release();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io); // unwrapped again by append
            }
            throw (RuntimeException) e;
        }
    }

    private void append(Claimable<Encoded> task) throws IOException {
        Encoded encoded;
        try {
            encoded = task.join();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try {
            file.startBlock(encoded.rows());
            encoded.pages().flushToFileWriter(file);
            file.endBlock();
        } finally {
            encoded.release();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            submit();
            while (!inFlight.isEmpty()) {
                append(inFlight.pollFirst());
            }
            file.end(footer); // writes the footer and closes the stream
        } catch (IOException | RuntimeException | Error e) {
            for (Claimable<Encoded> f : inFlight) {
                f.cancel();
                f.whenDone(Encoded::release);
            }
            inFlight.clear();
            try {
                file.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
