package org.datahandle.fs.local;

import static java.util.Objects.requireNonNull;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.StorageException;
import org.datahandle.spi.Capability;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.spi.SeekableInput;

/**
 * {@code shm:} locations as files under one private folder of the machine's shared memory
 * ({@code shm:///a/b.arrow} is {@code <folder>/a/b.arrow}). Every operation is the local file system's on
 * the mapped path, so publishing follows the same lock, stage, rename and commit-record steps as local
 * disk, with the same guarantees.
 *
 * <p>What is special about shared memory:
 * <ul>
 *   <li>It is RAM: writes are checked against the free space (and the optional quota) as they go, and
 *       fail with a message naming the bytes needed and the container setting that limits shared memory.
 *       Data is written with {@code write(2)}, never through a mapping, so a full tmpfs is an
 *       {@code IOException} here, not a SIGBUS; published files are never truncated or rewritten (a rename
 *       replaces a name, a mapped inode lives on), so no reader's mapping can fault either.
 *   <li>Staging files of writers that died are swept when the file system is opened, so a crash does not
 *       leave memory taken until the next write of that handle.
 * </ul>
 */
final class SharedMemoryFileSystem implements FileSystem {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    /** Free space is asked again after this many bytes, so a long write notices other writers filling memory. */
    static final long CHECK_EVERY = 16L << 20;
    /** What the message tells the user to change. */
    static final String HOW_TO_GROW = "shared memory is limited by the machine or container: docker run "
            + "--shm-size=<size>, Kubernetes an emptyDir volume with medium: Memory and a sizeLimit mounted at "
            + "/dev/shm, or the tmpfs size of /dev/shm on the host; or set the shm.limit quota higher";

    private final LocalFileSystem local = new LocalFileSystem();
    private final Path root;
    private final FileStore store;
    private final OptionalLong limit;
    private final FreeSpace freeSpace;

    /** How many bytes may still be written to the shared memory; the file store's usable space, or a test's. */
    interface FreeSpace {
        long bytes() throws IOException;
    }

    private SharedMemoryFileSystem(Path root, FileStore store, OptionalLong limit, FreeSpace freeSpace) {
        this.root = root;
        this.store = store;
        this.limit = limit;
        this.freeSpace = freeSpace == null ? store::getUsableSpace : freeSpace;
    }

    /**
     * Opens the folder, creating it with mode 0700 if needed, and sweeps dead writers' staging files.
     *
     * @throws DataHandleException when the folder is not a private folder of this user
     */
    static SharedMemoryFileSystem open(Path root, OptionalLong limit) {
        return open(root, limit, null);
    }

