package org.datahandle;

/** Reading data that is not produced: disk with no complete data, or a temporary handle never written. */
public class NotProducedException extends DataHandleException {
    private static final long serialVersionUID = 1L;

    public NotProducedException(String message) {
        super(message);
    }
}
