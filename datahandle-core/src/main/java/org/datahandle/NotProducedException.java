package org.datahandle;

import org.jspecify.annotations.Nullable;

/**
 * Reading data that is not produced ({@link ErrorCode#NOT_PRODUCED}): disk with no complete data,
 * or a temporary handle never written.
 */
public class NotProducedException extends DataHandleException {
    private static final long serialVersionUID = 2L;

    /**
     * @param handleId the handle read
     * @param location the data that is missing, or {@link ErrorLocation#UNKNOWN}
     * @param problem why it is not produced, without the handle or the location
     */
    public NotProducedException(@Nullable String handleId, ErrorLocation location, String problem) {
        super(ErrorCode.NOT_PRODUCED, handleId, null, location, problem, null);
    }

    /** A whole message, with no handle or location. */
    public NotProducedException(String message) {
        super(ErrorCode.NOT_PRODUCED, null, ErrorLocation.UNKNOWN, message, null, message);
    }
}
