package org.datahandle.internal.table;

import java.io.IOException;
import org.datahandle.AlreadyProducedException;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorLocation;
import org.datahandle.NotProducedException;
import org.datahandle.StorageException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.spi.TableLocation;

/**
 * Errors of a table handle, built from fields: a store raises its errors without knowing the
 * handle, and the handle's side adds its id here, keeping the store's code, location and problem.
 */
final class TableErrors {
    private TableErrors() {
    }

    static ErrorLocation at(TableLocation location) {
        return ErrorLocation.of(location.uri());
    }

    static StorageException storage(String handleId, TableLocation location, String what, IOException cause) {
        return new StorageException(handleId, at(location), what, cause);
    }

    /**
     * The same error naming the handle; itself when it already names one, or when its class has no
     * field-built form to copy it into (its code and text still say what happened).
     */
    static DataHandleException named(String handleId, DataHandleException e) {
        if (e.handleId().isPresent()) {
            return e;
        }
        DataHandleException named;
        if (e instanceof DataFormatException f) {
            return f.withHandle(handleId);
        } else if (e instanceof AlreadyProducedException a) {
            return named(handleId, a);
        } else if (e instanceof NotProducedException) {
            named = new NotProducedException(handleId, e.location(), e.problem());
        } else if (e instanceof UnsupportedFormatException) {
            named = new UnsupportedFormatException(handleId, e.location(), e.problem(), e.getCause());
        } else if (e.getClass() == DataHandleException.class && e.code() != org.datahandle.ErrorCode.INTERNAL) {
            named = new DataHandleException(e.code(), handleId, e.location(), e.problem(), e.getCause());
        } else {
            return e;
        }
        named.addSuppressed(e);
        return named;
    }

    /** As {@link #named(String, DataHandleException)}, keeping the type a caller catches. */
    static AlreadyProducedException named(String handleId, AlreadyProducedException e) {
        if (e.handleId().isPresent()) {
            return e;
        }
        AlreadyProducedException named = new AlreadyProducedException(e.code(), handleId, e.location(), e.problem());
        named.addSuppressed(e);
        return named;
    }
}
