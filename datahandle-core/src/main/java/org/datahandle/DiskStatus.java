package org.datahandle;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What storage says about a handle's disk right now, in more detail than {@link HandleState}: the
 * files found, and whether a commit record vouches for them. For tools that report on a workflow
 * ({@code datahandle status}); operators need only {@link DataHandle#state()}.
 *
 * @param produced true when complete data is on disk
 * @param files the data files found, wildcards expanded, in a stable order; when not produced,
 *     whatever part of the data was found
 * @param commitRecord whether the library published this data, and whether the files still match
 *     what it recorded
 * @param problem why the disk is not produced; empty when it is
 */
public record DiskStatus(boolean produced, List<FileInfo> files, CommitRecordState commitRecord,
        Optional<String> problem) {

    public DiskStatus {
        requireNonNull(files, "files is null");
        requireNonNull(commitRecord, "commitRecord is null");
        requireNonNull(problem, "problem is null");
        files = List.copyOf(files);
        if (produced == problem.isPresent()) {
            throw new IllegalArgumentException("a problem is given exactly when the disk is not produced");
        }
    }

    /** The sum of the found files' sizes, in bytes. */
    public long totalSize() {
        return files.stream().mapToLong(FileInfo::size).sum();
    }

    /**
     * One data file.
     *
     * @param path its absolute URI
     * @param size its length in bytes
     * @param modified when it was last modified, as the file system reports it
     */
    public record FileInfo(URI path, long size, Instant modified) {
        public FileInfo {
            requireNonNull(path, "path is null");
            requireNonNull(modified, "modified is null");
        }
    }

    /** The commit record the library leaves beside data it publishes (state-machine rule 13). */
    public enum CommitRecordState {
        /** No record: the data came from outside (or is absent); it is produced when every file exists. */
        ABSENT,
        /** The library published the data and the files are exactly the recorded ones. */
        MATCHES,
        /** The files changed after they were published (a part deleted, truncated or replaced): not produced. */
        MISMATCH
    }
}
