package org.datahandle.jobs;

import org.datahandle.DataHandleException;

/** No job of that id in the registry's jobs folder. The message names the id and the folder. */
public class JobNotFoundException extends DataHandleException {
    private static final long serialVersionUID = 1L;

    public JobNotFoundException(String message) {
        super(message);
    }
}
