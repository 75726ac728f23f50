package org.datahandle;

import org.jspecify.annotations.Nullable;

/**
 * Writing data that is already produced ({@link ErrorCode#ALREADY_PRODUCED}), or that another writer
 * (thread or process) is producing right now ({@link ErrorCode#CONFLICT}). Nothing is overwritten:
 * delete the handle's disk first if a rewrite is intended.
 */
public class AlreadyProducedException extends DataHandleException {
    private static final long serialVersionUID = 2L;

    /**
     * @param code {@link ErrorCode#ALREADY_PRODUCED} or {@link ErrorCode#CONFLICT}
     * @param handleId the handle written
     * @param location the data or lock in the way, or {@link ErrorLocation#UNKNOWN}
     * @param problem what is in the way, without the handle or the location
     * @throws IllegalArgumentException for any other code
     */
    public AlreadyProducedException(ErrorCode code, @Nullable String handleId, ErrorLocation location, String problem) {
        super(checked(code), handleId, null, location, problem, null);
    }

    /** A whole message, with code {@link ErrorCode#ALREADY_PRODUCED} and no handle or location. */
    public AlreadyProducedException(String message) {
        super(ErrorCode.ALREADY_PRODUCED, null, ErrorLocation.UNKNOWN, message, null, message);
    }

    private static ErrorCode checked(ErrorCode code) {
        if (code != ErrorCode.ALREADY_PRODUCED && code != ErrorCode.CONFLICT) {
            throw new IllegalArgumentException("an AlreadyProducedException is ALREADY_PRODUCED or CONFLICT, not " + code);
        }
        return code;
    }
}
