package org.datahandle.fs.s3;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import org.datahandle.spi.Location;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK exceptions into the {@code java.nio.file} exceptions the {@code FileSystem} contract
 * promises, each naming the location.
 *
 * <p>Secrets: S3 signs requests, so the secret key is never sent and no server message can hold
 * it; the SDK does not put it into messages either. As a second line of defence every message in
 * the cause chain is still scanned, and a cause that holds the secret is replaced by a copy with
 * it masked (same type name and stack trace), so that no log of these exceptions can leak it.
 */
final class S3Errors {
    static final int NOT_FOUND = 404;
    static final int PRECONDITION_FAILED = 412;
    static final int CONFLICT = 409;
    static final int NOT_IMPLEMENTED = 501;
    private static final String MASK = "****";

    private final Optional<String> secret;

    S3Errors(Optional<String> secret) {
        this.secret = secret;
    }

    /** The HTTP status of a service error, or 0 for a client-side error (no connection, bad configuration). */
    static int status(SdkException e) {
        return e instanceof AwsServiceException service ? service.statusCode() : 0;
    }

    /** A {@link NoSuchFileException} for a missing object or bucket, and an {@link IOException} otherwise. */
    IOException translate(Location location, String action, SdkException e) {
        IOException result;
        int status = status(e);
        String code = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode() : null;
        if (status == NOT_FOUND) {
            String what = "NoSuchBucket".equals(code) ? "the bucket does not exist" : "no such object";
            result = new NoSuchFileException(location.toString(), null, what);
        } else if (status == 403) {
            result = new AccessDeniedException(location.toString(), null, action + ": access denied (" + code + ")");
        } else if (status != 0) {
            result = new IOException(location + ": " + action + " failed: HTTP " + status
                    + (code == null ? "" : " " + code));
        } else {
            result = new IOException(location + ": " + action + " failed: " + redact(e.getMessage()));
        }
        result.initCause(safe(e));
        return result;
    }

    String redact(String message) {
        if (message == null || secret.isEmpty()) {
            return message;
        }
        return message.replace(secret.get(), MASK);
    }

    /** The throwable itself when no message in its cause chain holds the secret, else a masked copy. */
    Throwable safe(Throwable t) {
        if (!leaks(t)) {
            return t;
        }
        Throwable cause = t.getCause() == null || t.getCause() == t ? null : safe(t.getCause());
        MaskedException copy = new MaskedException(t.getClass().getName() + ": " + redact(t.getMessage()), cause);
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    private boolean leaks(Throwable t) {
        if (secret.isEmpty()) {
            return false;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains(secret.get())) {
                return true;
            }
        }
        return false;
    }

    /** Stands in for an exception whose message held a secret. */
    static final class MaskedException extends Exception {
        private static final long serialVersionUID = 1L;

        MaskedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
