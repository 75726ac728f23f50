package org.datahandle.fs.s3;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The multipart uploads of one file system's streams that are neither completed nor aborted, so
 * that closing the file system aborts what its abandoned streams started.
 */
final class PendingUploads {
    private static final System.Logger LOG = System.getLogger(PendingUploads.class.getName());

    private final Set<Upload> open = ConcurrentHashMap.newKeySet();

    Upload register(S3Client client, ObjectKey key) {
        Upload upload = new Upload(client, key, this);
        open.add(upload);
        return upload;
    }

    /** Aborts every upload still open. */
    void abortAll() {
        for (Upload upload : open) {
            upload.abortUnlessDone();
        }
    }

    /**
     * One stream's upload. Its state lives here, apart from the stream, so that the stream's
     * cleaner can abort it after the stream itself is gone.
     */
    static final class Upload {
        private final S3Client client;
        private final ObjectKey key;
        private final PendingUploads owner;
        private String uploadId;
        private boolean finished;

        private Upload(S3Client client, ObjectKey key, PendingUploads owner) {
            this.client = client;
            this.key = key;
            this.owner = owner;
        }

        synchronized String uploadId() {
            return uploadId;
        }

        synchronized void started(String id) {
            this.uploadId = id;
        }

        /** The object is complete: nothing to abort any more. */
        synchronized void done() {
            finished = true;
            owner.open.remove(this);
        }

        /** Aborts the multipart upload, if one was started and not completed. Idempotent; never throws. */
        synchronized void abortUnlessDone() {
            if (finished) {
                return;
            }
            finished = true;
            owner.open.remove(this);
            if (uploadId == null) {
                return;
            }
            try {
                client.abortMultipartUpload(b -> b.bucket(key.bucket()).key(key.key()).uploadId(uploadId));
            } catch (SdkException | IllegalStateException e) {
                // a closed client or a lost connection: the upload stays until a lifecycle rule removes it
                LOG.log(System.Logger.Level.WARNING, "could not abort the multipart upload of s3://{0}/{1}: {2}",
                        key.bucket(), key.key(), e.getClass().getSimpleName());
            }
        }
    }
}
