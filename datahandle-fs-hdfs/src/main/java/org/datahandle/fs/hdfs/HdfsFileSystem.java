package org.datahandle.fs.hdfs;

import static java.util.Objects.requireNonNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;
import org.datahandle.spi.Capability;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.spi.SeekableInput;

/**
 * {@code hdfs:} locations through Hadoop's {@link DistributedFileSystem}: one Hadoop client per
 * namenode, made with {@code FileSystem.newInstance} (never Hadoop's process-wide cache, which
 * another part of the application could close under us) and closed by {@link #close()}.
 *
 * <h2>What is atomic</h2>
 * <ul>
 *   <li>{@link #rename}: the namenode's {@code rename} with {@code OVERWRITE} replaces the target in
 *       one namespace operation; a reader opens the old file or the new one, never a mix.
 *   <li>{@link #createExclusive}: {@code create(path, overwrite=false)} checks and creates in one
 *       namenode call, so of racing writers exactly one wins. The winner's content is visible at its
 *       full length once the file is closed.
 * </ul>
 *
 * <h2>The writer lock</h2>
 * HDFS has no advisory locks, so {@link #tryLock} builds one from the namenode's <em>lease</em>,
 * the one-writer-per-file guarantee of HDFS:
 * <ol>
 *   <li>Taking the lock creates an empty lock file with {@code overwrite=false} and keeps it open.
 *       While it is open, our client holds its lease and renews it in the background; another
 *       create of that name fails ({@code FileAlreadyExistsException} when the file is closed,
 *       {@code AlreadyBeingCreatedException} while someone holds it — this client included, so two
 *       threads of one process exclude each other too).
 *   <li>The holder refreshes the lock file's modification time every quarter of
 *       {@code hdfs.lockTimeout} (default 120 s) from a daemon thread.
 *   <li>Releasing closes the file (ending the lease) and deletes it.
 *   <li>A writer that finds the lock file taken looks at it once: if it is <em>closed</em>, its
 *       holder has released it or lost its lease, and the file is deleted; if it is open but was not
 *       refreshed for longer than the lock timeout, its holder is taken for dead: the writer forces
 *       lease recovery ({@code recoverLease}, immediate for an empty file) and deletes it. Then it
 *       tries once more to create the lock file; otherwise the lock is busy.
 *   <li>Even without the timeout the namenode itself recovers a dead client's lease once it is past
 *       its soft limit (60 s without renewal), the next time someone tries to create the file.
 * </ol>
 * Stale lock files are removed by inode ({@code /.reserved/.inodes/<id>}) rather than by name, so a
 * writer that acts on a lock file it saw a moment ago can never remove a newer one that a third
 * writer made in between; and the final create is again the namenode's atomic create-if-absent.
 * Hence at most one live holder, as long as holders refresh in time.
 *
 * <p>What this does not cover: a holder that is alive but stalls (a JVM pause, a network partition)
 * for longer than the lock timeout can be taken over while it still believes it holds the lock; it
 * logs an error when it notices. Judging the timeout compares the refresh time, written with the
 * holder's clock, with the other writer's clock, so the hosts' clocks must agree to well within a
 * quarter of the timeout (NTP does). Choose the timeout longer than any pause you expect.
 */
