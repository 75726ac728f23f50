package org.datahandle.spi;

import java.io.Closeable;
import java.io.IOException;
import org.datahandle.table.Table;

/** Writes batches of one schema to one file; {@link #close()} completes it. */
public interface TableWriter extends Closeable {
    void write(Table batch) throws IOException;
}
