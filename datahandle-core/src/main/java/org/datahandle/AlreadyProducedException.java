package org.datahandle;

/**
 * Writing data that is already produced, or that another writer (thread or process) is producing
 * right now. Nothing is overwritten: delete the handle's disk first if a rewrite is intended.
 */
public class AlreadyProducedException extends DataHandleException {
    private static final long serialVersionUID = 1L;

    public AlreadyProducedException(String message) {
        super(message);
    }
}
