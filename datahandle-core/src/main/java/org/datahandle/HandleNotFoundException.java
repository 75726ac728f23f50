package org.datahandle;

/**
 * {@link Catalog#get(String)} with an id the catalog does not declare
 * ({@link ErrorCode#HANDLE_NOT_FOUND}); the message suggests the nearest.
 */
public class HandleNotFoundException extends DataHandleException {
    private static final long serialVersionUID = 2L;

    /**
     * @param handleId the id asked for
     * @param problem what is wrong and the nearest ids, without the handle
     */
    public HandleNotFoundException(String handleId, String problem) {
        super(ErrorCode.HANDLE_NOT_FOUND, handleId, null, ErrorLocation.UNKNOWN, problem, null);
    }

    /** A whole message, with no handle. */
    public HandleNotFoundException(String message) {
        super(ErrorCode.HANDLE_NOT_FOUND, null, ErrorLocation.UNKNOWN, message, null, message);
    }
}
