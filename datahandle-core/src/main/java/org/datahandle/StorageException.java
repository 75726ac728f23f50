package org.datahandle;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The file system failed ({@link ErrorCode#STORAGE}: permissions, a full disk, a lost connection):
 * the data may be fine, the storage under it is not. The cause is the {@link IOException}, whose
 * text ends the message.
 */
public class StorageException extends DataHandleException {
    private static final long serialVersionUID = 2L;

    /**
     * @param handleId the handle concerned, or null (closing a catalog's file systems)
     * @param location the file concerned, or {@link ErrorLocation#UNKNOWN}
     * @param what what was being done ({@code cannot read}), without the handle or the location
     * @param cause what the storage said
     */
    public StorageException(@Nullable String handleId, ErrorLocation location, String what, IOException cause) {
        super(ErrorCode.STORAGE, handleId, null, location, what + ": " + cause, cause);
    }

    /** A whole message (the cause is appended), with no handle or location. */
    public StorageException(String message, IOException cause) {
        super(ErrorCode.STORAGE, null, ErrorLocation.UNKNOWN, message + ": " + cause, cause, message + ": " + cause);
    }
}
