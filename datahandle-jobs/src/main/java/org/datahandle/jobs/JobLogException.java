package org.datahandle.jobs;

import org.datahandle.DataHandleException;

/** A job's folder or event log cannot be read or written: a corrupt line, a missing file, an I/O error. */
public class JobLogException extends DataHandleException {
    private static final long serialVersionUID = 1L;

    public JobLogException(String message) {
        super(message);
    }

    public JobLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
