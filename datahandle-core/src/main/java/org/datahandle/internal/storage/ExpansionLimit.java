package org.datahandle.internal.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.datahandle.DataFormatException;
import org.datahandle.spi.Location;

/**
 * Bounds what a compressed file may expand to, so a small {@code .gz} or {@code .zst} crafted to
 * expand to terabytes (a decompression bomb) fails with a {@link DataFormatException} instead of
 * filling the disk, the heap or the CPU for hours. Limits (see docs/limits.md): the data may expand
 * to {@link #ratio()} times the file's size, at least {@link #FLOOR} bytes, and never past
 * {@link #maxBytes()}.
 */
final class ExpansionLimit extends FilterInputStream {
    /** Small files expand this far whatever their ratio: a 1 KiB header file may well hold 1 MiB of text. */
    static final long FLOOR = 64L << 20;

    private final String handleId;
    private final Location location;
    private final long limit;
    private long count;

    ExpansionLimit(InputStream in, String handleId, Location location, long compressedSize) {
        super(in);
        this.handleId = handleId;
        this.location = location;
        long byRatio = compressedSize > Long.MAX_VALUE / ratio() ? Long.MAX_VALUE : compressedSize * ratio();
        this.limit = Math.min(maxBytes(), Math.max(FLOOR, byRatio));
    }

    /** {@code datahandle.maxExpansionRatio}, default 1000 (text compresses 3 to 20 times, rarely 100). */
    static long ratio() {
        return Long.getLong("datahandle.maxExpansionRatio", 1000L);
    }

    /** {@code datahandle.maxDecompressedBytes}, default 1 TiB per file. */
    static long maxBytes() {
        return Long.getLong("datahandle.maxDecompressedBytes", 1L << 40);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        if (skipped > 0) {
            count(skipped);
        }
        return skipped;
    }

    private void count(long n) {
        count += n;
        if (count > limit) {
            throw new DataFormatException(handleId, location.uri(), -1, -1, count, "expands to more than " + limit
                    + " bytes (" + ratio() + " times its compressed size, at least " + FLOOR + ", at most " + maxBytes()
                    + "); a decompression bomb or a wrong suffix? Raise the system properties"
                    + " datahandle.maxExpansionRatio or datahandle.maxDecompressedBytes if the data is real"
                    + " (docs/limits.md)", null);
        }
    }
}
