package org.datahandle.jobs;

import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;

/**
 * The job has not ended ({@code pending} or {@code running} in this or another live process), so
 * its folder is not removed. Code {@link ErrorCode#INVALID_OPERATION}: cancel the job or wait for it.
 */
public class JobStillRunningException extends DataHandleException {
    private static final long serialVersionUID = 1L;

    public JobStillRunningException(String message) {
        super(ErrorCode.INVALID_OPERATION, null, ErrorLocation.UNKNOWN, message);
    }
}
