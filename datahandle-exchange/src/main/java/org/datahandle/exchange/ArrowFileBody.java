package org.datahandle.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The fast path of a pull: a handle stored as one Arrow IPC <em>file</em> is served as an IPC stream
 * without decoding it. An IPC file is {@code ARROW1} and padding, then the stream format with its
 * end-of-stream marker, then the footer, its length and {@code ARROW1}; bytes {@code [8, footer)} are a
 * complete stream. They go out with a {@code Content-Length}, in 1 MiB writes, from a channel opened before
 * the version check, so the bytes are the pinned version's whatever happens to the file's name meanwhile.
 */
final class ArrowFileBody implements AutoCloseable {
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 1 << 20;

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

    void writeTo(OutputStream out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BUFFER, length()));
        long position = start;
        while (position < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - position));
            int n = channel.read(buf, position);
            if (n < 0) {
                throw new IOException("the Arrow file ended at byte " + position + " while it was served");
            }
            out.write(buf.array(), 0, n);
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
