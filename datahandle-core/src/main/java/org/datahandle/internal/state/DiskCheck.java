package org.datahandle.internal.state;

import java.util.List;
import java.util.Optional;
import org.datahandle.spi.FileEntry;

/**
 * What storage says about a handle's disk right now.
 *
 * @param produced true when complete data is there
 * @param files the data files found (complete only when produced)
 * @param problem why the disk is not produced; empty when it is
 * @param recordMismatch true when a commit record exists but the files no longer match it, which
 *     deserves a warning: somebody changed published data behind the library's back
 */
public record DiskCheck(boolean produced, List<FileEntry> files, Optional<String> problem, boolean recordMismatch) {
    public DiskCheck {
        files = List.copyOf(files);
    }

    static DiskCheck produced(List<FileEntry> files) {
        return new DiskCheck(true, files, Optional.empty(), false);
    }

    static DiskCheck absent(List<FileEntry> found, String problem) {
        return new DiskCheck(false, found, Optional.of(problem), false);
    }

    static DiskCheck mismatch(List<FileEntry> found, String problem) {
        return new DiskCheck(false, found, Optional.of(problem), true);
    }
}
