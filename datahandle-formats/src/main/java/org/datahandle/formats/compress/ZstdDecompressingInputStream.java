package org.datahandle.formats.compress;

import static java.util.Objects.requireNonNull;

import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * zstd-jni's decompressing stream with the checks and messages of the other compressions: empty
 * or short input is truncated, a wrong magic number is "not zstd data" (naming gzip when it is
 * gzip), and zstd's terse errors ("Truncated source", "Unknown frame descriptor") are rewritten
 * to say what they mean and how far into the compressed input they happened.
 */
final class ZstdDecompressingInputStream extends StickyFailureInputStream {

    private static final int MAGIC = 0xFD2FB528;

    private final CountingInputStream counted;
    private final PushbackInputStream source;
    private ZstdInputStreamNoFinalizer zstd;
    private boolean closed;

    ZstdDecompressingInputStream(InputStream in) {
        super("zstd");
        this.counted = new CountingInputStream(requireNonNull(in, "in is null"));
        this.source = new PushbackInputStream(counted, 4);
    }

    @Override
    boolean isClosed() {
        return closed;
    }

    @Override
    int readDecompressed(byte[] b, int off, int len) throws IOException {
        if (zstd == null) {
            zstd = open();
        }
        try {
            return zstd.read(b, off, len);
        } catch (IOException | ZstdException e) {
            throw translate(e);
        }
    }

    /** Checks the first frame's magic number (decompression does not start on a wrong one). */
    private ZstdInputStreamNoFinalizer open() throws IOException {
        byte[] head = source.readNBytes(4);
        if (head.length < 4) {
            throw new IOException(String.format(
                    "truncated zstd input: unexpected end of input at compressed byte offset %d%s",
                    head.length, head.length == 0 ? " (the input is empty)" : ", in the frame's magic number"));
        }
        int magic = Bgzf.int32(head, 0);
        boolean skippable = (magic & 0xFFFFFFF0) == 0x184D2A50;
        if (magic != MAGIC && !skippable) {
            String hint = (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B ? " (it is gzip: use compression gz or bgz)" : "";
            throw new IOException(String.format(
                    "not zstd data: the input starts with %02x %02x %02x %02x, not the zstd magic number 28 b5 2f fd%s",
                    head[0], head[1], head[2], head[3], hint));
        }
        source.unread(head);
        return new ZstdInputStreamNoFinalizer(source);
    }

    private IOException translate(Exception e) {
        long at = counted.count();
        String message = String.valueOf(e.getMessage());
        String text;
        if (message.contains("Truncated")) {
            text = String.format("truncated zstd input: unexpected end of input at compressed byte offset %d, inside a frame", at);
        } else if (message.contains("Unknown frame descriptor")) {
            text = String.format(
                    "corrupt zstd input or trailing garbage: a frame does not start with the zstd magic number (read %d compressed bytes so far)",
                    at);
        } else {
            text = String.format("corrupt zstd data (read %d compressed bytes so far): %s", at, message);
        }
        return new IOException(text, e);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (zstd != null) {
            zstd.close();
        } else {
            source.close();
        }
    }

    /** Counts the compressed bytes handed to zstd, for error messages. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        long count() {
            return count;
        }
    }
}
