package org.datahandle;

import static java.util.Objects.requireNonNull;

/**
 * A snapshot of a handle's two produced flags.
 *
 * @param disk the disk interface's state ({@link DiskState#NONE} for a temporary handle)
 * @param memory the memory interface's state
 */
public record HandleState(DiskState disk, MemoryState memory) {
    public HandleState {
        requireNonNull(disk, "disk is null");
        requireNonNull(memory, "memory is null");
    }

    /** True when complete data is on disk. */
    public boolean diskProduced() {
        return disk == DiskState.PRODUCED;
    }

    /** True when the data is held in memory. */
    public boolean memoryProduced() {
        return memory == MemoryState.PRODUCED;
    }

    /** The states of a handle's disk interface. */
    public enum DiskState {
        /** The handle is temporary: it has no disk. */
        NONE,
        /** No complete data on disk (missing, partial, or changed since it was published). */
        NOT_PRODUCED,
        /** A writer in this process holds the handle while it stages data; not yet produced. */
        WRITING,
        /** Complete data on disk. */
        PRODUCED
    }

    /** The states of a handle's memory interface. */
    public enum MemoryState {
        NOT_PRODUCED,
        /** D2M in progress: concurrent readers wait for it instead of loading again. */
        LOADING,
        PRODUCED
    }

    @Override
    public String toString() {
        return "disk=" + disk.name().toLowerCase(java.util.Locale.ROOT) + ", memory="
                + memory.name().toLowerCase(java.util.Locale.ROOT);
    }
}
