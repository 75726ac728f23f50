package org.datahandle;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A handle's spec with everything inferred: immutable, and what {@link Catalog#toYaml()} writes.
 *
 * @param id the handle's name, its key in the workflow YAML
 * @param disk where and how the data is stored; empty for a temporary handle
 * @param memory how the data is held in memory
 */
public record DataHandleSpec(String id, Optional<DiskSpec> disk, MemorySpec memory) {
    public DataHandleSpec {
        requireNonNull(id, "id is null");
        requireNonNull(disk, "disk is null");
        requireNonNull(memory, "memory is null");
        org.datahandle.internal.spec.HandleIds.problem(id).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** A handle with data on disk. */
    public static DataHandleSpec onDisk(String id, DiskSpec disk, MemorySpec memory) {
        return new DataHandleSpec(id, Optional.of(disk), memory);
    }

    /** A temporary handle: memory only, lost when the process ends. */
    public static DataHandleSpec temporary(String id, MemorySpec memory) {
        return new DataHandleSpec(id, Optional.empty(), memory);
    }

    /** True when the handle has no disk, so its data lives only in this process's memory. */
    public boolean temporary() {
        return disk.isEmpty();
    }
}
