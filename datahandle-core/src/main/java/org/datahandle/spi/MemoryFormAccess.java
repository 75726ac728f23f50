package org.datahandle.spi;

import java.util.Optional;
import org.datahandle.DataHandleSpec;
import org.datahandle.DiskInterface;

/**
 * What a {@link MemoryFormProvider} sees of the handle it serves.
 *
 * @since 0.2
 */
public interface MemoryFormAccess {

    /** The handle's id, for messages. */
    String handleId();

    /** The handle's spec, with everything inferred. */
    DataHandleSpec spec();

    /** The disk interface; empty for a temporary handle, which has none. */
    Optional<DiskInterface> disk();

    /**
     * Something the engine handed the catalog for memory forms, by type
     * ({@code Catalog.builder().memoryFormContext(SparkSession.class, session)}).
     */
    <T> Optional<T> context(Class<T> type);
}
