package org.datahandle.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a file system knows about one file.
 *
 * @param location where it is
 * @param size its length in bytes
 * @param modified its last-modified time (for object stores, the upload time)
 */
public record FileEntry(Location location, long size, Instant modified) {
    public FileEntry {
        requireNonNull(location, "location is null");
        requireNonNull(modified, "modified is null");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
    }
}
