package org.datahandle;

import java.util.Iterator;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Batches of a handle's data read straight from disk, one at a time. Close it to release the files.
 */
public interface TableStream extends Iterator<Table>, AutoCloseable {

    /** The schema every batch has. */
    Schema schema();

    @Override
    void close();
}
