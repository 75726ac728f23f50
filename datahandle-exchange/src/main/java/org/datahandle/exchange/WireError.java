package org.datahandle.exchange;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.datahandle.AlreadyProducedException;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandleException;
import org.datahandle.HandleNotFoundException;
import org.datahandle.NotProducedException;
import org.datahandle.StorageException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.jobs.JobNotFoundException;

/**
 * An error as it travels: HTTP status, a stable code clients branch on, the handle (when one is involved)
 * and a message for people. The JSON body is {@code {"error": code, "handle": name, "message": text}}.
 *
 * <p>Codes are mapped from the library's exception types (the structured error codes of issue 10 were not
 * on main when this was written); the table is docs/exchange.md, "Errors".
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

    /** The error a library exception becomes on the wire. */
    static WireError of(Throwable e, String handle) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof Failure f) {
            return f.error();
        }
        if (e instanceof AlreadyProducedException) {
            return of(409, ALREADY_PRODUCED, handle, message);
        }
        if (e instanceof NotProducedException) {
            return of(404, NOT_PRODUCED, handle, message);
        }
        if (e instanceof HandleNotFoundException) {
            return of(404, HANDLE_NOT_FOUND, handle, message);
        }
        if (e instanceof JobNotFoundException) {
            return of(404, JOB_NOT_FOUND, null, message);
        }
        if (e instanceof DataFormatException) {
            return of(400, BAD_DATA, handle, message);
        }
        if (e instanceof UnsupportedFormatException) {
            return of(415, UNSUPPORTED, handle, message);
        }
        if (e instanceof StorageException) {
            return of(507, STORAGE, handle, message + (e.getCause() != null && e.getCause().getMessage() != null
                    ? ": " + e.getCause().getMessage() : ""));
        }
        if (e instanceof DataHandleException || e instanceof IllegalArgumentException) {
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
