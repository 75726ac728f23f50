package org.datahandle.formats.arrow;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.datahandle.table.Schema;

/** Hand-built IPC streams, to put exactly the corruption a test wants where it wants it. */
final class RawIpc {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A stream that starts with the schema message of {@code schema}. */
    static RawIpc withSchema(Schema schema) {
        RawIpc raw = new RawIpc();
        FlatBufferBuilder b = new FlatBufferBuilder();
        int header = ArrowSchemas.write(b, schema, Map.of());
        raw.message(b, MessageHeader.Schema, header, new byte[0], 0);
        return raw;
    }

    /**
     * Appends a record batch message.
     *
     * @param nodes {length, nullCount} per field node
     * @param buffers {offset, length} per buffer
     */
    RawIpc batch(long rows, long[][] nodes, long[][] buffers, byte[] body) {
        return batch(rows, nodes, buffers, body, body.length);
    }

    /** As {@link #batch(long, long[][], long[][], byte[])}, with a body length that may lie. */
    RawIpc batch(long rows, long[][] nodes, long[][] buffers, byte[] body, long claimedBodyLength) {
        FlatBufferBuilder b = new FlatBufferBuilder();
        RecordBatch.startNodesVector(b, nodes.length);
        for (int i = nodes.length - 1; i >= 0; i--) {
            FieldNode.createFieldNode(b, nodes[i][0], nodes[i][1]);
        }
        int nodeVector = b.endVector();
        RecordBatch.startBuffersVector(b, buffers.length);
        for (int i = buffers.length - 1; i >= 0; i--) {
            org.apache.arrow.flatbuf.Buffer.createBuffer(b, buffers[i][0], buffers[i][1]);
        }
        int bufferVector = b.endVector();
        RecordBatch.startRecordBatch(b);
        RecordBatch.addLength(b, rows);
        RecordBatch.addNodes(b, nodeVector);
        RecordBatch.addBuffers(b, bufferVector);
        int header = RecordBatch.endRecordBatch(b);
        message(b, MessageHeader.RecordBatch, header, body, claimedBodyLength);
        return this;
    }

    /** Appends raw bytes. */
    RawIpc bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Appends the end-of-stream marker. */
    RawIpc end() {
        return bytes(new byte[] {-1, -1, -1, -1, 0, 0, 0, 0});
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void message(FlatBufferBuilder b, byte type, int header, byte[] body, long bodyLength) {
        Message.startMessage(b);
        Message.addVersion(b, MetadataVersion.V5);
        Message.addHeaderType(b, type);
        Message.addHeader(b, header);
        Message.addBodyLength(b, bodyLength);
        b.finish(Message.endMessage(b));
        byte[] meta = b.sizedByteArray();
        int padded = (meta.length + 7) / 8 * 8;
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(padded);
        out.writeBytes(prefix.array());
        out.writeBytes(meta);
        out.writeBytes(new byte[padded - meta.length]);
        out.writeBytes(body);
    }

    /** Little-endian bytes of ints, for offset buffers. */
    static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    /** {@code a} then {@code b}. */
    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
