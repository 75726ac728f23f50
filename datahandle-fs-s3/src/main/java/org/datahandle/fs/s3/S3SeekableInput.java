package org.datahandle.fs.s3;

import java.io.IOException;
import java.util.Objects;
import org.datahandle.spi.Location;
import org.datahandle.spi.SeekableInput;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Random access through ranged GETs ({@code Range: bytes=a-b}), each pinned to the ETag the object
 * had when opened, so a replaced object fails the read instead of mixing two versions.
 *
 * <p>Small reads are served from one cached block of {@value #BLOCK} bytes. A small read near the
 * end fetches the block that ends at the end of the object: Parquet reads the 8-byte tail first and
 * the footer just before it, and both then come from one request. Reads of a block or more go
 * straight into the caller's buffer.
 */
final class S3SeekableInput implements SeekableInput {
    static final int BLOCK = 64 << 10;

    private final S3Client client;
    private final ObjectKey key;
    private final Location location;
    private final long length;
    private final String etag;
    private final S3Errors errors;
    private byte[] block = new byte[0];
    private long blockStart = -1;

    S3SeekableInput(S3Client client, ObjectKey key, Location location, long length, String etag, S3Errors errors) {
        this.client = client;
        this.key = key;
        this.location = location;
        this.length = length;
        this.etag = etag;
        this.errors = errors;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public synchronized int read(long position, byte[] buffer, int offset, int count) throws IOException {
        Objects.checkFromIndexSize(offset, count, buffer.length);
        if (position < 0) {
            throw new IllegalArgumentException("negative position " + position + " in " + location);
        }
        if (count == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        int wanted = (int) Math.min(count, length - position);
        if (wanted >= BLOCK) {
            byte[] bytes = fetch(position, wanted);
            System.arraycopy(bytes, 0, buffer, offset, bytes.length);
            return bytes.length;
        }
        if (blockStart < 0 || position < blockStart || position + wanted > blockStart + block.length) {
            long start = Math.max(0, Math.min(position, length - BLOCK));
            block = fetch(start, (int) Math.min(BLOCK, length - start));
            blockStart = start;
        }
        System.arraycopy(block, (int) (position - blockStart), buffer, offset, wanted);
        return wanted;
    }

    private byte[] fetch(long start, int count) throws IOException {
        byte[] bytes;
        try {
            bytes = client.getObjectAsBytes(b -> b.bucket(key.bucket()).key(key.key())
                    .range("bytes=" + start + "-" + (start + count - 1)).ifMatch(etag)).asByteArrayUnsafe();
        } catch (SdkException e) {
            if (S3Errors.status(e) == S3Errors.PRECONDITION_FAILED) {
                throw new IOException(location + ": the object was replaced while it was being read", errors.safe(e));
            }
            throw errors.translate(location, "ranged read", e);
        }
        if (bytes.length != count) {
            throw new IOException(location + ": asked for " + count + " bytes at " + start + ", got " + bytes.length);
        }
        return bytes;
    }

    @Override
    public synchronized void close() {
        block = new byte[0];
        blockStart = -1;
    }
}
