package org.datahandle.internal.publish;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.datahandle.AlreadyProducedException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.internal.storage.Checksums;
import org.datahandle.internal.storage.CommitRecord;
import org.datahandle.internal.storage.DiskCheck;
import org.datahandle.internal.storage.DiskLayout;
import org.datahandle.internal.storage.StorageCheck;
import org.datahandle.spi.Capability;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;

/**
 * What {@code datahandle verify} may do to records, always under the writer lock: write a record
 * for complete data that has none (adopt, only when asked), and refresh a record whose files kept
 * their content but not their times (a copy without {@code -p}, a {@code touch}).
 */
public final class RecordMaintenance {
    private RecordMaintenance() {}

    /**
     * Writes a commit record for the handle's files, which must be complete and have no record.
     *
     * @return false when there was nothing to adopt (a record exists, or the data is incomplete)
     * @throws AlreadyProducedException if a writer holds the handle
     */
    public static boolean adopt(String handleId, DiskLayout layout) throws IOException {
        FileSystem fs = layout.fileSystem();
        FileLock lock = lock(handleId, layout);
        try {
            if (fs.stat(layout.record()).isPresent()) {
                return false;
            }
            DiskCheck check = StorageCheck.check(layout);
            if (!check.produced()) {
                return false;
            }
            writeRecord(layout, handleId, check.files(), Optional.empty());
            return true;
        } finally {
            lock.close();
        }
    }

    /**
     * Rewrites the record with the files' present times, keeping everything else. The caller has
     * just found every file's content to be the recorded one.
     */
    public static void refresh(String handleId, DiskLayout layout) throws IOException {
        FileLock lock = lock(handleId, layout);
        try {
            Optional<CommitRecord> old = StorageCheck.readRecord(layout);
            DiskCheck check = StorageCheck.check(layout, true);
            if (old.isEmpty() || !check.produced()) {
                return; // changed since the caller looked; the next verify says so
            }
            writeRecord(layout, handleId, check.files(), old);
        } finally {
            lock.close();
        }
    }

    private static void writeRecord(DiskLayout layout, String handleId, List<FileEntry> files,
            Optional<CommitRecord> old) throws IOException {
        FileSystem fs = layout.fileSystem();
        List<CommitRecord.FileRecord> records = new ArrayList<>();
        for (FileEntry f : files) {
            records.add(new CommitRecord.FileRecord(CommitRecord.FileRecord.name(layout.record(), f.location()),
                    f.size(), f.modified().toEpochMilli(), Checksums.crc32c(fs, f.location())));
        }
        CommitRecord record = new CommitRecord(CommitRecord.VERSION, handleId, layout.spec().format(),
                layout.spec().compression(), old.map(CommitRecord::published).orElse(Instant.now()),
                old.map(CommitRecord::writer).orElse("adopted by " + ProcessHandle.current().pid()), records,
                old.map(CommitRecord::schema).orElse(List.of()));
        if (old.isPresent() && fs.capabilities().contains(Capability.ATOMIC_RENAME)) {
            var tmp = DiskLayout.staging(layout.record(), UUID.randomUUID().toString().substring(0, 8));
            fs.createExclusive(tmp, record.toJson());
            fs.rename(tmp, layout.record());
        } else {
            if (old.isPresent()) {
                fs.delete(layout.record());
            }
            fs.createExclusive(layout.record(), record.toJson());
        }
    }

    private static FileLock lock(String handleId, DiskLayout layout) throws IOException {
        return layout.fileSystem().tryLock(layout.lock()).orElseThrow(() -> new AlreadyProducedException(
                ErrorCode.CONFLICT, handleId, ErrorLocation.of(layout.spec()), "another writer is writing"));
    }
}
