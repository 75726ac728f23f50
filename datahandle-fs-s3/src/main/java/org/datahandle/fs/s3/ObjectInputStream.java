package org.datahandle.fs.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import org.datahandle.spi.Location;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * An object's body whose errors name the location. Closed early, it aborts the connection instead
 * of draining the rest of a possibly large object.
 */
final class ObjectInputStream extends FilterInputStream {
    private final ResponseInputStream<?> body;
    private final Location location;
    private boolean ended;

    ObjectInputStream(ResponseInputStream<?> body, Location location) {
        super(body);
        this.body = body;
        this.location = location;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = in.read();
            ended |= b < 0;
            return b;
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = in.read(buffer, offset, length);
            ended |= n < 0;
            return n;
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public long skip(long count) throws IOException {
        try {
            return in.skip(count);
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!ended) {
            body.abort();
        }
        try {
            in.close();
        } catch (IOException e) {
            throw named(e);
        }
    }

    private IOException named(IOException e) {
        String message = e.getMessage();
        if (message != null && message.contains(location.toString())) {
            return e;
        }
        return new IOException(location + ": " + (message == null ? e.getClass().getSimpleName() : message), e);
    }
}
