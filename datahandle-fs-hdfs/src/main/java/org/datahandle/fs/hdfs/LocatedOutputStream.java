package org.datahandle.fs.hdfs;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.datahandle.spi.Location;

/**
 * A file's output stream whose errors name the file. On HDFS the data is complete and visible at
 * its full length only once {@link #close()} returns.
 */
final class LocatedOutputStream extends FilterOutputStream {
    private final Location location;

    LocatedOutputStream(Location location, OutputStream out) {
        super(out);
        this.location = location;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    // FilterOutputStream would write an array one byte at a time.
    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        try {
            out.write(buffer, offset, length);
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }
}
