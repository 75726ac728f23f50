package org.datahandle.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.flatbuf.Message;
import org.datahandle.DataFormatException;

/**
 * The body of a push, between the socket and the IPC reader. It follows the stream's message framing so
 * that limits hold before memory is spent: a message whose body is larger than the batch limit is refused
 * when its header is read, before any of its body is; the whole upload is capped; every byte read counts as
 * progress for the idle watchdog. It also knows whether the end-of-stream marker came, and
 * {@link #requireCleanEnd()} checks that nothing follows it.
 *
 * <p>Only the IPC <em>stream</em> format is accepted: a body starting with the file format's {@code ARROW1}
 * magic is refused (send the stream format, which is what {@code pyarrow.ipc.new_stream} writes).
 */
final class IpcUploadStream extends InputStream {
    private static final int CONTINUATION = 0xFFFFFFFF;
    /** The largest message metadata accepted over the wire (research §6.8). */
    static final int MAX_METADATA = 16 << 20;

    private final InputStream in;
    private final String handle;
    private final URI source;
    private final long maxBatchBytes;
    private final long maxUploadBytes;
    private final Runnable progress;
    private final byte[] one = new byte[1];

    private byte[] pending = new byte[0];
    private int pendingPos;
    private long bodyRemaining;
    private long read;
    private boolean sawEnd;
    private boolean sourceEnded;
    private boolean started;

    IpcUploadStream(InputStream in, String handle, URI source, long maxBatchBytes, long maxUploadBytes,
            Runnable progress) {
        this.in = in;
        this.handle = handle;
        this.source = source;
        this.maxBatchBytes = maxBatchBytes;
        this.maxUploadBytes = maxUploadBytes;
        this.progress = progress;
    }

    /** True once the end-of-stream marker has been read. */
    boolean sawEndOfStream() {
        return sawEnd;
    }

    /** The bytes read from the client so far. */
    long bytesRead() {
        return read;
    }

    /**
     * After the end-of-stream marker: the body must end there.
     *
     * @throws DataFormatException if the marker never came or bytes follow it
     */
    void requireCleanEnd() throws IOException {
        if (!sawEnd) {
            throw corrupt("the upload ended without the IPC end-of-stream marker; nothing was published", read);
        }
        if (pendingPos < pending.length || rawRead(one, 0, 1) > 0) {
            throw corrupt("bytes follow the IPC end-of-stream marker", read);
        }
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (pendingPos < pending.length) {
                int n = Math.min(len, pending.length - pendingPos);
                System.arraycopy(pending, pendingPos, b, off, n);
                pendingPos += n;
                return n;
            }
            if (bodyRemaining > 0) {
                int n = rawRead(b, off, (int) Math.min(len, bodyRemaining));
                if (n > 0) {
                    bodyRemaining -= n;
                }
                return n;
            }
            if (sawEnd || sourceEnded) {
                return -1;
            }
            nextMessageHeader();
        }
    }

    /** Reads a message's prefix and metadata into {@link #pending}, checking the body length it announces. */
    private void nextMessageHeader() throws IOException {
        long start = read;
        byte[] prefix = rawReadN(8);
        if (!started) {
            started = true;
            if (prefix.length >= 6 && new String(prefix, 0, 6, java.nio.charset.StandardCharsets.US_ASCII)
                    .equals("ARROW1")) {
                throw corrupt("this is the Arrow IPC file format; a push sends the stream format"
                        + " (application/vnd.apache.arrow.stream)", 0);
            }
        }
        if (prefix.length < 4) {
            serveRest(prefix);
            return;
        }
        int first = ByteBuffer.wrap(prefix, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int length;
        int headerBytes;
        if (first == CONTINUATION) {
            if (prefix.length < 8) {
                serveRest(prefix);
                return;
            }
            length = ByteBuffer.wrap(prefix, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            headerBytes = 8;
        } else {
            // a pre-0.15 stream without continuation markers: the length comes first
            length = first;
            headerBytes = 4;
        }
        if (length == 0) {
            sawEnd = true;
            pending = java.util.Arrays.copyOf(prefix, headerBytes);
            pendingPos = 0;
            if (prefix.length > headerBytes) {
                // the 4 bytes read past a legacy end marker belong after it
                throw corrupt("bytes follow the IPC end-of-stream marker", read);
            }
            return;
        }
        if (length < 0 || length > MAX_METADATA) {
            throw corrupt("IPC message metadata length " + Integer.toUnsignedLong(length) + " is over the "
                    + MAX_METADATA + " bytes allowed (corrupt, or not an Arrow IPC stream)", start);
        }
        int already = prefix.length - headerBytes;
        byte[] metadata = new byte[length];
        System.arraycopy(prefix, headerBytes, metadata, 0, Math.min(already, length));
        byte[] restOfMetadata = rawReadN(length - already);
        System.arraycopy(restOfMetadata, 0, metadata, already, restOfMetadata.length);
        byte[] header = new byte[headerBytes + already + restOfMetadata.length];
        System.arraycopy(prefix, 0, header, 0, headerBytes + already);
        System.arraycopy(restOfMetadata, 0, header, headerBytes + already, restOfMetadata.length);
        pending = header;
        pendingPos = 0;
        if (restOfMetadata.length < length - already) {
            sourceEnded = true; // the reader reports the truncation with its own offsets
            return;
        }
        long bodyLength;
        try {
            bodyLength = Message.getRootAsMessage(ByteBuffer.wrap(metadata).order(ByteOrder.LITTLE_ENDIAN))
                    .bodyLength();
        } catch (RuntimeException e) {
            throw corrupt("corrupt IPC message metadata: " + e, start);
        }
        if (bodyLength > maxBatchBytes) {
            throw new WireError.Failure(413, WireError.TOO_LARGE, handle, "a record batch of " + bodyLength
                    + " bytes is over this server's batch limit of " + maxBatchBytes
                    + " bytes; send smaller batches (at byte " + start + " of the upload); nothing was published");
        }
        bodyRemaining = Math.max(0, bodyLength);
    }

    private void serveRest(byte[] partial) {
        pending = partial;
        pendingPos = 0;
        sourceEnded = true;
    }

    private byte[] rawReadN(int n) throws IOException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r = rawRead(buf, got, n - got);
            if (r < 0) {
                return java.util.Arrays.copyOf(buf, got);
            }
            got += r;
        }
        return buf;
    }

    private int rawRead(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            read += n;
            progress.run();
            if (read > maxUploadBytes) {
                throw new WireError.Failure(413, WireError.TOO_LARGE, handle, "the upload is over this server's "
                        + "limit of " + maxUploadBytes + " bytes; nothing was published");
            }
        } else if (n < 0) {
            sourceEnded = true;
        }
        return n;
    }

    private DataFormatException corrupt(String problem, long offset) {
        return new DataFormatException(handle, source, -1, -1, offset, problem, null);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
