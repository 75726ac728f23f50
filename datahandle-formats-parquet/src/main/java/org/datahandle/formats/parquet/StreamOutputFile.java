package org.datahandle.formats.parquet;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * parquet-java's {@link OutputFile} over one already opened stream (our {@code WriteTarget}). The
 * writer only appends, so the position is the count of bytes written.
 */
final class StreamOutputFile implements OutputFile {
    private final OutputStream out;
    private final String name;
    private boolean created;

    StreamOutputFile(OutputStream out, String name) {
        this.out = requireNonNull(out, "out is null");
        this.name = requireNonNull(name, "name is null");
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return createOrOverwrite(blockSizeHint);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        if (created) {
            throw new IllegalStateException("the Parquet stream for " + name + " was already created");
        }
        created = true;
        return new CountingStream(out);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return name;
    }

    private static final class CountingStream extends PositionOutputStream {
        private final OutputStream out;
        private long position;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
