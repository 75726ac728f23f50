package org.datahandle.fs.s3;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.datahandle.spi.Location;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads an object when closed: one PUT when everything fits in one part, otherwise a multipart
 * upload whose parts go out as they fill. Either way the object appears only when {@link #close()}
 * completes, whole.
 *
 * <p>A failed write aborts the multipart upload and makes {@code close()} fail too, so a writer's
 * try-with-resources never completes a half-written object. A stream that is never closed is
 * aborted when its file system closes, or when it is garbage-collected, whichever is first; S3
 * keeps no trace of it then (parts of an upload that is neither completed nor aborted cost money
 * until a bucket lifecycle rule removes them, which the docs recommend for a crashed process).
 */
final class S3OutputStream extends OutputStream {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int INITIAL_BUFFER = 64 << 10;

    private final S3Client client;
    private final ObjectKey key;
    private final Location location;
    private final int partSize;
    private final S3Errors errors;
    private final PendingUploads.Upload pending;
    private final Cleaner.Cleanable cleanable;
    private final List<CompletedPart> parts = new ArrayList<>();
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int count;
    private IOException failure;
    private boolean closed;

    S3OutputStream(S3Client client, ObjectKey key, Location location, long partSize, S3Errors errors,
            PendingUploads uploads) {
        this.client = client;
        this.key = key;
        this.location = location;
        this.partSize = Math.toIntExact(partSize);
        this.errors = errors;
        this.pending = uploads.register(client, key);
        // the action holds the upload's state, never this stream, or the stream could not become unreachable
        this.cleanable = CLEANER.register(this, pending::abortUnlessDone);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        requireWritable();
        if (count == partSize) {
            uploadPart();
        }
        ensureRoom(count + 1);
        buffer[count++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] data, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, data.length);
        requireWritable();
        while (length > 0) {
            if (count == partSize) {
                uploadPart();
            }
            ensureRoom(Math.min(partSize, count + length));
            int n = Math.min(length, buffer.length - count);
            System.arraycopy(data, offset, buffer, count, n);
            count += n;
            offset += n;
            length -= n;
        }
    }

    /** Nothing to do: S3 has no partial objects, so data leaves only as whole parts or on close. */
    @Override
    public void flush() throws IOException {
        requireWritable();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure != null) {
                throw new IOException(location + ": not uploaded: an earlier write failed", failure);
            }
            if (pending.uploadId() == null) {
                try {
                    client.putObject(b -> b.bucket(key.bucket()).key(key.key()).contentLength((long) count),
                            RequestBody.fromBytes(Arrays.copyOf(buffer, count)));
                } catch (SdkException e) {
                    throw errors.translate(location, "upload", e);
                }
            } else {
                if (count > 0) {
                    uploadPart();
                }
                try {
                    client.completeMultipartUpload(b -> b.bucket(key.bucket()).key(key.key())
                            .uploadId(pending.uploadId()).multipartUpload(m -> m.parts(parts)));
                } catch (SdkException e) {
                    throw errors.translate(location, "completing the multipart upload", e);
                }
            }
            pending.done();
        } finally {
            buffer = null;
            cleanable.clean(); // aborts the upload unless it completed
        }
    }

    private void uploadPart() throws IOException {
        try {
            if (pending.uploadId() == null) {
                pending.started(client.createMultipartUpload(b -> b.bucket(key.bucket()).key(key.key())).uploadId());
            }
            int number = parts.size() + 1;
            String etag = client.uploadPart(b -> b.bucket(key.bucket()).key(key.key()).uploadId(pending.uploadId())
                    .partNumber(number).contentLength((long) count),
                    RequestBody.fromBytes(Arrays.copyOf(buffer, count))).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            count = 0;
        } catch (SdkException e) {
            failure = errors.translate(location, "uploading part " + (parts.size() + 1), e);
            pending.abortUnlessDone();
            throw failure;
        }
    }

    private void ensureRoom(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(partSize, Math.max(needed, 2L * buffer.length)));
        }
    }

    private void requireWritable() throws IOException {
        if (closed) {
            throw new IOException(location + ": stream is closed");
        }
        if (failure != null) {
            throw new IOException(location + ": an earlier write failed", failure);
        }
    }
}
