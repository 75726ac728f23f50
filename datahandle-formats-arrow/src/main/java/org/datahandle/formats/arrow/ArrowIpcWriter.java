package org.datahandle.formats.arrow;

import static java.util.Objects.requireNonNull;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.BodyCompressionMethod;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.datahandle.spi.TableWriter;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Writes {@link Table}s as an Arrow IPC stream or file: the schema at once, one record batch message per
 * {@link #write(Table)} (split at {@link ArrowWriteOptions#maxBatchRows()}), and on {@link #finish()} the
 * end-of-stream marker (plus, for a file, the footer and the closing magic).
 *
 * <p>The schema and each batch are flushed to the underlying stream as soon as they are written, so a reader
 * at the other end of a socket or pipe sees each batch whole and at once.
 *
 * <p>Every body buffer starts at a multiple of 64 bytes from the start of the output, as the columnar
 * format recommends, so that a reader that maps the file (pyarrow's {@code memory_map}, numpy, Arrow C++)
 * uses the buffers in place. Not thread-safe.
 */
public final class ArrowIpcWriter implements TableWriter {
    static final int ALIGNMENT = 64;
    static final byte[] FILE_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    static final int CONTINUATION = 0xFFFFFFFF;

    private final OutputStream out;
    private final Schema schema;
    private final Map<String, String> metadata;
    private final ArrowWriteOptions options;
    private final boolean file;
    private final List<long[]> blocks = new ArrayList<>(); // offset, metadata length, body length
    private List<IpcField> layout;
    private long copiedBatches;
    private final byte[] word = new byte[8];
    /** Column values pass through this on their way out: 1 MiB, little-endian. */
    private final ByteBuffer scratch = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private long position;
    private long rows;
    private boolean finished;
    private boolean closed;
    /** A batch failed part way: the output ends inside a message, and must not be made to look complete. */
    private boolean broken;

    ArrowIpcWriter(OutputStream out, Schema schema, Map<String, String> metadata, ArrowWriteOptions options,
            boolean file) throws IOException {
        // Message prefixes and padding are a few bytes each: buffer them, let large buffers pass through.
        this.out = new BufferedOutputStream(requireNonNull(out, "out is null"), 1 << 16);
        this.schema = requireNonNull(schema, "schema is null");
        this.metadata = Map.copyOf(metadata);
        this.options = requireNonNull(options, "options is null");
        this.file = file;
        if (file) {
            write(FILE_MAGIC, 0, FILE_MAGIC.length);
            pad(8 - FILE_MAGIC.length);
        }
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int header = ArrowSchemas.write(b, schema, this.metadata);
        writeMessage(b, MessageHeader.Schema, header, 0);
        this.out.flush(); // a reader on the other end of a pipe or socket can start before the first batch
    }

    /** The schema every batch must have. */
    public Schema schema() {
        return schema;
    }

    /** Bytes written so far. */
    public long bytesWritten() {
        return position;
    }

    /** Rows written so far. */
    public long rowsWritten() {
        return rows;
    }

    /**
     * Writes the rows of {@code batch} as one or more record batches.
     *
     * @throws IllegalArgumentException when the batch's schema is not the writer's
     * @throws IllegalStateException after {@link #finish()}
     */
    @Override
    public void write(Table batch) throws IOException {
        requireNonNull(batch, "batch is null");
        if (finished) {
            throw new IllegalStateException("the Arrow writer is finished; no more batches can be written");
        }
        if (!batch.schema().equals(schema)) {
            throw new IllegalArgumentException("batch schema " + batch.schema() + " is not the writer's schema "
                    + schema);
        }
        if (broken) {
            throw new IllegalStateException("an earlier batch failed part way; the Arrow output is incomplete");
        }
        int max = options.maxBatchRows();
        try {
            if (batch.rowCount() <= max) {
                writeBatch(batch);
                return;
            }
            for (int from = 0; from < batch.rowCount(); from += max) {
                writeBatch(batch.slice(from, Math.min(batch.rowCount(), from + max)));
            }
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /**
     * Writes a record batch read by {@link ArrowIpcReader#nextEncoded()}. When the batch is laid out as this
     * writer lays batches out (the same Arrow types, uncompressed, at most {@link ArrowWriteOptions#maxBatchRows()}
     * rows) and this writer does not compress, its buffers are copied as they are, each 64-byte aligned as
     * {@link #write(Table)} places them; otherwise it is decoded and written as {@link #write(Table)} does.
     * Either way a reader gets the same rows.
     *
     * @throws IllegalArgumentException when the batch's schema is not the writer's
     * @throws IllegalStateException after {@link #finish()}, or when the batch's reader has moved on
     */
    public void write(EncodedBatch batch) throws IOException {
        requireNonNull(batch, "batch is null");
        if (finished) {
            throw new IllegalStateException("the Arrow writer is finished; no more batches can be written");
        }
        if (!batch.schema().equals(schema)) {
            throw new IllegalArgumentException("batch schema " + batch.schema() + " is not the writer's schema "
                    + schema);
        }
        if (options.compression() != ArrowCompression.NONE || !batch.copyableAs(layout(), options.maxBatchRows())) {
            write(batch.decode());
            return;
        }
        if (broken) {
            throw new IllegalStateException("an earlier batch failed part way; the Arrow output is incomplete");
        }
        try {
            writeRecordBatch(batch.rowCount(), batch.nodes(), batch.buffers());
            copiedBatches++;
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** Batches {@link #write(EncodedBatch)} copied without decoding them (for tests). */
    long copiedBatches() {
        return copiedBatches;
    }

    /** The Arrow fields this writer's schema is written as, for {@link EncodedBatch#copyableAs}. */
    private List<IpcField> layout() {
        if (layout == null) {
            FlatBufferBuilder b = new FlatBufferBuilder(1024);
            b.finish(ArrowSchemas.write(b, schema, metadata));
            ByteBuffer bytes = b.dataBuffer();
            layout = ArrowSchemas.read(org.apache.arrow.flatbuf.Schema.getRootAsSchema(bytes),
                    new Origin("", java.net.URI.create("memory:writer-schema")), 0, bytes.remaining()).fields();
        }
        return layout;
    }

    private void writeBatch(Table batch) throws IOException {
        BatchEncoder encoded = BatchEncoder.encode(batch);
        writeRecordBatch(batch.rowCount(), encoded.nodes(), encoded.buffers());
    }

    /** One record batch message and its body, compressed as the options say, each buffer 64-byte aligned. */
    private void writeRecordBatch(long rowCount, List<BatchEncoder.Node> nodes, List<BodyBuffer> buffers)
            throws IOException {
        ArrowCompression compression = options.compression();
        if (compression != ArrowCompression.NONE) {
            List<BodyBuffer> compressed = new ArrayList<>(buffers.size());
            for (BodyBuffer raw : buffers) {
                compressed.add(BodyBuffer.of(compressBuffer(compression, raw.materialize())));
            }
            buffers = compressed;
        }
        long[] offsets = new long[buffers.size()];
        long bodyLength = 0;
        for (int i = 0; i < buffers.size(); i++) {
            offsets[i] = bodyLength;
            bodyLength = align(bodyLength + buffers.get(i).length(), ALIGNMENT);
        }

        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int compressionOffset = 0;
        if (compression != ArrowCompression.NONE) {
            compressionOffset = BodyCompression.createBodyCompression(b, BodyCodec.flatbufferCode(compression),
                    BodyCompressionMethod.BUFFER);
        }
        RecordBatch.startNodesVector(b, nodes.size());
        for (int i = nodes.size() - 1; i >= 0; i--) {
            FieldNode.createFieldNode(b, nodes.get(i).length(), nodes.get(i).nullCount());
        }
        int nodeVector = b.endVector();
        RecordBatch.startBuffersVector(b, buffers.size());
        for (int i = buffers.size() - 1; i >= 0; i--) {
            org.apache.arrow.flatbuf.Buffer.createBuffer(b, offsets[i], buffers.get(i).length());
        }
        int bufferVector = b.endVector();
        RecordBatch.startRecordBatch(b);
        RecordBatch.addLength(b, rowCount);
        RecordBatch.addNodes(b, nodeVector);
        RecordBatch.addBuffers(b, bufferVector);
        if (compressionOffset != 0) {
            RecordBatch.addCompression(b, compressionOffset);
        }
        int header = RecordBatch.endRecordBatch(b);

        long start = position;
        int metadataLength = writeMessage(b, MessageHeader.RecordBatch, header, bodyLength);
        long bodyStart = position;
        for (int i = 0; i < buffers.size(); i++) {
            pad(bodyStart + offsets[i] - position);
            buffers.get(i).writeTo(out, scratch);
            position += buffers.get(i).length();
        }
        pad(bodyStart + bodyLength - position);
        blocks.add(new long[] {start, metadataLength, bodyLength});
        rows += rowCount;
        out.flush(); // each batch reaches a streaming reader whole, not when the next one fills the buffer
    }

    /** A compressed buffer: its uncompressed length as int64, then the codec's bytes (or -1 and the raw bytes). */
    private static ByteBuffer compressBuffer(ArrowCompression compression, ByteBuffer raw) throws IOException {
        if (raw.remaining() == 0) {
            return raw;
        }
        byte[] packed = BodyCodec.compress(compression, raw);
        boolean worthIt = packed.length < raw.remaining();
        int length = worthIt ? packed.length : raw.remaining();
        ByteBuffer out = ByteBuffer.allocate(8 + length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(worthIt ? raw.remaining() : -1L);
        if (worthIt) {
            out.put(packed);
        } else {
            out.put(raw.duplicate());
        }
        return out.flip();
    }

    /**
     * Writes one encapsulated message: the continuation marker, the metadata length, the Message flatbuffer
     * padded so that the body that follows starts 64-byte aligned. Returns the bytes written before the body.
     */
    private int writeMessage(FlatBufferBuilder b, byte headerType, int header, long bodyLength) throws IOException {
        Message.startMessage(b);
        Message.addVersion(b, MetadataVersion.V5);
        Message.addHeaderType(b, headerType);
        Message.addHeader(b, header);
        Message.addBodyLength(b, bodyLength);
        b.finish(Message.endMessage(b));
        byte[] flatbuffer = b.sizedByteArray();
        long end = align(position + 8 + flatbuffer.length, ALIGNMENT);
        int metadataLength = (int) (end - position - 8);
        long start = position;
        writeInt(CONTINUATION);
        writeInt(metadataLength);
        write(flatbuffer, 0, flatbuffer.length);
        pad(end - position);
        return (int) (position - start);
    }

    /**
     * Completes the stream (end-of-stream marker) or file (marker, footer, magic) and flushes, leaving the
     * underlying stream open. Idempotent.
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (broken) {
            throw new IOException("an earlier batch failed part way: the Arrow output is incomplete and is left without "
                    + "its end-of-stream marker, so that no reader takes it for complete");
        }
        finished = true;
        writeInt(CONTINUATION);
        writeInt(0);
        if (file) {
            FlatBufferBuilder b = new FlatBufferBuilder(1024);
            int schemaOffset = ArrowSchemas.write(b, schema, metadata);
            Footer.startDictionariesVector(b, 0);
            int dictionaries = b.endVector();
            Footer.startRecordBatchesVector(b, blocks.size());
            for (int i = blocks.size() - 1; i >= 0; i--) {
                long[] block = blocks.get(i);
                Block.createBlock(b, block[0], (int) block[1], block[2]);
            }
            int batches = b.endVector();
            Footer.startFooter(b);
            Footer.addVersion(b, MetadataVersion.V5);
            Footer.addSchema(b, schemaOffset);
            Footer.addDictionaries(b, dictionaries);
            Footer.addRecordBatches(b, batches);
            b.finish(Footer.endFooter(b));
            byte[] footer = b.sizedByteArray();
            write(footer, 0, footer.length);
            writeInt(footer.length);
            write(FILE_MAGIC, 0, FILE_MAGIC.length);
        }
        out.flush();
    }

    /**
     * {@link #finish()}es, then closes the underlying stream. After a failed {@link #write(Table)} it only closes:
     * the output then lacks its end-of-stream marker (and footer), so every reader sees it as truncated.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!broken) {
                finish();
            }
        } finally {
            out.close();
        }
    }

    static long align(long value, int to) {
        return (value + to - 1) / to * to;
    }

    private void writeInt(int v) throws IOException {
        word[0] = (byte) v;
        word[1] = (byte) (v >>> 8);
        word[2] = (byte) (v >>> 16);
        word[3] = (byte) (v >>> 24);
        write(word, 0, 4);
    }

    private void pad(long bytes) throws IOException {
        while (bytes > 0) {
            int n = (int) Math.min(bytes, ZEROS.length);
            write(ZEROS, 0, n);
            bytes -= n;
        }
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        position += length;
    }

    private static final byte[] ZEROS = new byte[ALIGNMENT];
}
