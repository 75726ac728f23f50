package org.datahandle.internal.state;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.datahandle.AlreadyProducedException;
import org.datahandle.DataHandleException;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.HandleState.DiskState;
import org.datahandle.NotProducedException;
import org.datahandle.StorageException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.internal.publish.StagedWrite;
import org.datahandle.internal.storage.CommitRecord;
import org.datahandle.internal.storage.DiskCheck;
import org.datahandle.internal.storage.DiskLayout;
import org.datahandle.internal.storage.DiskOptions;
import org.datahandle.internal.storage.DiskSource;
import org.datahandle.internal.storage.FolderTree;
import org.datahandle.internal.storage.StorageCheck;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.Registry;
import org.datahandle.spi.WriteTarget;

/**
 * The disk interface of one handle: its produced state, which storage decides (rules 3, 13, 14),
 * plus {@code WRITING} while a writer of this process holds it.
 *
 * <p>Transitions: {@code NOT_PRODUCED -> WRITING} ({@link #beginWrite}), {@code WRITING -> PRODUCED}
 * (publish) or {@code -> NOT_PRODUCED} (abandon), {@code PRODUCED -> NOT_PRODUCED} ({@link #delete}).
 * Anything else is refused with {@link AlreadyProducedException} or {@link NotProducedException}.
 */
public final class DiskCell {
    private static final System.Logger LOG = System.getLogger(DiskCell.class.getName());

    private final String handleId;
    private final DiskSpec spec;
    private final Supplier<FileSystem> fileSystem;
    private final Registry registry;
    private final PathClaims claims;
    /** The catalog's threads, for codecs and decoders that read in parallel. */
    private final Executor executor;
    private final AtomicReference<StagedWrite> writer = new AtomicReference<>();
    private volatile DiskLayout layout;

    /**
     * @param fileSystem supplies the handle's file system on first use, so a handle that is never
     *     touched never starts its file system (no Hadoop class for an unused HDFS handle)
     */
    public DiskCell(String handleId, DiskSpec spec, Supplier<FileSystem> fileSystem, Registry registry,
            Executor executor, PathClaims claims) {
        this.claims = requireNonNull(claims, "claims is null");
        this.handleId = requireNonNull(handleId, "handleId is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    public DiskSpec spec() {
        return spec;
    }

    public DiskLayout layout() {
        DiskLayout l = layout;
        if (l == null) {
            l = new DiskLayout(spec, fileSystem.get());
            layout = l;
        }
        return l;
    }

    /** The state now: {@code WRITING} if this process is writing, else what storage says. */
    public DiskState state() {
        if (writer.get() != null) {
            return DiskState.WRITING;
        }
        return check().produced() ? DiskState.PRODUCED : DiskState.NOT_PRODUCED;
    }

    /** Asks storage; warns when published files were changed behind the library's back. */
    public DiskCheck check() {
        try {
            DiskCheck c = StorageCheck.check(layout());
            if (c.recordMismatch()) {
                LOG.log(System.Logger.Level.WARNING, "handle ''{0}'' is not produced: {1}", handleId,
                        c.problem().orElse(""));
            }
            return c;
        } catch (IOException e) {
            throw new StorageException(handleId, ErrorLocation.of(spec), "cannot check", e);
        }
    }

    /** Like {@link #check()}, reading every file to compare its CRC32C with the commit record. */
    public DiskCheck deepCheck() {
        try {
            return StorageCheck.check(layout(), true);
        } catch (IOException e) {
            throw new StorageException(handleId, ErrorLocation.of(spec), "cannot verify", e);
        }
    }

    /**
     * The files of produced data (and what the record says of each), for D2M, streaming and D2O.
     *
     * @throws NotProducedException if the disk is not produced, saying why
     */
    public DiskCheck requireProduced() {
        if (writer.get() != null) {
            throw new NotProducedException(handleId, ErrorLocation.of(spec), "disk is being written by this process");
        }
        DiskCheck c = check();
        if (!c.produced()) {
            throw new NotProducedException(handleId, ErrorLocation.of(spec),
                    "disk is not produced: " + c.problem().orElse("no data"));
        }
        return c;
    }

    /**
     * Decompressing, sniffing sources over the files of a produced disk; files that a commit record
     * vouches for are checked against it as they are read.
     */
    public List<ReadSource> sources(DiskCheck produced) {
        List<ReadSource> sources = new ArrayList<>();
        for (FileEntry f : produced.files()) {
            sources.add(new DiskSource(handleId, f.location(), f.size(), layout(), registry,
                    produced.recorded().get(f.location()), executor));
        }
        return sources;
    }

    /**
     * {@code NOT_PRODUCED -> WRITING}: takes the writer lock. End with {@link #endWrite}.
     *
     * @throws AlreadyProducedException if produced, or another writer (here or elsewhere) holds it
     */
    public StagedWrite beginWrite() {
        if (spec.isPartitioned() && !layout().isFolder()) {
            throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.of(spec),
                    "the handle is partitioned by '" + spec.partitionBy().orElseThrow() + "': write() makes one file per value; streaming sinks and"
                    + " external tools need a handle with explicit paths");
        }
        refuseOthersFiles(layout().declared());
        StagedWrite w = StagedWrite.begin(handleId, layout());
        if (!writer.compareAndSet(null, w)) {
            w.close(); // unreachable in practice: the file lock already excludes a second writer here
            throw new AlreadyProducedException(ErrorCode.CONFLICT, handleId, ErrorLocation.of(spec),
                    "another writer is writing");
        }
        return w;
    }

