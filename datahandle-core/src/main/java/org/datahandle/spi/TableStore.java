package org.datahandle.spi;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/**
 * Database tables of one engine, as handle storage: check, read, write once, delete. The table
 * counterpart of {@link FileSystem}; one per catalog and engine, closed with the catalog.
 *
 * <p>Every method takes the handle's {@code disk.options} ({@code options}), already checked
 * against {@link TableStoreFactory#optionNames()}. I/O and database failures are
 * {@link IOException}s whose messages never hold credentials. Minimal API surface on purpose:
 * whatever a handle needs beyond this is built from these calls.
 */
public interface TableStore extends Closeable {

    /**
     * What the database holds under {@code table} now. An absent table or database is a result,
     * not an error.
     *
     * @throws IOException if the server cannot be reached or refuses the login
     */
    TableCheck check(TableLocation table, Map<String, Object> options) throws IOException;

    /**
     * Streams the table (or, with the {@code query} option, the query's result) in batches of a
     * bounded number of rows, so any size of table reads in constant memory.
     *
     * @throws org.datahandle.DataFormatException if a column has a type with no {@link org.datahandle.table.DataType}
     * @throws IOException if the table is missing or the read fails
     */
    TableReader openReader(TableLocation table, Map<String, Object> options) throws IOException;

    /**
     * Starts writing {@code table} once: takes the engine's writer lock and checks that the table
     * is absent. End it with {@link TableWrite#close()}; nothing is visible before
     * {@link TableWrite#publish()}.
     *
     * @param handleId the handle, for the commit record and messages
     * @throws org.datahandle.AlreadyProducedException if the table exists or another writer holds it
     * @throws org.datahandle.DataHandleException if the options make the handle read-only (a query)
     */
    TableWrite beginWrite(TableLocation table, String handleId, Map<String, Object> options) throws IOException;

    /**
     * Drops the table, then its commit record, then any staging table a killed writer left. A
     * missing table is not an error.
     *
     * @throws org.datahandle.AlreadyProducedException if a writer holds the table right now
     * @throws org.datahandle.DataHandleException if the options make the handle read-only (a query)
     */
    void delete(TableLocation table, Map<String, Object> options) throws IOException;
}
