package org.datahandle.internal.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.datahandle.AlreadyProducedException;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.StorageException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.internal.state.DiskCheck;
import org.datahandle.internal.state.DiskLayout;
import org.datahandle.internal.state.FolderTree;
import org.datahandle.internal.state.StorageCheck;
import org.datahandle.spi.Capability;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;

/**
 * One writer's exclusive hold on a handle's disk, from staging to publish (rules 11, 12, 13).
 *
 * <p>The protocol on file systems with an exclusive lock and atomic rename (local, HDFS):
 * <ol>
 *   <li>take the handle's writer lock, or fail with {@link AlreadyProducedException} — of two
 *       writers, threads or processes, exactly one gets past here;
 *   <li>under the lock, check the disk is not produced, and remove staging files that a crashed
 *       writer left;
 *   <li>the data is written to hidden staging names beside the final ones;
 *   <li>publish: delete any stale files at the final names, then the stale commit record (so that a
 *       crash from here on leaves a part missing, never a mix of old and new), rename every part
 *       into place, then write the commit record last.
 * </ol>
 * A crash before the last rename leaves a part missing, hence not produced; a crash after it leaves
 * complete data, produced even before its record exists. The lock dies with its process.
 *
 * <p>On object stores, which have no rename ({@link Capability#ATOMIC_RENAME} absent), data is
 * written in place: an object becomes visible only when its upload completes. Under the lock, the
 * stale record and stale objects are deleted before the writer gets the final paths; the record is
 * then created last with {@link FileSystem#createExclusive} (a conditional put). While the lock
 * object exists, {@link StorageCheck} reports such a handle as being written, not produced. The
 * store's {@link FileSystem#tryLock} decides how a dead writer's lock expires.
 */
