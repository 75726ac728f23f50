package org.datahandle.spi;

import java.util.Optional;

/**
 * A memory form that a module adds beside the built-in {@link org.datahandle.MemoryFormat}s: its
 * YAML name ({@code memory.format}), the Java type a handle of that form holds, and how data moves
 * between that form and the handle's disk. {@code datahandle-spark} adds {@code spark}
 * ({@code Dataset<Row>}) and {@code rdd} ({@code JavaRDD<Row>}).
 *
 * <p>The catalog keeps the produced flags and the write-once rule; the provider only moves data. It
 * reads the disk through {@link MemoryFormAccess#disk()} ({@code pathsForRead()}, which checks that
 * the disk is produced and returns exactly the files the commit record vouches for) and writes
 * through {@code beginExternalWrite()} (writer lock, staging, atomic publish, commit record), so a
 * memory form cannot bypass the state machine.
 *
 * <p>Registered like every provider: listed in {@code META-INF/services/org.datahandle.spi.MemoryFormProvider}
 * and discovered, or given to {@link Registry.Builder#register(MemoryFormProvider)}. Whatever the
 * provider needs from the engine (a Spark session) it asks of {@link MemoryFormAccess#context}; a
 * provider never starts engines of its own.
 *
 * @since 0.2
 */
public interface MemoryFormProvider {

    /** The YAML name, unique among memory forms and different from every built-in format name. */
    String name();

    /** The Java type a handle of this form holds in memory. */
    Class<?> type();

    /**
     * D2M: the handle's produced disk as this form. May be lazy (a query plan over the files).
     *
     * @throws org.datahandle.NotProducedException if the disk is not produced
     * @throws org.datahandle.UnsupportedFormatException if this form cannot read the disk format
     */
    Object load(MemoryFormAccess handle);

    /**
     * O2M: what an operator passed to {@code write}, as this form (a value of {@link #type()} as is,
     * or a conversion of a {@code Table} or rows).
     *
     * @throws org.datahandle.UnsupportedFormatException if {@code data} cannot become this form
     */
    Object accept(Object data, MemoryFormAccess handle);

    /**
     * M2D: writes {@code value} (a result of {@link #accept} or {@link #load}) to the handle's disk and
     * publishes it atomically, through {@code handle.disk().beginExternalWrite()}.
     *
     * @throws org.datahandle.AlreadyProducedException if the disk is produced or another writer holds it
     */
    void dump(Object value, MemoryFormAccess handle);

    /**
     * M2O as another type ({@code Table}, {@code List} of rows); empty when this form cannot give
     * that type.
     *
     * @throws org.datahandle.DataHandleException if the conversion is possible but refused (too many rows)
     */
    <T> Optional<T> convert(Object value, Class<T> type, MemoryFormAccess handle);
}
