package org.datahandle.internal.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.datahandle.AlreadyProducedException;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.StorageException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.internal.storage.Checksums;
import org.datahandle.internal.storage.CommitRecord;
import org.datahandle.internal.storage.DiskCheck;
import org.datahandle.internal.storage.DiskLayout;
import org.datahandle.internal.storage.FolderTree;
import org.datahandle.internal.storage.StorageCheck;
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
    private final Map<Integer, SummedStream> streams = new ConcurrentHashMap<>();
    /** Sidecar files codecs asked for (final location to staging location), published with the parts. */
    private final Map<Location, Location> sidecars = new ConcurrentHashMap<>();
    private final java.util.Set<String> sidecarSuffixes = ConcurrentHashMap.newKeySet();
    private final String token;
    private final boolean folder;
    private boolean published;
    private boolean closed;
    /** The record under its staging name while a publish is under way; removed on close if still there. */
    private Location stagedRecord;

    private StagedWrite(String handleId, DiskLayout layout, FileLock lock, List<Location> targets,
            List<Location> staging, List<Location> stale, String token) {
        this.handleId = handleId;
        this.token = token;
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
            throw new UnsupportedFormatException(handleId, ErrorLocation.of(layout.spec()), "a folder path"
                    + " is published with one rename of the folder, which file system '" + layout.spec().fileSystem()
                    + "' cannot do atomically; declare the part files instead, or write the folder with a tool"
                    + " whose committer is atomic there and read it as input");
        }
        if (!fs.capabilities().contains(Capability.EXCLUSIVE_LOCK)) {
            throw new UnsupportedFormatException(handleId, ErrorLocation.of(layout.spec()), "publishing on file system '"
                    + layout.spec().fileSystem() + "' needs an exclusive writer lock, which it lacks");
        }
        // the handle's lock, and one beside every file it will publish
        List<Location> lockNames = new ArrayList<>();
        lockNames.add(layout.lock());
        for (Location t : targets) {
            Location l = DiskLayout.lockFor(t);
            if (!lockNames.contains(l)) {
                lockNames.add(l);
            }
        }
        FileLock lock = lockAll(handleId, layout, fs, lockNames);
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
                List<Location> named = new ArrayList<>(targets);
                named.add(layout.record());
                removeLeftovers(fs, named);
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
            return new StagedWrite(handleId, layout, lock, targets, List.copyOf(staging), List.copyOf(stale), token);
        } catch (IOException e) {
            lock.close();
            throw io(handleId, "cannot prepare to write " + layout.spec().path(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Every lock or none: a lock another writer holds releases those already taken.
     *
     * @throws AlreadyProducedException if another writer holds one of them
     */
    public static FileLock lockAll(String handleId, DiskLayout layout, FileSystem fs, List<Location> names) {
        List<FileLock> taken = new ArrayList<>();
        FileLock all = () -> {
            for (int i = taken.size() - 1; i >= 0; i--) {
                taken.get(i).close();
            }
        };
        try {
            for (Location name : names) {
                Optional<FileLock> l = fs.tryLock(name);
                if (l.isEmpty()) {
                    all.close();
                    throw new AlreadyProducedException(ErrorCode.CONFLICT, handleId, ErrorLocation.of(layout.spec()),
                            "another writer is writing (it holds " + name + ")");
                }
                taken.add(l.get());
            }
            return all;
        } catch (IOException e) {
            all.close();
            throw io(handleId, "cannot take the writer lock " + layout.lock(), e);
        } catch (RuntimeException e) {
            if (!(e instanceof AlreadyProducedException)) {
                all.close();
            }
            throw e;
        }
    }

    /**
     * Wraps the stream that writes staged file {@code index}, so its CRC32C is known at publish
     * without reading the file back (which on an object store would download it again).
     */
    public OutputStream checksummed(int index, OutputStream out) {
        SummedStream stream = new SummedStream(out);
        streams.put(index, stream);
        return stream;
    }

    /**
     * Where a codec writes a sidecar of target {@code index} (its name plus {@code suffix}, e.g. an
     * index {@code .tbi}): staged beside the part, renamed into place with it, listed in the record.
     *
     * @throws IllegalStateException if that sidecar was already asked for
     */
    public Location sidecar(int index, String suffix) {
        requireOpen();
        Location target = targets.get(index);
        Location finalName = target.sibling(target.fileName() + suffix);
        Location stagingName = inPlace(layout.fileSystem()) ? finalName : DiskLayout.sidecarStaging(target, suffix, token);
        sidecarSuffixes.add(suffix);
        if (sidecars.putIfAbsent(finalName, stagingName) != null) {
            throw new IllegalStateException("handle '" + handleId + "': sidecar " + finalName + " is already written");
        }
        return stagingName;
    }

    /** Staging locations, one per target, in the spec's order. */
    public List<Location> staging() {
        return staging;
    }

    public List<Location> targets() {
        return targets;
    }

    /**
     * Publishes every staged file and writes the commit record, all or nothing: the record is
     * written (under a staging name) before anything at the final names is touched, so a record
     * that cannot be written (no space, no inode) fails the write while the handle is exactly as it
     * was; a rename that fails half way takes back the parts already in place. A retry succeeds once
     * the cause is gone.
     *
     * @param schema the columns, or an empty list when the writer did not say
     * @throws DataHandleException if a staged file is missing; nothing is published then
     * @throws StorageException if storage fails; nothing is published then
     */
    public void publish(List<CommitRecord.ColumnRecord> schema) {
        requireOpen();
        FileSystem fs = layout.fileSystem();
        if (folder) {
            publishFolder(fs, schema);
            return;
        }
        List<Location> placed = new ArrayList<>();
        try {
            List<String> missing = new ArrayList<>();
            List<FileEntry> entries = new ArrayList<>();
            for (int i = 0; i < staging.size(); i++) {
                Optional<FileEntry> e = fs.stat(staging.get(i));
                if (e.isEmpty()) {
                    missing.add(staging.get(i).toString() + " (for " + targets.get(i) + ")");
                } else {
                    entries.add(e.get());
                }
            }
            List<Map.Entry<Location, Location>> sides = new ArrayList<>(sidecars.entrySet());
            sides.sort(java.util.Comparator.comparing(e -> e.getKey().toString()));
            for (Map.Entry<Location, Location> side : sides) {
                if (fs.stat(side.getValue()).isEmpty()) {
                    missing.add(side.getValue() + " (for " + side.getKey() + ")");
                }
            }
            if (!missing.isEmpty()) {
                throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.UNKNOWN,
                        "nothing was published because staged files are missing: " + String.join(", ", missing));
            }
            List<CommitRecord.FileRecord> sideRecords = new ArrayList<>();
            for (Map.Entry<Location, Location> side : sides) {
                // a rename keeps size and modification time, so the staged sidecar's are the published one's
                FileEntry e = fs.stat(side.getValue()).orElseThrow(() -> new java.nio.file.NoSuchFileException(
                        side.getValue().toString()));
                sideRecords.add(new CommitRecord.FileRecord(CommitRecord.FileRecord.name(layout.record(), side.getKey()),
                        e.size(), e.modified().toEpochMilli(), Checksums.crc32c(fs, side.getValue())));
            }
            List<CommitRecord.FileRecord> files = new ArrayList<>();
            for (int i = 0; i < staging.size(); i++) {
                SummedStream written = streams.get(i);
                // files the library wrote were summed on the way out; a tool's files are read once
                String checksum = written != null && written.isClosed() ? Checksums.hex(written.getChecksum()) : Checksums.crc32c(fs, staging.get(i));
                // a rename keeps size and modification time, so the staged file's are the published file's
                FileEntry e = entries.get(i);
                files.add(new CommitRecord.FileRecord(CommitRecord.FileRecord.name(layout.record(), targets.get(i)),
                        e.size(), e.modified().toEpochMilli(), checksum));
            }
            CommitRecord record = new CommitRecord(CommitRecord.VERSION, handleId, layout.spec().format(),
                    layout.spec().compression(), Instant.now(), writerId(), files, schema, sideRecords);
            if (inPlace(fs)) {
                placed.addAll(targets); // already at their final names; taken back if the record fails
                sides.forEach(side -> placed.add(side.getKey()));
                fs.createExclusive(layout.record(), record.toJson());
            } else {
                // the record first, under a staging name: if it cannot be written, nothing has moved yet
                stagedRecord = DiskLayout.staging(layout.record(), UUID.randomUUID().toString().substring(0, 8));
                fs.createExclusive(stagedRecord, record.toJson());
                deleteStale(fs, layout, stale);
                for (Map.Entry<Location, Location> side : sides) {
                    fs.delete(side.getKey());
                }
                // the sidecars of replaced files (an old partition's index) go with them
                for (Location old : stale) {
                    for (String suffix : sidecarSuffixes) {
                        fs.delete(old.sibling(old.fileName() + suffix));
                    }
                }
                // sidecars first: the data's last rename stays the moment the data is complete, so a
                // crash never leaves published data without the index it was written with
                for (Map.Entry<Location, Location> side : sides) {
                    fs.rename(side.getValue(), side.getKey());
                }
                for (int i = 0; i < staging.size(); i++) {
                    fs.rename(staging.get(i), targets.get(i));
                    placed.add(targets.get(i));
                }
                fs.rename(stagedRecord, layout.record());
                stagedRecord = null;
            }
            published = true;
        } catch (IOException e) {
            StorageException failure = io(handleId, "publishing " + layout.spec().path()
                    + " failed; nothing was published", e);
            takeBack(fs, placed, failure);
            throw failure;
        } catch (RuntimeException e) {
            takeBack(fs, placed, e);
            throw e;
        }
    }

    /**
     * After a failed publish, removes the parts already at their final names, so the handle reads
     * as it did before the write: not produced, nothing at the final names.
     */
    private void takeBack(FileSystem fs, List<Location> placed, Exception failure) {
        for (Location l : placed) {
            try {
                fs.delete(l);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private void writeRecord(FileSystem fs, List<CommitRecord.FileRecord> files, List<CommitRecord.ColumnRecord> schema,
            List<CommitRecord.FileRecord> sidecarFiles) throws IOException {
        CommitRecord record = new CommitRecord(CommitRecord.VERSION, handleId, layout.spec().format(),
                layout.spec().compression(), Instant.now(), writerId(), files, schema, sidecarFiles);
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
                throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.of(targets.get(0)),
                        "nothing was published because the staged folder " + staged + " is missing or empty");
            }
            // whatever sits at the target was not produced (checked under the lock): it goes first, record last
            fs.delete(layout.record());
            FolderTree.delete(fs, target);
            fs.rename(staged, target);
            List<CommitRecord.FileRecord> files = new ArrayList<>();
            for (FileEntry e : FolderTree.dataFiles(fs, targets.get(0))) {
                files.add(new CommitRecord.FileRecord(CommitRecord.FileRecord.name(layout.record(), e.location()),
                        e.size(), e.modified().toEpochMilli(), null));
            }
            if (files.isEmpty()) {
                throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.of(targets.get(0)),
                        "the staged folder " + staged + " holds no data file (only names starting with '.' or '_'); nothing was published");
            }
            writeRecord(fs, files, schema, List.of());
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
                List<Location> leftovers = new ArrayList<>(staging);
                if (!inPlace(layout.fileSystem())) {
                    leftovers.addAll(sidecars.values());
                }
                if (stagedRecord != null) {
                    leftovers.add(stagedRecord);
                }
                for (Location s : leftovers) {
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

    private static String writerId() {
        String host = System.getenv("HOSTNAME");
        return ProcessHandle.current().pid() + "@" + (host == null || host.isBlank() ? "localhost" : host);
    }

    private static StorageException io(String handleId, String what, IOException e) {
        return new StorageException(handleId, ErrorLocation.UNKNOWN, what, e);
    }

    /**
     * A staged file's stream, summed by the JDK's {@link CheckedOutputStream}; the sum counts only
     * once the stream is closed, since a stream left open may not have written everything.
     */
    private static final class SummedStream extends CheckedOutputStream {
        private volatile boolean closed;

        SummedStream(OutputStream out) {
            super(out, new CRC32C());
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                super.close();
                closed = true;
            }
        }

        boolean isClosed() {
            return closed;
        }
    }
}