final class HdfsFileSystem implements FileSystem {
    private static final System.Logger LOG = System.getLogger(HdfsFileSystem.class.getName());
    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(
            Capability.ATOMIC_RENAME, Capability.EXCLUSIVE_LOCK, Capability.EXCLUSIVE_CREATE, Capability.SEEKABLE));
    /** How many times {@link #tryLock} creates the lock file: once, and once more after clearing a stale one. */
    private static final int LOCK_ATTEMPTS = 3;

    private final Configuration configuration;
    private final Duration lockTimeout;
    /** Clients by namenode authority ({@code host:port}); guarded by {@code this}. */
    private final Map<String, DistributedFileSystem> clients = new HashMap<>();
    private final Set<HdfsLock> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;
    private boolean closed;

    HdfsFileSystem(Configuration configuration, Duration lockTimeout) {
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.lockTimeout = requireNonNull(lockTimeout, "lockTimeout is null");
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Optional<FileEntry> stat(Location location) throws IOException {
        Target target = target(location);
        try {
            FileStatus status = target.client().getFileStatus(target.path());
            return status.isFile() ? Optional.of(entry(location, status)) : Optional.empty();
        } catch (FileNotFoundException | ParentNotDirectoryException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    /** The files directly in the folder; a missing folder, or a file in its place, gives an empty list. */
    @Override
    public List<FileEntry> list(Location folder) throws IOException {
        Target target = target(folder);
        List<FileEntry> entries = new ArrayList<>();
        try {
            if (!target.client().getFileStatus(target.path()).isDirectory()) {
                return List.of();
            }
            for (FileStatus child : target.client().listStatus(target.path())) {
                if (child.isFile()) {
                    entries.add(entry(folder.child(child.getPath().getName()), child));
                }
            }
        } catch (FileNotFoundException | ParentNotDirectoryException e) {
            return List.of(); // missing, or gone between the two calls
        } catch (IOException e) {
            throw HdfsErrors.named(folder, e);
        }
        entries.sort(Comparator.comparing(entry -> entry.location().fileName()));
        return List.copyOf(entries);
    }

    /** Files at any depth, one {@code listStatus} per folder. */
    @Override
    public List<FileEntry> listTree(Location folder) throws IOException {
        Target target = target(folder);
        List<FileEntry> entries = new ArrayList<>();
        try {
            if (!target.client().getFileStatus(target.path()).isDirectory()) {
                return List.of();
            }
            walk(target.client(), target.path(), folder, entries);
        } catch (FileNotFoundException | ParentNotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw HdfsErrors.named(folder, e);
        }
        entries.sort(Comparator.comparing(entry -> entry.location().uri().getPath()));
        return List.copyOf(entries);
    }

    private static void walk(DistributedFileSystem client, org.apache.hadoop.fs.Path path, Location at,
            List<FileEntry> into) throws IOException {
        for (FileStatus child : client.listStatus(path)) {
            Location location = at.child(child.getPath().getName());
            if (child.isFile()) {
                into.add(entry(location, child));
            } else if (child.isDirectory()) {
                walk(client, child.getPath(), location, into);
            }
        }
    }

    @Override
    public InputStream openRead(Location location) throws IOException {
        Target target = target(location);
        try {
            return new LocatedInputStream(location, target.client().open(target.path()));
        } catch (FileNotFoundException e) {
            throw missing(location, target, e);
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    @Override
    public SeekableInput openSeekable(Location location) throws IOException {
        Target target = target(location);
        try {
            FileStatus status = target.client().getFileStatus(target.path());
            if (status.isDirectory()) {
                throw new FileSystemException(location.toString(), null, "is a folder, not a file");
            }
            FSDataInputStream in = target.client().open(target.path());
            return new HdfsSeekableInput(location, in, status.getLen());
        } catch (FileNotFoundException e) {
            throw missing(location, target, e);
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    /** Creates parent folders; replaces an existing file, even one another client is still writing. */
    @Override
    public OutputStream create(Location location) throws IOException {
        Target target = target(location);
        try {
            return new LocatedOutputStream(location, target.client().create(target.path(), true));
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    /**
     * One atomic create-if-absent at the namenode, then the content, then close. If writing fails
     * after the create, the half-written file is deleted: it is ours alone.
     */
    @Override
    public void createExclusive(Location location, byte[] content) throws IOException {
        requireNonNull(content, "content is null");
        Target target = target(location);
        FSDataOutputStream out;
        try {
            out = target.client().create(target.path(), false);
        } catch (IOException e) {
            if (HdfsErrors.exists(e)) {
                FileAlreadyExistsException exists = new FileAlreadyExistsException(location.toString(), null,
                        "already exists");
                exists.initCause(e);
                throw exists;
            }
            throw HdfsErrors.named(location, e);
        }
        try (out) {
            out.write(content);
        } catch (IOException e) {
            try {
                target.client().delete(target.path(), false);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw HdfsErrors.named(location, e);
        }
    }

    /**
     * The namenode's atomic rename with {@code OVERWRITE}. Creates the target's folder when only that
     * is missing. Both locations must be on one namenode.
     */
    @Override
    public void rename(Location source, Location target) throws IOException {
        Target from = target(source);
        Target to = target(target);
        if (from.client() != to.client()) {
            throw new IOException("cannot rename " + source + " to " + target + ": they are on different namenodes");
        }
        try {
            renameOverwriting(from, to);
        } catch (FileNotFoundException e) {
            if (stat(source).isEmpty()) {
                NoSuchFileException missing = new NoSuchFileException(source.toString(), target.toString(),
                        "rename source does not exist");
                missing.initCause(e);
                throw missing;
            }
            try {
                to.client().mkdirs(to.path().getParent());
                renameOverwriting(from, to);
            } catch (IOException retry) {
                throw HdfsErrors.named(source, retry);
            }
        } catch (IOException e) {
            throw HdfsErrors.named(source, e);
        }
    }

    private static void renameOverwriting(Target from, Target to) throws IOException {
        from.client().rename(from.path(), to.path(), Options.Rename.OVERWRITE);
    }

    /** Deletes a file or an empty folder; a non-empty folder is refused with an error naming it. */
    @Override
    public boolean delete(Location location) throws IOException {
        Target target = target(location);
        try {
            return target.client().delete(target.path(), false);
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    /** See the class comment for how the lock works and what it guarantees. Not reentrant. */
    @Override
    public Optional<FileLock> tryLock(Location location) throws IOException {
        if (location.fileName().isEmpty()) {
            throw new IllegalArgumentException("a lock needs a file, not the root: " + location);
        }
        Target target = target(location);
        try {
            for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
                try {
                    FSDataOutputStream out = target.client().create(target.path(), false);
                    return Optional.of(hold(location, target, out));
                } catch (IOException e) {
                    if (!HdfsErrors.exists(e)) {
                        throw e;
                    }
                }
                if (!clearIfAbandoned(location, target)) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw HdfsErrors.named(location, e);
        }
    }

    private HdfsLock hold(Location location, Target target, FSDataOutputStream out) throws IOException {
        try {
            org.apache.hadoop.fs.Path byInode = byInode(target, target.client().getFileStatus(target.path()));
            long refreshMillis = Math.max(1, lockTimeout.toMillis() / 4);
            HdfsLock lock = new HdfsLock(location, target.client(), byInode, out, scheduler(), refreshMillis,
                    held::remove);
            held.add(lock);
            return lock;
        } catch (IOException | RuntimeException e) {
            try {
                out.close();
                target.client().delete(target.path(), false);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Looks at the lock file that stopped our create: deletes it when its holder is gone.
     *
     * @return true when the lock file is gone now (try again), false when a live holder has it
     */
    private boolean clearIfAbandoned(Location location, Target target) throws IOException {
        DistributedFileSystem client = target.client();
        try {
            FileStatus status = client.getFileStatus(target.path());
            if (!status.isFile()) {
                throw new FileSystemException(location.toString(), null, "is a folder; a lock must be a file");
            }
            org.apache.hadoop.fs.Path byInode = byInode(target, status);
            if (!client.isFileClosed(byInode)) {
                long silentMillis = System.currentTimeMillis() - status.getModificationTime();
                if (silentMillis <= lockTimeout.toMillis()) {
                    return false;
                }
                LOG.log(System.Logger.Level.WARNING, "taking over the writer lock {0}: its holder has not refreshed "
                        + "it for {1} s (hdfs.lockTimeout is {2} s)", location, silentMillis / 1000,
                        lockTimeout.toSeconds());
                if (!client.recoverLease(byInode)) {
                    return false; // recovery under way; our lock files are empty, so this is rare
                }
            }
            client.delete(byInode, false);
            return true;
        } catch (FileNotFoundException e) {
            return true; // released while we looked
        }
    }

    @Override
    public void createFolders(Location folder) throws IOException {
        Target target = target(folder);
        try {
            target.client().mkdirs(target.path());
        } catch (IOException e) {
            throw HdfsErrors.named(folder, e);
        }
    }

    /** Releases the locks still held (deleting their files), then closes every Hadoop client. */
    @Override
    public void close() throws IOException {
        List<DistributedFileSystem> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(clients.values());
            clients.clear();
        }
        List<Exception> failures = new ArrayList<>();
        for (HdfsLock lock : List.copyOf(held)) {
            try {
                lock.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        synchronized (this) {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
        for (DistributedFileSystem client : toClose) {
            try {
                client.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IOException failure = new IOException("closing the HDFS clients failed", failures.get(0));
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    // ---- locations to Hadoop paths

    /** A location's Hadoop client and path. */
    private record Target(DistributedFileSystem client, org.apache.hadoop.fs.Path path) {}

    private Target target(Location location) throws IOException {
        requireNonNull(location, "location is null");
        if (!"hdfs".equals(location.scheme())) {
            throw new IllegalArgumentException("the HDFS file system serves hdfs: locations, not " + location);
        }
        String authority = namenode(location);
        DistributedFileSystem client = client(authority, location);
        return new Target(client, new org.apache.hadoop.fs.Path("hdfs", authority, location.path()));
    }

    /** The location's {@code host:port}, or that of {@code fs.defaultFS} for {@code hdfs:///path}. */
    private String namenode(Location location) throws IOException {
        String authority = location.uri().getAuthority();
        if (authority != null && !authority.isEmpty()) {
            return authority.toLowerCase(Locale.ROOT);
        }
        URI defaultFs = org.apache.hadoop.fs.FileSystem.getDefaultUri(configuration);
        if (!"hdfs".equals(defaultFs.getScheme()) || defaultFs.getAuthority() == null) {
            // only the scheme: a URI may carry user information
            throw new IOException(location + " names no namenode, and fs.defaultFS (core-site.xml on the class path or"
                    + " in HADOOP_CONF_DIR, or the file-system option fs.defaultFS) is not an hdfs://host:port URI"
                    + " (its scheme is '" + defaultFs.getScheme() + "')");
        }
        return defaultFs.getAuthority().toLowerCase(Locale.ROOT);
    }

    private synchronized DistributedFileSystem client(String authority, Location location) throws IOException {
        if (closed) {
            throw new IOException("the HDFS file system is closed; cannot use " + location);
        }
        DistributedFileSystem client = clients.get(authority);
        if (client == null) {
            org.apache.hadoop.fs.FileSystem made;
            try {
                made = org.apache.hadoop.fs.FileSystem.newInstance(URI.create("hdfs://" + authority + "/"), configuration);
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("cannot connect to namenode " + authority + " for " + location + ": "
                        + e.getMessage(), e);
            }
            if (!(made instanceof DistributedFileSystem dfs)) {
                String type = made.getClass().getName();
                made.close();
                throw new IOException("the Hadoop configuration maps hdfs: to " + type + ", not HDFS's "
                        + "DistributedFileSystem; cannot use " + location);
            }
            client = dfs;
            clients.put(authority, client);
        }
        return client;
    }

    private synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "datahandle-hdfs-lock-refresher");
                thread.setDaemon(true);
                return thread;
            });
        }
        return scheduler;
    }

    /** The file's inode path: it names this very file, even after the name is reused. */
    private static org.apache.hadoop.fs.Path byInode(Target target, FileStatus status) throws IOException {
        if (!(status instanceof HdfsFileStatus hdfs)) {
            throw new IOException("the namenode gave no inode id for " + status.getPath());
        }
        org.apache.hadoop.fs.Path path = target.path();
        return new org.apache.hadoop.fs.Path(path.toUri().getScheme(), path.toUri().getAuthority(),
                "/.reserved/.inodes/" + hdfs.getFileId());
    }

    private static FileEntry entry(Location location, FileStatus status) {
        return new FileEntry(location, status.getLen(), Instant.ofEpochMilli(status.getModificationTime()));
    }

    /** A failed open: the file is missing, or it is a folder. */
    private IOException missing(Location location, Target target, FileNotFoundException cause) {
        try {
            if (target.client().getFileStatus(target.path()).isDirectory()) {
                return new FileSystemException(location.toString(), null, "is a folder, not a file");
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        NoSuchFileException missing = new NoSuchFileException(location.toString());
        missing.initCause(cause);
        return missing;
    }
}
