package org.datahandle.fs.local;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.datahandle.spi.Capability;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.spi.SeekableInput;

/**
 * {@code file:} locations through {@code java.nio}. Stateless apart from the process-wide lock
 * table, so one instance may serve any number of threads.
 */
final class LocalFileSystem implements FileSystem {
    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(
            Capability.ATOMIC_RENAME, Capability.EXCLUSIVE_LOCK, Capability.EXCLUSIVE_CREATE, Capability.SEEKABLE));

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** Follows symbolic links: a link to a file is that file. */
    @Override
    public Optional<FileEntry> stat(Location location) throws IOException {
        Path path = path(location);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (attributes.isOther()) {
            // a FIFO or a device would block a reader or never end: say so now, not as a hang later
            throw new FileSystemException(path.toString(), null, "is not a regular file (a FIFO, a device or a"
                    + " socket); DataHandle reads and writes regular files only");
        }
        if (!attributes.isRegularFile()) {
            return Optional.empty();
        }
        return Optional.of(new FileEntry(location, attributes.size(), attributes.lastModifiedTime().toInstant()));
    }

    /**
     * The regular files directly in the folder. A missing folder, or a file where the folder should
     * be, gives an empty list, as a blob store's empty prefix does.
     */
    @Override
    public List<FileEntry> list(Location folder) throws IOException {
        Path path = path(folder);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        List<FileEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (Files.isRegularFile(child)) { // FIFOs, devices and sockets are never data
                    stat(folder.child(name)).ifPresent(entries::add);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of(); // the folder went away between the check and the listing
        }
        entries.sort(Comparator.comparing(entry -> entry.location().fileName()));
        return List.copyOf(entries);
    }

    /** Regular files at any depth; symbolic links to folders are not followed. */
    @Override
    public List<FileEntry> listTree(Location folder) throws IOException {
        Path root = path(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<FileEntry> entries = new ArrayList<>();
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                Location child = folder;
                for (Path segment : root.relativize(p)) {
                    child = child.child(segment.toString());
                }
                stat(child).ifPresent(entries::add);
            }
        } catch (NoSuchFileException | java.io.UncheckedIOException e) {
            // a part vanished during the walk: report what is there now
            return listTreeAgain(folder, root);
        }
        entries.sort(Comparator.comparing(entry -> entry.location().uri().getPath()));
        return List.copyOf(entries);
    }

    private List<FileEntry> listTreeAgain(Location folder, Path root) throws IOException {
        return Files.isDirectory(root) ? listTree(folder) : List.of();
    }

    @Override
    public InputStream openRead(Location location) throws IOException {
        Path path = path(location);
        requireNotFolder(path);
        return new PathInputStream(path, Files.newInputStream(path, READ));
    }

    @Override
    public SeekableInput openSeekable(Location location) throws IOException {
        Path path = path(location);
        requireNotFolder(path);
        return new LocalSeekableInput(path, FileChannel.open(path, READ));
    }

    /**
     * Does not follow a symbolic link at {@code location}: the library creates only its own staging
     * and bookkeeping files, and a link planted at such a name must not redirect the write to
     * wherever it points.
     */
    @Override
    public OutputStream create(Location location) throws IOException {
        Path path = path(location);
        createParents(path);
        refuseLink(path);
        try {
            return new PathOutputStream(path, new WriteBehindOutputStream(FileChannel.open(path,
                    CREATE, TRUNCATE_EXISTING, WRITE, LinkOption.NOFOLLOW_LINKS)));
        } catch (FileSystemException e) {
            refuseLink(path); // planted between the check and the open: O_NOFOLLOW refused it
            throw e;
        }
    }

    private static void refuseLink(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw new FileSystemException(path.toString(), null, "is a symbolic link; DataHandle creates its staging"
                    + " and bookkeeping files itself and never through a link (remove the link)");
        }
    }

    /**
     * Writes the content to a unique hidden sibling, syncs it, then hard-links it to the target.
     * {@code link(2)} fails atomically when the target exists, so of many racing writers exactly one
     * wins and readers never see a partial file.
     *
     * <p>Where the file system has no hard links (FAT, some network and FUSE mounts) this falls
     * back to a move that refuses an existing target. That move checks and then renames, so two
     * writers racing in that window may both succeed, the later one replacing the earlier.
     */
    @Override
    public void createExclusive(Location location, byte[] content) throws IOException {
        requireNonNull(content, "content is null");
        Path target = path(location);
        createParents(target);
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, CREATE_NEW, WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            } catch (IOException e) {
                throw IoErrors.withPath(temp, e);
            }
            publish(temp, target);
            syncFolder(target.getParent());
        } finally {
            deleteTemporary(temp);
        }
    }

    /**
     * Best effort: after a successful link the target is published, and reporting a failed create
     * for a leftover hidden file would make the caller believe the opposite.
     */
    private static void deleteTemporary(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // A stray hidden ".<name>.<uuid>.tmp" is harmless and carries no meaning to readers.
        }
    }

    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            // The JDK's message names the hidden temporary file too; the caller only knows the target.
            throw new FileAlreadyExistsException(target.toString(), null, "already exists");
        } catch (UnsupportedOperationException e) {
            Files.move(temp, target);
        } catch (FileSystemException e) {
            // A plain FileSystemException is an errno without a specific type, such as EPERM or
            // EOPNOTSUPP from a file system without hard links. The subtypes (already exists,
            // access denied, no such file) are real answers and must reach the caller.
            if (e.getClass() != FileSystemException.class) {
                throw e;
            }
            Files.move(temp, target);
        }
    }

    /**
     * An atomic {@code rename(2)} that replaces the target, then a sync of the target's folder so
     * the new name survives a crash. Creates the target's folder when only that is missing. Both
     * locations must be on one file store ({@link AtomicMoveNotSupportedException} otherwise).
     */
    @Override
    public void rename(Location source, Location target) throws IOException {
        Path from = path(source);
        Path to = path(target);
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            if (!Files.exists(from)) {
                throw new NoSuchFileException(from.toString(), to.toString(), "rename source does not exist");
            }
            createParents(to);
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
        syncFolder(to.getParent());
    }

    /** Deletes a file or an empty folder; a non-empty folder fails with {@code DirectoryNotEmptyException}. */
    @Override
    public boolean delete(Location location) throws IOException {
        return Files.deleteIfExists(path(location));
    }

    /**
     * Creates the lock file if needed (and its folder) and takes an exclusive OS lock on it without
     * waiting. Empty when another process holds it, or when any holder in this JVM does (this
     * instance or another). Not reentrant.
     */
    @Override
    public Optional<FileLock> tryLock(Location location) throws IOException {
        Path path = path(location);
        if (path.getParent() == null) {
            throw new IllegalArgumentException("a lock needs a file, not the root: " + location);
        }
        createParents(path);
        // Canonical through the folder, which exists now; the file itself may not yet.
        Path canonical = path.getParent().toRealPath().resolve(path.getFileName());
        if (!ProcessLockTable.claim(canonical)) {
            return Optional.empty();
        }
        try {
            // a holder removes the lock file as it lets go; one who opened that file just before
            // finds it gone (or replaced) once locked, and tries again on the new one
            for (int attempt = 0; attempt < 8; attempt++) {
                Optional<Object> opened = openAndLock(canonical);
                if (opened == null) {
                    continue;
                }
                if (opened.isEmpty()) {
                    ProcessLockTable.release(canonical);
                    return Optional.empty();
                }
                return Optional.of((FileLock) opened.get());
            }
            ProcessLockTable.release(canonical);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            ProcessLockTable.release(canonical);
            throw e;
        }
    }

    /**
     * One attempt: the lock, empty when another holder has it, or null when the file was removed
     * or replaced between opening and locking it (retry).
     */
    private static Optional<Object> openAndLock(Path canonical) throws IOException {
        FileChannel channel;
        Object before;
        try {
            refuseLink(canonical);
            before = fileKey(canonical);
            // a link planted at the lock's name must not make us create or open its target
            channel = FileChannel.open(canonical, CREATE, WRITE, LinkOption.NOFOLLOW_LINKS);

        } catch (IOException e) {
            if (Files.isSymbolicLink(canonical)) {
                throw new FileSystemException(canonical.toString(), null, "is a symbolic link; a lock file is"
                        + " never opened through a link (remove the link)");
            }
            throw IoErrors.withPath(canonical, e);
        }
        if (before == null) {
            // the file did not exist when we looked: what we opened may already be another one;
            // it exists now, so the next attempt can tell
            channel.close();
            return null;
        }
        try {
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock != null) {
                // The name must lead to the very file we locked. Compare with that file's own identity
                // where the platform tells it: "before" was read before opening, so another file may
                // have been opened since, and a freed inode number may have come back under the name
                // (seen: three processes racing, one holding an unlinked file while another held the
                // new one). Elsewhere "before" is the best there is.
                Object mine = OpenFiles.identityOfOpen(canonical).orElse(before);
                if (mine.equals(fileKey(canonical))) {
                    return Optional.of(new LocalFileLock(canonical, channel, lock));
                }
                lock.release();
                channel.close();
                return null;
            }
        } catch (OverlappingFileLockException e) {
            // Code outside DataHandle in this JVM locked the file through its own channel. It holds
            // the lock; we can only step back (and closing our channel may, on POSIX, drop theirs).
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw IoErrors.withPath(canonical, e);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw IoErrors.withPath(canonical, e);
        }
        return Optional.empty();
    }

    /**
     * The file's identity (device and inode on POSIX), or null when nothing is there. Taken before
     * opening and again once locked: equal means the name led to the same file all along, so the
     * file we locked is the one the name leads to (Java cannot {@code fstat} a channel, and opening
     * the file again to look would, on POSIX, drop our lock when that descriptor closes). The inode
     * we hold open cannot be freed and its number handed to another file meanwhile.
     */
    private static Object fileKey(Path path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.fileKey() != null ? a.fileKey() : a.creationTime();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public Optional<Path> localPath(Location location) {
        return Optional.of(path(location));
    }

    @Override
    public void createFolders(Location folder) throws IOException {
        Files.createDirectories(path(folder));
    }

    private static Path path(Location location) {
        requireNonNull(location, "location is null");
        if (!"file".equals(location.scheme())) {
            throw new IllegalArgumentException("the local file system serves file: locations, not " + location);
        }
        return location.toLocalPath();
    }

    private static void createParents(Path path) throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static void requireNotFolder(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new FileSystemException(path.toString(), null, "is a folder, not a file");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            // opening a FIFO blocks until a writer comes; a device may never end
            throw new FileSystemException(path.toString(), null, "is not a regular file (a FIFO, a device or a"
                    + " socket); DataHandle reads regular files only");
        }
    }

    /**
     * Makes a folder's entries durable (a new or renamed name survives a crash). Best effort: some
     * platforms cannot open a folder (Windows) or sync one (some network file systems), and by now
     * the operation itself has succeeded, so failing it for this would mislead the caller.
     */
    private static void syncFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(folder, READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not supported here; the rename or link is done, only its durability is the OS's call.
        }
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
