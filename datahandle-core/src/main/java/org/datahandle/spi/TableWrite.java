package org.datahandle.spi;

import java.io.Closeable;
import java.io.IOException;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * One write of a table, begun by {@link TableStore#beginWrite}: rows go to a staging table,
 * {@link #publish()} makes it the target together with its commit record, and {@link #close()}
 * without a publish removes the staging table. An external tool may fill {@link #staging()} itself
 * instead of {@link #create}/{@link #append}.
 */
public interface TableWrite extends Closeable {

    /** The staging table rows go to; an external tool creates and fills it under this name. */
    TableLocation staging();

    /**
     * Creates the staging table with one column per field.
     *
     * @throws org.datahandle.DataFormatException if a field's type has no SQL column type in this engine
     */
    void create(Schema schema) throws IOException;

    /**
     * Appends rows through the engine's bulk path; the batch has the schema given to {@link #create}.
     *
     * @throws org.datahandle.DataFormatException if a value does not fit its column
     */
    void append(Table batch) throws IOException;

    /**
     * Renames the staging table to the target and records it: atomically where the engine's DDL is
     * transactional, else rename (which fails if the target appeared) then record.
     *
     * @throws org.datahandle.AlreadyProducedException if the target appeared meanwhile
     */
    void publish() throws IOException;

    /** Ends the write and releases the lock; without a publish, the staging table is dropped. Idempotent. */
    @Override
    void close() throws IOException;
}
