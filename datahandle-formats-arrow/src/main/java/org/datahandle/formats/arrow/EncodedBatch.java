package org.datahandle.formats.arrow;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.RecordBatch;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * A record batch as it came in an IPC stream, from {@link ArrowIpcReader#nextEncoded()}: checked as decoding
 * would check it (every buffer inside the body, offsets, UTF-8, values a {@code Table} can hold), but not
 * decoded. An {@link ArrowIpcWriter} copies its buffers as they are when their layout is the one the writer
 * would produce, and otherwise decodes it and encodes it again; {@link #decode()} gives the {@code Table}.
 *
 * <p>Its bytes are the reader's buffer: a batch is usable until the reader's next call, and an
 * {@link IllegalStateException} after that.
 */
public final class EncodedBatch {
    private final ArrowIpcReader reader;
    private final long generation;
    private final MessageReader.IpcMessage message;
    private final RecordBatch batch;
    private final long rows;
    /** Its columns use exactly the nodes and buffers it lists: nothing unchecked would be copied. */
    private final boolean tight;
    private Table decoded;

    EncodedBatch(ArrowIpcReader reader, long generation, MessageReader.IpcMessage message, RecordBatch batch,
            long rows, boolean tight, Table decoded) {
        this.reader = reader;
        this.generation = generation;
        this.message = message;
        this.batch = batch;
        this.rows = rows;
        this.tight = tight;
        this.decoded = decoded;
    }

    /** The schema of the stream the batch belongs to. */
    public Schema schema() {
        return reader.schema();
    }

    /** The batch's rows. */
    public long rowCount() {
        return rows;
    }

    /**
     * The batch as a {@code Table}.
     *
     * @throws IllegalStateException after the reader moved on
     */
    public Table decode() {
        if (decoded == null) {
            requireCurrent();
            decoded = reader.decode(message, batch);
        }
        return decoded;
    }

    /**
     * Whether the batch's buffers can go into a file of {@code fields} unchanged: the same physical layout, no
     * body compression, at most {@code maxRows} rows, and no field node or buffer beyond those its columns use.
     */
    boolean copyableAs(List<IpcField> fields, int maxRows) {
        requireCurrent();
        return tight && batch.compression() == null && rows <= maxRows && sameLayout(reader.ipcFields(), fields);
    }

    /** The batch's field nodes, as they came. */
    List<BatchEncoder.Node> nodes() {
        requireCurrent();
        List<BatchEncoder.Node> nodes = new ArrayList<>(batch.nodesLength());
        FieldNode node = new FieldNode();
        for (int i = 0; i < batch.nodesLength(); i++) {
            batch.nodes(node, i);
            nodes.add(new BatchEncoder.Node(node.length(), node.nullCount()));
        }
        return nodes;
    }

    /** The batch's buffers: slices of the reader's body array, which {@link ArrowIpcReader#nextEncoded()} checked. */
    List<BodyBuffer> buffers() {
        requireCurrent();
        List<BodyBuffer> buffers = new ArrayList<>(batch.buffersLength());
        org.apache.arrow.flatbuf.Buffer b = new org.apache.arrow.flatbuf.Buffer();
        for (int i = 0; i < batch.buffersLength(); i++) {
            batch.buffers(b, i);
            buffers.add(BodyBuffer.of(ByteBuffer.wrap(message.body(), (int) b.offset(), (int) b.length())));
        }
        return buffers;
    }

    private void requireCurrent() {
        if (reader.generation() != generation) {
            throw new IllegalStateException("this encoded batch's bytes were reused: the reader has moved on "
                    + "(use a batch before the reader's next call)");
        }
    }

    private static boolean sameLayout(List<IpcField> a, List<IpcField> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            IpcField x = a.get(i);
            IpcField y = b.get(i);
            if (x.kind() != y.kind() || x.bitWidth() != y.bitWidth() || x.signed() != y.signed()
                    || x.unit() != y.unit() || x.width() != y.width() || x.dictionary().isPresent()
                    || y.dictionary().isPresent() || !x.dataType().equals(y.dataType())
                    || !sameLayout(x.children(), y.children())) {
                return false;
            }
        }
        return true;
    }
}
