package org.datahandle;

/**
 * A format, compression, file system or memory conversion that no registered provider supports.
 * The message names what was asked for and, where one exists, the artifact that would provide it.
 */
public class UnsupportedFormatException extends DataHandleException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFormatException(String message) {
        super(message);
    }

    public UnsupportedFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
