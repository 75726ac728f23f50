package org.datahandle.internal.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.datahandle.ErrorLocation;
import org.datahandle.NotProducedException;
import org.datahandle.spi.Location;

/**
 * A published file's bytes, checked as they are read against what its commit record says: a file
 * replaced behind the library's back, or changed while it is read, fails the read at the end (or
 * as soon as it grows past its recorded size) instead of passing as published data. The failure is
 * unchecked on purpose, so no codec mistakes it for a decoding error.
 */
final class VerifyingInputStream extends FilterInputStream {
    private final String handleId;
    private final Location location;
    private final CommitRecord.FileRecord recorded;
    private final CRC32C crc = new CRC32C();
    private long position;
    private boolean checked;

    VerifyingInputStream(InputStream in, String handleId, Location location, CommitRecord.FileRecord recorded) {
        super(in);
        this.handleId = handleId;
        this.location = location;
        this.recorded = recorded;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            atEnd();
        } else {
            crc.update(b);
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            atEnd();
        } else if (n > 0) {
            crc.update(b, off, n);
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // every byte must pass through the checksum
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int limit) {}

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset is not supported");
    }

    private void advance(int n) {
        position += n;
        if (position > recorded.size()) {
            throw changed("it has more than the " + recorded.size() + " bytes that were published");
        }
    }

    private void atEnd() {
        if (checked) {
            return;
        }
        checked = true;
        if (position != recorded.size()) {
            throw changed("it ended after " + position + " of the " + recorded.size() + " bytes that were published");
        }
        String sum = HexFormat.of().toHexDigits((int) crc.getValue());
        if (recorded.crc32c() != null && !recorded.crc32c().equalsIgnoreCase(sum)) {
            throw changed("its CRC32C is " + sum + ", but " + recorded.crc32c() + " was published");
        }
    }

    private NotProducedException changed(String what) {
        return new NotProducedException(handleId, ErrorLocation.of(location), "changed after it was published"
                + " or while it was read (" + what + "); the read is void, the data read so far must not be used");
    }
}
