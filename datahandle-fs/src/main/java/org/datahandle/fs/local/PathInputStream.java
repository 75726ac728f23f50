package org.datahandle.fs.local;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A file's input stream whose errors name the file. Bulk reads go straight to the file (no copy),
 * so callers may wrap it in their own buffer without paying for two.
 */
final class PathInputStream extends FilterInputStream {
    private final Path path;

    PathInputStream(Path path, InputStream in) {
        super(in);
        this.path = path;
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (IOException e) {
            throw IoErrors.withPath(path, e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return in.read(buffer, offset, length);
        } catch (IOException e) {
            throw IoErrors.withPath(path, e);
        }
    }

    @Override
    public long skip(long count) throws IOException {
        try {
            return in.skip(count);
        } catch (IOException e) {
            throw IoErrors.withPath(path, e);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return in.available();
        } catch (IOException e) {
            throw IoErrors.withPath(path, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } catch (IOException e) {
            throw IoErrors.withPath(path, e);
        }
    }
}
