package org.datahandle.exchange;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.datahandle.DataHandleException;
import org.datahandle.jobs.JobNotFoundException;

/**
 * An error as it travels: HTTP status, a stable code clients branch on, the handle (when one is involved)
 * and a message for people. The JSON body is {@code {"error": code, "handle": name, "message": text}}.
 *
 * <p>Statuses are mapped from the library's {@link org.datahandle.ErrorCode}; the table is docs/exchange.md,
 * "Errors".
 */
record WireError(int status, String code, Optional<String> handle, String message) {
    static final String ALREADY_PRODUCED = "AlreadyProduced";
    static final String NOT_PRODUCED = "NotProduced";
    static final String HANDLE_NOT_FOUND = "HandleNotFound";
    static final String BAD_NAME = "BadName";
    static final String BAD_DATA = "BadData";
    static final String BAD_REQUEST = "BadRequest";
    static final String UNSUPPORTED = "UnsupportedFormat";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String TOO_LARGE = "TooLarge";
    static final String HEADERS_TOO_LARGE = "HeadersTooLarge";
    static final String BUSY = "Busy";
    static final String STORAGE = "Storage";
    static final String NOT_ACCEPTABLE = "NotAcceptable";
    static final String METHOD = "MethodNotAllowed";
    static final String JOB_NOT_FOUND = "JobNotFound";
    static final String INTERNAL = "Internal";

    WireError {
        requireNonNull(code, "code is null");
        requireNonNull(handle, "handle is null");
        requireNonNull(message, "message is null");
    }

    static WireError of(int status, String code, String handle, String message) {
        return new WireError(status, code, Optional.ofNullable(handle), message);
    }

    /**
     * The error a library exception becomes on the wire: a {@link DataHandleException} by its
     * {@link DataHandleException#code() ErrorCode}, never by its class or text. The one exception is
     * the jobs module's {@link JobNotFoundException}, which has no code of its own (a job is not a
     * handle) and is told apart before the code is read.
     */
    static WireError of(Throwable e, String handle) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof Failure f) {
            return f.error();
        }
        if (e instanceof HttpProtocolException p) {
            return p.error(); // a body's framing broke (a bad chunk size, say)
        }
        if (e instanceof JobNotFoundException) {
            return of(404, JOB_NOT_FOUND, null, message);
        }
        if (e instanceof DataHandleException d) {
            return switch (d.code()) {
                case ALREADY_PRODUCED, CONFLICT -> of(409, ALREADY_PRODUCED, handle, message);
                case NOT_PRODUCED -> of(404, NOT_PRODUCED, handle, message);
                case HANDLE_NOT_FOUND -> of(404, HANDLE_NOT_FOUND, handle, message);
                case DATA_FORMAT -> of(400, BAD_DATA, handle, message);
                case UNSUPPORTED_FORMAT -> of(415, UNSUPPORTED, handle, message);
                case STORAGE -> of(507, STORAGE, handle, message + (e.getCause() != null
                        && e.getCause().getMessage() != null ? ": " + e.getCause().getMessage() : ""));
                // the caller's spec, call or settings: a request the server cannot serve as asked
                case SPEC_INVALID, CONFIGURATION, INVALID_OPERATION, LIMIT_EXCEEDED, INTERNAL ->
                        of(400, BAD_REQUEST, handle, message);
            };
        }
        if (e instanceof IllegalArgumentException) {
            return of(400, BAD_REQUEST, handle, message);
        }
        return of(500, INTERNAL, handle, e.getClass().getSimpleName() + ": " + message);
    }

    /** An error decided by the server itself, thrown out of a handler and answered as is. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient WireError error;

        Failure(WireError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        Failure(int status, String code, String handle, String message) {
            this(WireError.of(status, code, handle, message));
        }

        WireError error() {
            return error;
        }
    }
}
