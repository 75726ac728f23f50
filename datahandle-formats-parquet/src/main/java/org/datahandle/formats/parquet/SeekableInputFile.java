package org.datahandle.formats.parquet;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.datahandle.spi.SeekableInput;

/**
 * parquet-java's {@link InputFile} over our {@link SeekableInput}: positional reads, no Hadoop
 * {@code FileSystem}. Every stream shares the one input, which the caller closes; closing a stream
 * does nothing, because positional reads keep no state in the input.
 */
final class SeekableInputFile implements InputFile {
    private final SeekableInput input;
    private final long length;

    SeekableInputFile(SeekableInput input, long length) {
        this.input = requireNonNull(input, "input is null");
        this.length = length;
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new PositionalStream();
    }

    private final class PositionalStream extends SeekableInputStream {
        private final byte[] one = new byte[1];
        private long position;

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0) {
                throw new IOException("cannot seek to negative position " + newPos);
            }
            position = newPos;
        }

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = input.read(position, b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(bytes, 0, bytes.length);
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) throws IOException {
            int done = 0;
            while (done < len) {
                int n = read(bytes, start + done, len - done);
                if (n < 0) {
                    throw new EOFException("end of file at byte " + position + " with " + (len - done)
                            + " of " + len + " bytes still to read");
                }
                done += n;
            }
        }

        @Override
        public int read(ByteBuffer buf) throws IOException {
            int len = buf.remaining();
            if (len == 0) {
                return 0;
            }
            if (buf.hasArray()) {
                int n = read(buf.array(), buf.arrayOffset() + buf.position(), len);
                if (n > 0) {
                    buf.position(buf.position() + n);
                }
                return n;
            }
            byte[] tmp = new byte[Math.min(len, 64 * 1024)];
            int n = read(tmp, 0, tmp.length);
            if (n > 0) {
                buf.put(tmp, 0, n);
            }
            return n;
        }

        @Override
        public void readFully(ByteBuffer buf) throws IOException {
            if (buf.hasArray()) {
                int len = buf.remaining();
                readFully(buf.array(), buf.arrayOffset() + buf.position(), len);
                buf.position(buf.position() + len);
                return;
            }
            while (buf.hasRemaining()) {
                if (read(buf) < 0) {
                    throw new EOFException("end of file at byte " + position + " with " + buf.remaining()
                            + " bytes still to read");
                }
            }
        }

        @Override
        public void close() {
            // The shared input is closed by the file's owner.
        }
    }
}
