package org.datahandle;

import static java.util.Objects.requireNonNull;

/**
 * The memory interface of a handle. Memory is never produced when a process starts, so the spec
 * carries only the format; the live state is {@link DataHandle#state()}.
 *
 * @param format how the data is held in memory
 */
public record MemorySpec(MemoryFormat format) {
    public MemorySpec {
        requireNonNull(format, "format is null");
    }

    public static MemorySpec of(MemoryFormat format) {
        return new MemorySpec(format);
    }
}