    /** As {@link #open(Path, OptionalLong)}, with the free space told by {@code freeSpace} (tests). */
    static SharedMemoryFileSystem open(Path root, OptionalLong limit, FreeSpace freeSpace) {
        try {
            Path parent = root.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw misconfigured(parent, "the shared memory folder's parent does not exist on this machine"
                        + " (is this Linux?); set the file-system option " + SharedMemoryFileSystemFactory.DIRECTORY
                        + " or the environment variable " + SharedMemoryFileSystemFactory.DIRECTORY_ENV
                        + " to a folder on a tmpfs");
            }
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PRIVATE));
                } catch (FileAlreadyExistsException e) {
                    // another process made it meanwhile; checked below like any existing folder
                }
            }
            checkPrivate(root);
            SharedMemoryFileSystem fs = new SharedMemoryFileSystem(root, Files.getFileStore(root), limit, freeSpace);
            ShmSweep.sweep(fs.local, root);
            return fs;
        } catch (IOException e) {
            throw new StorageException("cannot open the shared memory folder " + root, e);
        }
    }

    /**
     * The folder must be a real folder (not a link someone planted), owned by this user, readable by no one
     * else: files in it are other processes' inputs.
     */
    private static void checkPrivate(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw misconfigured(root, "chosen as the shared memory folder, but it is a file or a symbolic "
                    + "link); remove it or choose another with " + SharedMemoryFileSystemFactory.DIRECTORY);
        }
        String owner = Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).getName();
        String me = System.getProperty("user.name");
        if (me != null && !owner.equals(me)) {
            throw misconfigured(root, "the shared memory folder belongs to " + owner + ", not to "
                    + me + "; choose another with " + SharedMemoryFileSystemFactory.DIRECTORY);
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(root, LinkOption.NOFOLLOW_LINKS);
        if (!permissions.equals(PRIVATE)) {
            Files.setPosixFilePermissions(root, EnumSet.copyOf(PRIVATE));
        }
    }

    /** A folder the user must fix in configuration: not a storage failure that a retry could cure. */
    private static DataHandleException misconfigured(Path folder, String problem) {
        return new DataHandleException(ErrorCode.CONFIGURATION, null, ErrorLocation.of(folder.toString()), problem);
    }

    /** The folder holding the files. */
    Path root() {
        return root;
    }

    @Override
    public Set<Capability> capabilities() {
        return local.capabilities();
    }

    @Override
    public Optional<FileEntry> stat(Location location) throws IOException {
        try {
            return local.stat(toLocal(location)).map(e -> new FileEntry(location, e.size(), e.modified()));
        } catch (IOException e) {
            throw named(e, location, null);
        }
    }

    @Override
    public List<FileEntry> list(Location folder) throws IOException {
        List<FileEntry> result = new ArrayList<>();
        List<FileEntry> entries;
        try {
            entries = local.list(toLocal(folder));
        } catch (IOException e) {
            throw named(e, folder, null);
        }
        for (FileEntry e : entries) {
            result.add(new FileEntry(folder.child(e.location().fileName()), e.size(), e.modified()));
        }
        return List.copyOf(result);
    }

    @Override
    public List<FileEntry> listTree(Location folder) throws IOException {
        Location localFolder = toLocal(folder);
        String root = localFolder.uri().getPath().endsWith("/") ? localFolder.uri().getPath()
                : localFolder.uri().getPath() + "/";
        List<FileEntry> entries;
        try {
            entries = local.listTree(localFolder);
        } catch (IOException e) {
            throw named(e, folder, null);
        }
        List<FileEntry> result = new ArrayList<>();
        for (FileEntry e : entries) {
            Location child = folder;
            for (String segment : e.location().uri().getPath().substring(root.length()).split("/")) {
                child = child.child(segment);
            }
            result.add(new FileEntry(child, e.size(), e.modified()));
        }
        return List.copyOf(result);
    }

    @Override
    public InputStream openRead(Location location) throws IOException {
        try {
            return local.openRead(toLocal(location));
        } catch (IOException e) {
            throw named(e, location, null);
        }
    }

    @Override
    public SeekableInput openSeekable(Location location) throws IOException {
        try {
            return local.openSeekable(toLocal(location));
        } catch (IOException e) {
            throw named(e, location, null);
        }
    }

    /** A stream that checks free space and the quota as it writes (see the class comment). */
    @Override
    public OutputStream create(Location location) throws IOException {
        Location file = toLocal(location);
        long used = limit.isPresent() ? usage() : 0;
        ensureSpace(location, 0, 1, used);
        try {
            return new SpaceCheckedStream(location, local.create(file), used);
        } catch (IOException e) {
            throw named(e, location, null);
        }
    }

    @Override
    public void createExclusive(Location location, byte[] content) throws IOException {
        ensureSpace(location, 0, content.length, limit.isPresent() ? usage() : 0);
        try {
            local.createExclusive(toLocal(location), content);
        } catch (IOException e) {
            throw named(e, location, null);
        }
    }

    @Override
    public void rename(Location source, Location target) throws IOException {
        try {
            local.rename(toLocal(source), toLocal(target));
        } catch (IOException e) {
            throw named(e, source, target);
        }
    }

    @Override
    public boolean delete(Location location) throws IOException {
        try {
            return local.delete(toLocal(location));
        } catch (IOException e) {
            throw named(e, location, null);
        }
    }

    @Override
    public Optional<FileLock> tryLock(Location location) throws IOException {
        try {
            return local.tryLock(toLocal(location));
        } catch (IOException e) {
            throw named(e, location, null);
        }
    }

    @Override
    public void createFolders(Location folder) throws IOException {
        try {
            local.createFolders(toLocal(folder));
        } catch (IOException e) {
            throw named(e, folder, null);
        }
    }

    /**
     * The same failure, naming the {@code shm:} location the caller knows rather than only the file under the
     * folder; the exception's type is kept, since callers tell a missing file from other failures by it.
     */
    private IOException named(IOException e, Location location, Location other) {
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : e.getMessage();
        String file = location.toString();
        String second = other == null ? null : other.toString();
        IOException named;
        if (e instanceof NoSuchFileException) {
            named = new NoSuchFileException(file, second, reason);
        } else if (e instanceof FileAlreadyExistsException) {
            named = new FileAlreadyExistsException(file, second, reason);
        } else if (e instanceof DirectoryNotEmptyException) {
            named = new DirectoryNotEmptyException(file);
        } else if (e instanceof AccessDeniedException) {
            named = new AccessDeniedException(file, second, reason);
        } else if (e instanceof FileSystemException) {
            named = new FileSystemException(file, second, reason);
        } else if (e instanceof ShmSpaceException) {
            return e;
        } else {
            named = new IOException(file + ": " + e.getMessage());
        }
        named.initCause(e);
        return named;
    }

    /** The file under the shared memory folder, which another process maps. */
    @Override
    public Optional<Path> localPath(Location location) {
        return Optional.of(path(location));
    }

    private Location toLocal(Location location) {
        return Location.of(path(location));
    }

    private Path path(Location location) {
        requireNonNull(location, "location is null");
        if (!"shm".equals(location.scheme())) {
            throw new IllegalArgumentException("the shm file system serves shm: locations, not " + location);
        }
        String host = location.uri().getHost();
        if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
            throw new IllegalArgumentException("shm: locations are on this machine; write shm:///name, not "
                    + location);
        }
        // Location normalises "..", so a path cannot climb out of the folder.
        Path p = root.resolve(location.path().substring(1)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("shm location " + location + " is outside the shared memory folder");
        }
        return p;
    }

    /** Bytes taken by every file under the folder now. */
    private long usage() throws IOException {
        try (var files = Files.walk(root)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted while we walked
                }
            }).sum();
        }
    }

    /**
     * Fails when {@code more} bytes after {@code written} would not fit the free shared memory or the quota;
     * otherwise returns how many bytes from {@code written} on fit both now.
     *
     * @param used bytes of other files under the folder, for the quota
     */
    private long ensureSpace(Location location, long written, long more, long used) throws IOException {
        long free = freeSpace.bytes();
        if (free < more) {
            throw new ShmSpaceException(location + ": shared memory is full: writing it needs at least "
                    + (written + more) + " bytes (" + mib(written + more) + "), " + mib(written)
                    + " written so far and " + mib(free) + " free in " + root + " (" + mib(store.getTotalSpace())
                    + " in all); " + HOW_TO_GROW);
        }
        if (limit.isPresent() && used + written + more > limit.getAsLong()) {
            throw new ShmSpaceException(location + ": the shm.limit quota of " + limit.getAsLong() + " bytes ("
                    + mib(limit.getAsLong()) + ") would be exceeded: writing it needs at least " + (written + more)
                    + " bytes and other files in " + root + " take " + used + "; delete some (deleteDisk) or raise "
                    + "shm.limit");
        }
        return limit.isPresent() ? Math.min(free, limit.getAsLong() - used - written) : free;
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** The failure of a write that shared memory or the quota cannot hold. */
    static final class ShmSpaceException extends IOException {
        private static final long serialVersionUID = 1L;

        ShmSpaceException(String message) {
            super(message);
        }
    }

    /** Asks for free space before the first byte and every {@link #CHECK_EVERY} bytes after. */
    private final class SpaceCheckedStream extends FilterOutputStream {
        private final Location location;
        private final long used;
        private long written;
        private long checkedUpTo;

        SpaceCheckedStream(Location location, OutputStream out, long used) {
            super(out);
            this.location = location;
            this.used = used;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            if (written + length > checkedUpTo) {
                long fits = ensureSpace(location, written, length, used);
                // write on without asking again while what was free then still covers it
                checkedUpTo = written + Math.min(fits, Math.max(length, CHECK_EVERY));
            }
            try {
                out.write(buffer, offset, length);
            } catch (IOException e) {
                throw filledUp(e);
            }
            written += length;
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw filledUp(e);
            }
        }

        // the file's last blocks are written by the time close returns: a full memory may show only then
        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw filledUp(e);
            }
        }

        /** Another process filled the memory since the last check: said as the quota's failure is. */
        private IOException filledUp(IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                return e;
            }
            ShmSpaceException full = new ShmSpaceException(location + ": shared memory filled up after "
                    + written + " bytes were handed to it (" + e.getMessage() + "); " + HOW_TO_GROW);
            full.initCause(e);
            return full;
        }
    }
}