    /**
     * {@code NOT_PRODUCED -> WRITING} for a partitioned handle: one target per partition value, the
     * {@code *} of the path replaced by the value.
     */
    public StagedWrite beginPartitionedWrite(List<String> values) {
        DiskPath template = spec.pathList().get(0);
        Location pattern = Location.of(template.path());
        String name = pattern.fileName();
        List<Location> targets = new ArrayList<>();
        for (String v : values) {
            targets.add(pattern.sibling(name.replace("*", v)));
        }
        refuseOthersFiles(targets);
        StagedWrite w = StagedWrite.begin(handleId, layout(), targets);
        if (!writer.compareAndSet(null, w)) {
            w.close();
            throw new AlreadyProducedException(ErrorCode.CONFLICT, handleId, ErrorLocation.of(spec),
                    "another writer is writing");
        }
        return w;
    }

    /** Before anything is touched: a write never publishes a file that another handle owns. */
    private void refuseOthersFiles(List<Location> targets) {
        Optional<String> conflict = claims.conflict(handleId, targets);
        if (conflict.isPresent()) {
            throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.of(spec),
                    "nothing was written: " + conflict.get());
        }
    }

    /** {@code WRITING -> PRODUCED | NOT_PRODUCED}: closes the write (removing unpublished staging files). */
    public void endWrite(StagedWrite w) {
        try {
            w.close();
        } finally {
            writer.compareAndSet(w, null);
        }
    }

    /** Where a codec writes staged file {@code index} of {@code w}, compressed as the spec says. */
    public WriteTarget target(StagedWrite w, int index) {
        Location staging = w.staging().get(index);
        Location target = w.targets().get(index);
        Optional<CompressionCodec> compression = compressionForWrite();
        FileSystem fs = layout().fileSystem();
        return new WriteTarget() {
            @Override
            public String handleId() {
                return handleId;
            }

            @Override
            public Location location() {
                return target;
            }

            @Override
            public OutputStream open() throws IOException {
                // the checksum is taken on the bytes as they go out, so publishing need not read them back
                OutputStream out = w.checksummed(index, fs.create(staging));
                return compression.isPresent()
                        ? compression.get().compress(out, DiskOptions.forCompression(spec, registry)) : out;
            }

            @Override
            public Optional<OutputStream> openSidecar(String suffix) throws IOException {
                return Optional.of(fs.create(w.sidecar(index, suffix)));
            }

            @Override
            public Optional<Executor> executor() {
                return Optional.of(executor);
            }
        };
    }

    private Optional<CompressionCodec> compressionForWrite() {
        if (spec.compression().equals("none")) {
            return Optional.empty();
        }
        return Optional.of(registry.compression(spec.compression()).orElseThrow(() -> new UnsupportedFormatException(
                handleId, ErrorLocation.of(spec), "compression '" + spec.compression() + "' is not registered")));
    }

    /**
     * {@code PRODUCED -> NOT_PRODUCED}: deletes every data file, the commit record and leftover
     * staging files, under the writer lock so no writer is mid-publish.
     *
     * @throws AlreadyProducedException if another writer holds the handle
     */
    public void delete() {
        FileSystem fs = layout().fileSystem();
        try {
            List<Location> lockNames = new ArrayList<>();
            lockNames.add(layout().lock());
            // a folder (a job's output) is guarded by its handle's lock alone: no lock files among its parts
            for (List<Location> part : layout().isFolder() ? List.<List<Location>>of() : layout().expand()) {
                for (Location l : part) {
                    lockNames.add(DiskLayout.lockFor(l));
                }
            }
            FileLock lock;
            try {
                lock = StagedWrite.lockAll(handleId, layout(), fs, lockNames.stream().distinct().toList());
            } catch (AlreadyProducedException e) {
                throw new AlreadyProducedException(ErrorCode.CONFLICT, handleId, ErrorLocation.of(spec),
                        "cannot delete while another writer is writing it");
            }
            try {
                Optional<org.datahandle.internal.storage.CommitRecord> record = StorageCheck.readRecord(layout());
                List<Location> sidecars = new ArrayList<>();
                record.ifPresent(r -> r.sidecars().forEach(f -> sidecars.add(f.resolve(layout().record()))));
                // the record goes first: from then on the files are just files, never "published" data
                fs.delete(layout().record());
                for (Location l : sidecars) {
                    fs.delete(l);
                }
                if (layout().isFolder()) {
                    FolderTree.delete(fs, FolderTree.withoutSlash(layout().declared().get(0)));
                    return;
                }
                if (record.isPresent()) {
                    // recorded files a wildcard skips (a partition named '.x' or '_x') go too
                    List<Location> folders = layout().declared().stream().map(Location::parent).toList();
                    for (var r : record.get().files()) {
                        Location at = r.resolve(layout().record());
                        if (folders.contains(at.parent())) {
                            fs.delete(at);
                        }
                    }
                }
                for (List<Location> part : layout().expand()) {
                    for (Location l : part) {
                        fs.delete(l);
                    }
                }
                List<Location> named = new ArrayList<>(layout().declared());
                named.add(layout().record()); // a record staged by a publish that crashed
                for (Location t : named) {
                    if (!layout().hasGlob() || t.equals(layout().record())) {
                        for (FileEntry e : fs.list(t.parent())) {
                            if (DiskLayout.isStagingOf(e.location(), t)) {
                                fs.delete(e.location());
                            }
                        }
                    }
                }
            } finally {
                lock.close();
            }
        } catch (IOException e) {
            throw new StorageException(handleId, ErrorLocation.of(spec), "cannot delete", e);
        }
    }
}
