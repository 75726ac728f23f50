package org.datahandle.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The fast path of a pull: a handle stored as one Arrow IPC <em>file</em> is served as an IPC stream
 * without decoding it. An IPC file is {@code ARROW1} and padding, then the stream format with its
 * end-of-stream marker, then the footer, its length and {@code ARROW1}; bytes {@code [8, footer)} are a
 * complete stream. They go out with a {@code Content-Length}, by {@code sendfile} or in 1 MiB writes, from a channel opened before
 * the version check, so the bytes are the pinned version's whatever happens to the file's name meanwhile.
 */
final class ArrowFileBody implements AutoCloseable {
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 1 << 20;
    /** The most of the file mapped at once. */
    private static final long WINDOW = 256L << 20;

    private final FileChannel channel;
    private final long start;
    private final long end;

    private ArrowFileBody(FileChannel channel, long start, long end) {
        this.channel = channel;
        this.start = start;
        this.end = end;
    }

    /** The stream section of the file, or empty when it is not an IPC file laid out as expected. */
    static Optional<ArrowFileBody> open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 8 + 8 + 10) {
                ch.close();
                return Optional.empty();
            }
            ByteBuffer head = read(ch, 0, 8);
            ByteBuffer tail = read(ch, size - 10, 10);
            if (!startsWithMagic(head, 0) || !startsWithMagic(tail, 4)) {
                ch.close();
                return Optional.empty();
            }
            long footerLength = tail.getInt(0) & 0xFFFFFFFFL;
            long streamEnd = size - 10 - footerLength;
            if (streamEnd < 16) {
                ch.close();
                return Optional.empty();
            }
            ByteBuffer eos = read(ch, streamEnd - 8, 8);
            if (eos.getInt(0) != 0xFFFFFFFF || eos.getInt(4) != 0) {
                ch.close();
                return Optional.empty();
            }
            return Optional.of(new ArrowFileBody(ch, 8, streamEnd));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    long length() {
        return end - start;
    }

    /**
     * Sends the stream section as the body {@code out} (its {@code Content-Length} is {@link #length()}),
     * reporting progress to {@code progress}: straight from the file to the socket by the kernel where the
     * connection allows it (plain text), else copied through a buffer (TLS, which must encrypt it).
     */
    void sendTo(OutputStream out, Runnable progress) throws IOException {
        if (out instanceof HttpBodyOutput.Fixed body && body.zeroCopy()) {
            body.transferFrom(channel, start, length(), progress);
        } else {
            writeTo(new ProgressOutputStream(out, progress));
        }
    }

    /**
     * Copies the stream section to {@code out}. The file is mapped, a window at a time, and copied from the
     * map straight into the array the response is written from: one copy fewer than reading it, which goes
     * through a direct buffer first. Each window is unmapped as soon as it is sent ({@link Unmapper}); where
     * that is not possible the file is read instead, so no mapping outlives the pull.
     */
    void writeTo(OutputStream out) throws IOException {
        byte[] chunk = new byte[(int) Math.min(BUFFER, length())];
        if (!Unmapper.available()) {
            readTo(out, chunk);
            return;
        }
        long position = start;
        while (position < end) {
            long window = Math.min(WINDOW, end - position);
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, position, window);
            try {
                while (map.hasRemaining()) {
                    int n = Math.min(chunk.length, map.remaining());
                    map.get(chunk, 0, n);
                    out.write(chunk, 0, n);
                }
            } catch (InternalError e) {
                // the JVM's report of a fault in the map: the file was truncated under us
                throw new IOException("the Arrow file changed size while it was served (at byte "
                        + (position + map.position()) + ")", e);
            } finally {
                Unmapper.unmap(map);
            }
            position += window;
        }
    }

    private void readTo(OutputStream out, byte[] chunk) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(chunk);
        long position = start;
        while (position < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - position));
            int n = channel.read(buf, position);
            if (n < 0) {
                throw new IOException("the Arrow file ended at byte " + position + " while it was served");
            }
            out.write(chunk, 0, n);
            position += n;
        }
    }

    private static ByteBuffer read(FileChannel ch, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return b.flip();
    }

    private static boolean startsWithMagic(ByteBuffer b, int at) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(at + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
