package org.datahandle.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The file operations DataHandle needs, over one scheme.
 *
 * <p>Minimal API surface area: add a method only when a handle operation cannot be built from these.
 * Optional abilities are {@link Capability capabilities}; a method that needs one fails with
 * {@link UnsupportedOperationException} only when the capability is absent.
 *
 * <p>Hierarchical stores (local, HDFS) have real folders; blob stores (S3) have keys, and a "folder"
 * is a key prefix. Every method says what each does.
 */
public interface FileSystem extends Closeable {

    /** The abilities beyond the basic ones. */
    Set<Capability> capabilities();

    /** The file's size and time, or empty when nothing exists there (or it is a folder). */
    Optional<FileEntry> stat(Location location) throws IOException;

    /**
     * The files directly in a folder (blob stores: keys directly under the prefix), sorted by name.
     * A missing folder gives an empty list, not an error.
     */
    List<FileEntry> list(Location folder) throws IOException;

    /**
     * Every file under a folder, at any depth, sorted by location (blob stores: every key under the
     * prefix), hidden and bookkeeping files included. A missing folder gives an empty list. Serves
     * folder paths: a Spark or Hadoop job's output, whose part files may sit in Hive-style
     * {@code key=value/} subfolders.
     *
     * <p>The default is {@link #list}, which is right for a store without subfolders; stores with
     * subfolders override it.
     *
     * @since 0.2
     */
    default List<FileEntry> listTree(Location folder) throws IOException {
        return list(folder);
    }

    /** Opens a file for reading from its start. @throws NoSuchFileException if it does not exist */
    InputStream openRead(Location location) throws IOException;

    /** Random access to a file. Needs {@link Capability#SEEKABLE}. @throws NoSuchFileException if missing */
    SeekableInput openSeekable(Location location) throws IOException;

    /**
     * Creates or replaces a file and returns a stream to write it; parent folders are created.
     * On blob stores the object becomes visible only when the stream is closed.
     */
    OutputStream create(Location location) throws IOException;

    /**
     * Creates a file that must not exist yet, with the given content, all at once. Atomic with
     * {@link Capability#EXCLUSIVE_CREATE}; otherwise a check-then-create.
     *
     * @throws FileAlreadyExistsException if it exists
     */
    void createExclusive(Location location, byte[] content) throws IOException;

    /**
     * Moves a file, replacing the target. With {@link Capability#ATOMIC_RENAME} a folder moves the
     * same way, all at once, to a target that does not exist. Atomic with {@link Capability#ATOMIC_RENAME}: a reader sees
     * the old target or the new one, never a mix. On blob stores this is copy + delete.
     *
     * @throws NoSuchFileException if {@code source} does not exist
     */
    void rename(Location source, Location target) throws IOException;

    /** Deletes a file. Returns false when there was nothing to delete. Never deletes a non-empty folder. */
    boolean delete(Location location) throws IOException;

    /**
     * Takes a writer lock named by {@code location} without waiting. Needs {@link Capability#EXCLUSIVE_LOCK}.
     *
     * @return the lock, or empty when another holder (this process or another) has it
     */
    Optional<FileLock> tryLock(Location location) throws IOException;

    /** Makes sure a folder exists (a no-op on blob stores). */
    void createFolders(Location folder) throws IOException;

    /**
     * The path of the file on this machine's own file system, for file systems whose files are local
     * files (local disk, shared memory): what another process needs to open or memory-map the data.
     * Empty for remote stores. Does not check that the file exists.
     */
    default Optional<java.nio.file.Path> localPath(Location location) {
        return Optional.empty();
    }

    /** Releases clients and connections. */
    @Override
    default void close() throws IOException {}
}
