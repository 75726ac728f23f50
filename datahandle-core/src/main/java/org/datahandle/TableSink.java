package org.datahandle;

import org.datahandle.table.Table;

/**
 * A streaming O2D write by the library: batches go straight to staged files in constant memory,
 * and {@link #commit()} publishes them atomically. Memory stays unproduced.
 *
 * <pre>{@code
 * try (TableSink sink = handle.sink(schema)) {
 *     for (Table batch : batches) sink.write(batch);
 *     sink.commit();
 * }
 * }</pre>
 *
 * <p>Closing without {@code commit()} — an exception mid-way, say — removes the staged files and
 * publishes nothing, so a failed producer never leaves half the data looking complete.
 */
public interface TableSink extends AutoCloseable {

    /**
     * Appends a batch; its schema must be the sink's.
     *
     * @throws DataHandleException if the schema differs, or writing fails (the sink is then unusable)
     */
    void write(Table batch);

    /** Finishes every file and publishes them atomically with a commit record. */
    void commit();

    /** Ends the write; without a commit, the staged files are removed. Idempotent. */
    @Override
    void close();
}
