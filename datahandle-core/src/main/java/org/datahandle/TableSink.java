package org.datahandle;

import java.util.Optional;
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

    /**
     * The codec's writer behind this sink, when it is a {@code type}: a format's own fast path. The exchange
     * server, for one, hands an Arrow IPC record batch to an Arrow file's writer as the bytes it received,
     * instead of decoding it into a {@link Table} to encode it again. What goes through the writer is part of
     * this sink's staged file, published by {@link #commit()} or removed by {@link #close()} with it; the
     * writer's own {@code close()} belongs to the sink, so do not call it.
     *
     * @return the writer, or empty when this sink writes through something else (the default)
     * @since 0.3
     */
    default <T> Optional<T> unwrap(Class<T> type) {
        return Optional.empty();
    }

    /** Finishes every file and publishes them atomically with a commit record. */
    void commit();

    /** Ends the write; without a commit, the staged files are removed. Idempotent. */
    @Override
    void close();
}
