package org.datahandle.fs.local;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** A file's output stream whose errors name the file. */
final class PathOutputStream extends FilterOutputStream {
    private final Path path;

    PathOutputStream(Path path, OutputStream out) {
        super(out);
        this.path = path;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw IoErrors.withPath(path, e);
        }
    }

    // FilterOutputStream would write an array one byte at a time.
    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        try {
            out.write(buffer, offset, length);
        } catch (IOException e) {
            throw IoErrors.withPath(path, e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw IoErrors.withPath(path, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            throw IoErrors.withPath(path, e);
        }
    }
}
