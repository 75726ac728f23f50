package org.datahandle.fs.hdfs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.datahandle.spi.Location;

/** A file's input stream whose errors name the file; bulk reads go straight through, without a copy. */
final class LocatedInputStream extends FilterInputStream {
    private final Location location;

    LocatedInputStream(Location location, InputStream in) {
        super(in);
        this.location = location;
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return in.read(buffer, offset, length);
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    @Override
    public long skip(long count) throws IOException {
        try {
            return in.skip(count);
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return in.available();
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }
}
