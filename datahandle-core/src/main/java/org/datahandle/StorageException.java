package org.datahandle;

import java.io.IOException;

/**
 * The file system failed (permissions, a full disk, a lost connection): the data may be fine, the
 * storage under it is not. The cause is the {@link IOException}.
 */
public class StorageException extends DataHandleException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, IOException cause) {
        super(message + ": " + cause, cause);
    }
}
