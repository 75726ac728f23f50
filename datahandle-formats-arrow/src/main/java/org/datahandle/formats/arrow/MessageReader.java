package org.datahandle.formats.arrow;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.datahandle.DataFormatException;

/**
 * Reads encapsulated IPC messages from a stream: the continuation marker, the metadata length, the
 * {@code Message} flatbuffer and the body. Lengths are checked before anything is allocated, and bytes are
 * read in chunks so that a length claiming gigabytes costs no more memory than the bytes that really follow.
 *
 * <p>Bodies are read into one array that the reader keeps and grows, so a stream of batches costs one
 * allocation, not one (body-sized, often humongous) array per batch: a message's body is valid until the
 * next call of {@link #next()}. Nothing decoded from it keeps a reference to it.
 */
final class MessageReader {
    /** The largest metadata flatbuffer accepted; a schema of thousands of columns needs well under 1 MiB. */
    static final int MAX_METADATA = 64 << 20;
    /** The largest body a message may have here: one Java array. */
    static final long MAX_BODY = Integer.MAX_VALUE - 16;

    /** The first allocation for a body, and the step it grows by at least; the body's length if smaller. */
    private static final int FIRST_BODY_BUFFER = 1 << 20;

    private final InputStream in;
    private final Origin origin;
    private final byte[] word = new byte[4];
    private byte[] bodyBuffer = new byte[0];
    private long position;

    /**
     * A message, its metadata flatbuffer and its body, the first {@code bodyLength} bytes of {@code body}, with
     * where each starts. The body array is the reader's, reused by the next message.
     */
    record IpcMessage(long offset, int metadataLength, Message message, byte[] body, int bodyLength, long bodyOffset) {}

    MessageReader(InputStream in, Origin origin, long position) {
        this.in = in;
        this.origin = origin;
        this.position = position;
    }

    long position() {
        return position;
    }

    /**
     * The next message, or empty at the end-of-stream marker.
     *
     * @throws org.datahandle.DataFormatException when the stream ends before the marker, or a message is corrupt
     */
    Optional<IpcMessage> next() throws IOException {
        long start = position;
        int first = readInt("the end-of-stream marker (the stream is truncated)");
        int length = first;
        if (first == ArrowIpcWriter.CONTINUATION) {
            length = readInt("a message length (the stream is truncated)");
        }
        if (length == 0) {
            return Optional.empty();
        }
        if (length < 0 || length > MAX_METADATA) {
            throw origin.corrupt("message metadata length " + Integer.toUnsignedLong(length) + " is "
                    + (length < 0 ? "negative" : "larger than the " + MAX_METADATA + " bytes allowed")
                    + " (corrupt or not Arrow IPC data)", start);
        }
        byte[] metadata = readFully(length, "message metadata");
        Message message;
        long bodyLength;
        try {
            ByteBuffer bb = ByteBuffer.wrap(metadata).order(ByteOrder.LITTLE_ENDIAN);
            int root = bb.getInt(0);
            if (root < 4 || root > length - 4) {
                throw origin.corrupt("corrupt message flatbuffer: root offset " + root + " outside its " + length
                        + " bytes", start);
            }
            message = Message.getRootAsMessage(bb);
            short version = message.version();
            if (version < MetadataVersion.V4 || version > MetadataVersion.V5) {
                throw origin.corrupt("unsupported Arrow metadata version V" + (version + 1)
                        + " (this reader reads V4 and V5)", start);
            }
            bodyLength = message.bodyLength();
        } catch (DataFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw origin.corrupt("corrupt message flatbuffer: " + e, start, e);
        }
        if (bodyLength < 0 || bodyLength > MAX_BODY) {
            throw origin.corrupt("message body length " + bodyLength + " is "
                    + (bodyLength < 0 ? "negative" : "over the 2 GiB a record batch may have here"), start);
        }
        long bodyOffset = position;
        readBody((int) bodyLength);
        return Optional.of(new IpcMessage(start, length, message, bodyBuffer, (int) bodyLength, bodyOffset));
    }

    /** Reads all that is left, up to {@code limit} bytes; more than that is an error. */
    byte[] readRest(int limit, String what) throws IOException {
        byte[] rest = in.readNBytes(limit + 1);
        if (rest.length > limit) {
            throw origin.corrupt(what + " is longer than " + limit + " bytes", position);
        }
        position += rest.length;
        return rest;
    }

    private int readInt(String what) throws IOException {
        int n = in.readNBytes(word, 0, 4);
        if (n < 4) {
            throw origin.corrupt("the data ends after " + (position + n) + " bytes, where " + what
                    + " was expected", position + n, new EOFException());
        }
        position += 4;
        return (word[0] & 0xFF) | (word[1] & 0xFF) << 8 | (word[2] & 0xFF) << 16 | (word[3] & 0xFF) << 24;
    }

    /**
     * Reads {@code length} bytes into {@link #bodyBuffer}, growing it only as bytes really arrive: a false length
     * fails at the real end of the data having allocated at most twice what came.
     */
    private void readBody(int length) throws IOException {
        byte[] buffer = bodyBuffer;
        int got = 0;
        while (got < length) {
            if (got == buffer.length) {
                int grown = (int) Math.min(length, Math.max(2L * buffer.length, FIRST_BODY_BUFFER));
                buffer = java.util.Arrays.copyOf(buffer, grown);
                bodyBuffer = buffer;
            }
            int n = in.read(buffer, got, Math.min(length, buffer.length) - got);
            if (n < 0) {
                throw origin.corrupt("the data ends after " + (position + got) + " bytes, inside a message body of "
                        + length + " bytes that starts at byte " + position + " and claims " + length
                        + " bytes (truncated?)", position + got, new EOFException());
            }
            got += n;
        }
        position += length;
    }

    private byte[] readFully(int length, String what) throws IOException {
        // readNBytes(int) grows its buffer as data arrives: a false length fails at the real end of the data.
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw origin.corrupt("the data ends after " + (position + bytes.length) + " bytes, inside " + what
                    + " that starts at byte " + position + " and claims " + length + " bytes (truncated?)",
                    position + bytes.length, new EOFException());
        }
        position += length;
        return bytes;
    }
}
