package org.datahandle;

/**
 * Root of every exception DataHandle throws. Unchecked: a workflow engine decides at its top level
 * what to do with a failed handle; nothing in between needs to declare it.
 *
 * <p>Every message names the handle and, where one is involved, the path.
 */
public class DataHandleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataHandleException(String message) {
        super(message);
    }

    public DataHandleException(String message, Throwable cause) {
        super(message, cause);
    }
}
