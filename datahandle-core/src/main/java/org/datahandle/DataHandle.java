package org.datahandle;

import org.datahandle.table.Table;

/**
 * A named piece of data with a disk interface and a memory interface, each with its own produced
 * state. Operators see only {@link #read()} (M2O) and {@link #write(Object)} (O2M); the handle moves
 * data between disk and memory itself (D2M on first read, M2D inside write).
 *
 * <p>All methods are safe to call from several threads. Every exception is a
 * {@link DataHandleException}.
 */
public interface DataHandle {

    /** The handle's id: its key in the workflow YAML. */
    String id();

    /** The spec with everything inferred. */
    DataHandleSpec spec();

    /**
     * M2O: the data as a {@link Table}. Loads it from disk first (D2M) if memory is not produced;
     * concurrent readers share one load.
     *
     * @throws NotProducedException if neither memory nor disk is produced
     * @throws DataFormatException if the data on disk does not parse
     * @throws UnsupportedFormatException if the disk format has no codec, or the memory data is not tabular
     */
    Table read();

    /**
     * M2O converted to {@code type}: {@code Table.class}, {@code List.class} (rows),
     * {@code String.class} (JSON), {@code double[][].class} (matrix), or any type Jackson can map the
     * data to (records, POJOs, arrays of them).
     *
     * @throws UnsupportedFormatException if the data cannot be converted to {@code type}
     * @throws NotProducedException if neither memory nor disk is produced
     */
    <T> T read(Class<T> type);

    /**
     * M2O converted to a generic type, for records and POJOs in collections:
     * {@code read(new TypeRef<List<Sample>>() {})}.
     *
     * @throws UnsupportedFormatException if the data cannot be converted to the type
     */
    <T> T read(TypeRef<T> type);

    /**
     * O2M, then M2D before returning unless the handle is temporary. {@code data} may be a
     * {@link Table}, rows ({@code List<Map<String,Object>>}), a JSON {@code String}, a
     * {@code double[][]} or any Jackson-mappable object; it is converted to the memory format.
     * If the dump to disk fails, memory is left unproduced too, so the handle is as before.
     *
     * @throws AlreadyProducedException if disk or memory is already produced, or another writer is writing
     */
    void write(Object data);

    /** A snapshot of both produced flags; disk is checked against storage on every call. */
    HandleState state();

    /** Frees the memory copy; the disk stays. A no-op when memory is not produced. */
    void dropMemory();

    /** Deletes the data on disk (every part, and the commit record), and the memory copy with it. */
    void deleteDisk();

    /**
     * The disk interface, for external tools (D2O, O2D).
     *
     * @throws DataHandleException if the handle is temporary
     */
    DiskInterface disk();

    /**
     * A streaming write straight to disk (O2D by the library), for data larger than memory:
     * batches are staged as they come and published atomically on {@link TableSink#commit()}.
     *
     * @throws AlreadyProducedException if the disk is produced, or another writer is writing
     * @throws DataHandleException if the handle is temporary
     */
    TableSink sink(org.datahandle.table.Schema schema);

    /**
     * Batches straight from disk; memory stays unproduced. Constant memory for formats that stream.
     *
     * @throws NotProducedException if disk is not produced
     */
    TableStream stream();
}
