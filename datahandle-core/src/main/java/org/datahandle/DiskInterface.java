package org.datahandle;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A handle's disk interface as external tools see it: D2O through {@link #pathsForRead()}, O2D
 * through {@link #beginExternalWrite()}. Both keep the handle's produced state in step.
 */
public interface DiskInterface {

    /** The disk spec. */
    DiskSpec spec();

    /** True when complete data is on disk, checked against storage now. */
    boolean isProduced();

    /**
     * What storage says now: the files found with their sizes, whether a commit record vouches for
     * them, and why the disk is not produced. Reports, never throws for missing or changed data.
     *
     * @throws StorageException if storage cannot be asked
     */
    DiskStatus check();

    /**
     * The schema the commit record of the published data holds, when the library (or an external
     * write committed with a schema) published it with one; empty for data from outside, or with no
     * record. Readers that are not the library (Spark) use it instead of inferring types again.
     *
     * @throws StorageException if storage cannot be asked
     * @since 0.2
     */
    default Optional<org.datahandle.table.Schema> recordedSchema() {
        return Optional.empty();
    }

    /**
     * D2O: the concrete files an external tool should read, wildcards expanded, in a stable order.
     *
     * @throws NotProducedException if the disk is not produced (a part missing, a glob matching
     *     nothing, files changed since they were published)
     */
    List<URI> pathsForRead();

    /**
     * Where each part of the data is, per file in the order of {@link #pathsForRead()}: host, URI, byte offset
     * and length, and schema. For {@code shm:} and local files this is what another process needs to map the
     * data without a copy ({@code datahandle locate} prints it).
     *
     * @throws NotProducedException if the disk is not produced
     * @throws StorageException if storage cannot be asked
     */
    List<DataLocation> locations();

    /**
     * O2D: reserve the handle for an external writer. The tool writes to {@link ExternalWrite#paths()};
     * {@link ExternalWrite#commit()} publishes them atomically; closing without commit removes them.
     *
     * @throws AlreadyProducedException if the disk is produced, or another writer holds the handle
     */
    ExternalWrite beginExternalWrite();
}
