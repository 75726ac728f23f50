package org.datahandle;

import org.jspecify.annotations.Nullable;

/**
 * A format, compression, file system or memory conversion that no registered provider supports
 * ({@link ErrorCode#UNSUPPORTED_FORMAT}). The message names what was asked for and, where one
 * exists, the artifact that would provide it.
 */
public class UnsupportedFormatException extends DataHandleException {
    private static final long serialVersionUID = 2L;

    /**
     * @param handleId the handle concerned, or null
     * @param location the file concerned, or {@link ErrorLocation#UNKNOWN}
     * @param problem what is not supported, without the handle or the location
     */
    public UnsupportedFormatException(@Nullable String handleId, ErrorLocation location, String problem) {
        this(handleId, location, problem, null);
    }

    /** As {@link #UnsupportedFormatException(String, ErrorLocation, String)}, with the cause. */
    public UnsupportedFormatException(@Nullable String handleId, ErrorLocation location, String problem,
            @Nullable Throwable cause) {
        super(ErrorCode.UNSUPPORTED_FORMAT, handleId, null, location, problem, cause);
    }

    /** A whole message, with no handle or location. */
    public UnsupportedFormatException(String message) {
        this(message, (Throwable) null);
    }

    /** A whole message, with no handle or location. */
    public UnsupportedFormatException(String message, @Nullable Throwable cause) {
        super(ErrorCode.UNSUPPORTED_FORMAT, null, ErrorLocation.UNKNOWN, message, cause, message);
    }
}
