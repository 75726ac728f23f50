package org.datahandle.internal.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.Location;

/**
 * What storage says about a handle's disk right now.
 *
 * @param produced true when complete data is there
 * @param files the data files found (complete only when produced)
 * @param problem why the disk is not produced; empty when it is
 * @param recordMismatch true when a commit record exists but the files no longer match it, which
 *     deserves a warning: somebody changed published data behind the library's back
 * @param recorded what the commit record says of each file, by location; empty without a record.
 *     Reads check what they read against it.
 * @param schema the columns the record says the data has; empty without a record or when the
 *     writer did not say. A read of data the library wrote is typed by it, not by inference.
 */
public record DiskCheck(boolean produced, List<FileEntry> files, Optional<String> problem, boolean recordMismatch,
        Map<Location, CommitRecord.FileRecord> recorded, List<CommitRecord.ColumnRecord> schema) {
    public DiskCheck {
        files = List.copyOf(files);
        recorded = Map.copyOf(recorded);
        schema = List.copyOf(schema);
    }

    /** True when a commit record vouches for the files. */
    public boolean hasRecord() {
        return !recorded.isEmpty();
    }

    static DiskCheck produced(List<FileEntry> files) {
        return new DiskCheck(true, files, Optional.empty(), false, Map.of(), List.of());
    }

    static DiskCheck produced(List<FileEntry> files, Map<Location, CommitRecord.FileRecord> recorded,
            List<CommitRecord.ColumnRecord> schema) {
        return new DiskCheck(true, files, Optional.empty(), false, recorded, schema);
    }

    static DiskCheck absent(List<FileEntry> found, String problem) {
        return new DiskCheck(false, found, Optional.of(problem), false, Map.of(), List.of());
    }

    static DiskCheck mismatch(List<FileEntry> found, String problem) {
        return new DiskCheck(false, found, Optional.of(problem), true, Map.of(), List.of());
    }
}