public final class StagedWrite implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StagedWrite.class.getName());

    private final String handleId;
    private final DiskLayout layout;
    private final FileLock lock;
    private final List<Location> targets;
    private final List<Location> staging;
    /** Files at final names that the publish replaces: the targets, plus old partitions for a partitioned write. */
    private final List<Location> stale;
    private final Map<Integer, ChecksumOutputStream> streams = new ConcurrentHashMap<>();
    private final boolean folder;
    private boolean published;
    private boolean closed;

    private StagedWrite(String handleId, DiskLayout layout, FileLock lock, List<Location> targets,
            List<Location> staging, List<Location> stale) {
        this.handleId = handleId;
        this.layout = layout;
        this.lock = lock;
        this.targets = targets;
        this.staging = staging;
        this.stale = stale;
        this.folder = layout.isFolder() && targets.equals(layout.declared());
    }

    /**
     * Takes the writer lock and prepares staging names.
     *
     * @throws AlreadyProducedException if the disk is produced or another writer holds the lock
     */
    public static StagedWrite begin(String handleId, DiskLayout layout) {
        if (layout.hasGlob()) {
            throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.of(layout.spec()),
                    "cannot write to a wildcard path as a whole; list the files explicitly, give disk.partitionBy to"
                    + " write one file per value of a column, or let an external tool fill the folder and read it"
                    + " as input");
        }
        return open(handleId, layout, layout.declared(), false);
    }

    /**
     * Takes the writer lock for a partitioned write to {@code targets}; every file the handle's
     * wildcard matches now is stale and goes at publish, so the published set is exactly the targets.
     *
     * @throws AlreadyProducedException if the disk is produced or another writer holds the lock
     */
    public static StagedWrite begin(String handleId, DiskLayout layout, List<Location> targets) {
        return open(handleId, layout, List.copyOf(targets), true);
    }

    private static StagedWrite open(String handleId, DiskLayout layout, List<Location> targets,
            boolean replacesMatches) {
        FileSystem fs = layout.fileSystem();
        if (layout.isFolder() && inPlace(fs)) {
            throw new UnsupportedFormatException("handle '" + handleId + "': folder path " + layout.spec().path()
                    + " is published with one rename of the folder, which file system '" + layout.spec().fileSystem()
                    + "' cannot do atomically; declare the part files instead, or write the folder with a tool"
                    + " whose committer is atomic there and read it as input");
        }
        if (!fs.capabilities().contains(Capability.EXCLUSIVE_LOCK)) {
            throw new UnsupportedFormatException(handleId, ErrorLocation.of(layout.spec()), "publishing on file system '"
                    + layout.spec().fileSystem() + "' needs an exclusive writer lock, which it lacks");
        }
        FileLock lock;
        try {
            Optional<FileLock> taken = fs.tryLock(layout.lock());
            if (taken.isEmpty()) {
                throw new AlreadyProducedException(ErrorCode.CONFLICT, handleId, ErrorLocation.of(layout.spec()),
                        "another writer is writing (it holds " + layout.lock() + ")");
            }
            lock = taken.get();
        } catch (IOException e) {
            throw io(handleId, "cannot take the writer lock " + layout.lock(), e);
        }
        try {
            DiskCheck check = StorageCheck.check(layout);
            if (check.produced()) {
                throw new AlreadyProducedException(ErrorCode.ALREADY_PRODUCED, handleId,
                        ErrorLocation.of(layout.spec()), "data is already produced; delete it first (deleteDisk) to write it again");
            }
            List<Location> stale = new ArrayList<>(targets);
            if (replacesMatches) {
                layout.expand().forEach(stale::addAll);
            }
            if (!inPlace(fs)) {
                removeLeftovers(fs, targets);
            } else {
                // nothing stale may pass for part of the new data: a crash from here on leaves a part missing
                deleteStale(fs, layout, stale);
            }
            String token = UUID.randomUUID().toString().substring(0, 8);
            List<Location> staging = new ArrayList<>();
            for (Location t : targets) {
                fs.createFolders(t.parent());
                staging.add(inPlace(fs) ? t : DiskLayout.staging(FolderTree.withoutSlash(t), token));
            }
            return new StagedWrite(handleId, layout, lock, targets, List.copyOf(staging), List.copyOf(stale));
        } catch (IOException e) {
            lock.close();
            throw io(handleId, "cannot prepare to write " + layout.spec().path(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Wraps the stream that writes staged file {@code index}, so its CRC32C is known at publish
     * without reading the file back (which on an object store would download it again).
     */
    public OutputStream checksummed(int index, OutputStream out) {
        ChecksumOutputStream stream = new ChecksumOutputStream(out);
        streams.put(index, stream);
        return stream;
    }

    /** Staging locations, one per target, in the spec's order. */
    public List<Location> staging() {
        return staging;
    }

    public List<Location> targets() {
        return targets;
    }

    /**
     * Publishes every staged file and writes the commit record.
     *
     * @param schema the columns, or an empty list when the writer did not say
     * @throws DataHandleException if a staged file is missing; nothing is published then
     */
    public void publish(List<CommitRecord.ColumnRecord> schema) {
        requireOpen();
        FileSystem fs = layout.fileSystem();
        if (folder) {
            publishFolder(fs, schema);
            return;
        }
        try {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < staging.size(); i++) {
                if (fs.stat(staging.get(i)).isEmpty()) {
                    missing.add(staging.get(i).toString() + " (for " + targets.get(i) + ")");
                }
            }
            if (!missing.isEmpty()) {
                throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.UNKNOWN,
                        "nothing was published because staged files are missing: " + String.join(", ", missing));
            }
            List<String> checksums = new ArrayList<>();
            for (int i = 0; i < staging.size(); i++) {
                ChecksumOutputStream written = streams.get(i);
                // files the library wrote were summed on the way out; a tool's files are read once
                checksums.add(written != null && written.isClosed() ? written.crc32c() : crc32c(fs, staging.get(i)));
            }
            if (!inPlace(fs)) {
                deleteStale(fs, layout, stale);
                for (int i = 0; i < staging.size(); i++) {
                    fs.rename(staging.get(i), targets.get(i));
                }
            }
            List<CommitRecord.FileRecord> files = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                FileEntry e = fs.stat(targets.get(i)).orElseThrow(() -> new NoSuchFileException("vanished"));
                files.add(new CommitRecord.FileRecord(e.location().uri(), e.size(), e.modified().toEpochMilli(),
                        checksums.get(i)));
            }
            writeRecord(fs, files, schema);
            published = true;
        } catch (IOException e) {
            throw io(handleId, "publishing " + layout.spec().path() + " failed", e);
        }
    }

    private void writeRecord(FileSystem fs, List<CommitRecord.FileRecord> files, List<CommitRecord.ColumnRecord> schema)
            throws IOException {
        CommitRecord record = new CommitRecord(1, handleId, layout.spec().format(), layout.spec().compression(),
                Instant.now(), writerId(), files, schema);
        if (inPlace(fs)) {
            fs.createExclusive(layout.record(), record.toJson());
        } else {
            Location tmp = DiskLayout.staging(layout.record(), UUID.randomUUID().toString().substring(0, 8));
            fs.createExclusive(tmp, record.toJson());
            fs.rename(tmp, layout.record());
        }
    }

    /**
     * A folder path: the staged folder holds a job's complete output (its committer saw to that), so
     * one rename of the folder publishes every part at once; the record then lists each data file with
     * its size and time. No checksums: reading a distributed job's output back through this one process
     * would cost as much as the job.
     */
    private void publishFolder(FileSystem fs, List<CommitRecord.ColumnRecord> schema) {
        Location staged = staging.get(0);
        Location target = FolderTree.withoutSlash(targets.get(0));
        try {
            if (fs.listTree(staged).isEmpty()) {
                throw new DataHandleException("handle '" + handleId + "': nothing was published because the staged"
                        + " folder " + staged + " is missing or empty (for " + targets.get(0) + ")");
            }
            // whatever sits at the target was not produced (checked under the lock): it goes first, record last
            fs.delete(layout.record());
            FolderTree.delete(fs, target);
            fs.rename(staged, target);
            List<CommitRecord.FileRecord> files = new ArrayList<>();
            for (FileEntry e : FolderTree.dataFiles(fs, targets.get(0))) {
                files.add(new CommitRecord.FileRecord(e.location().uri(), e.size(), e.modified().toEpochMilli(), null));
            }
            if (files.isEmpty()) {
                throw new DataHandleException("handle '" + handleId + "': the staged folder " + staged
                        + " holds no data file (only names starting with '.' or '_'); nothing was published");
            }
            writeRecord(fs, files, schema);
            published = true;
        } catch (IOException e) {
            throw io(handleId, "publishing " + layout.spec().path() + " failed", e);
        }
    }

    /** True when this write publishes one folder (see {@link #publishFolder}). */
    public boolean isFolder() {
        return folder;
    }

    public boolean isPublished() {
        return published;
    }

    /** Removes staged files unless published, and releases the lock. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!published) {
                for (Location s : staging) {
                    try {
                        if (folder) {
                            FolderTree.delete(layout.fileSystem(), s);
                        }
                        layout.fileSystem().delete(s);
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.WARNING, "handle ''{0}'': could not remove staged file {1}: {2}",
                                handleId, s, e.getMessage());
                    }
                }
            }
        } finally {
            lock.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("handle '" + handleId + "': this write is closed");
        }
        if (published) {
            throw new IllegalStateException("handle '" + handleId + "': this write is already published");
        }
    }

    /** True for stores without rename, where data is written at its final name (see the class comment). */
    static boolean inPlace(FileSystem fs) {
        return !fs.capabilities().contains(Capability.ATOMIC_RENAME);
    }

    /**
     * Stale files first, then the stale record: a crash in between leaves a record that no longer
     * matches, so old data can never pass for complete.
     */
    private static void deleteStale(FileSystem fs, DiskLayout layout, List<Location> targets) throws IOException {
        for (Location t : targets) {
            fs.delete(t);
        }
        fs.delete(layout.record());
    }

    /** Staging files of a writer that crashed: safe to remove, since we hold the lock now. */
    private static void removeLeftovers(FileSystem fs, List<Location> targets) throws IOException {
        for (Location t : targets) {
            for (FileEntry e : fs.list(t.parent())) {
                if (DiskLayout.isStagingOf(e.location(), t)) {
                    fs.delete(e.location());
                }
            }
        }
    }

    private static String crc32c(FileSystem fs, Location location) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = fs.openRead(location)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    private static String writerId() {
        String host = System.getenv("HOSTNAME");
        return ProcessHandle.current().pid() + "@" + (host == null || host.isBlank() ? "localhost" : host);
    }

    private static StorageException io(String handleId, String what, IOException e) {
        return new StorageException(handleId, ErrorLocation.UNKNOWN, what, e);
    }
}
