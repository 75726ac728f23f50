package org.datahandle.fs.s3;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.datahandle.spi.Capability;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.spi.SeekableInput;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code s3:} and {@code s3a:} locations through one {@link S3Client}, built on first use and
 * closed with the file system. Safe for any number of threads.
 *
 * <p>S3 has no rename, so {@link Capability#ATOMIC_RENAME} is not claimed and the publish protocol
 * writes objects in place: an object appears only when its upload completes, and the commit
 * record is created last with {@code If-None-Match: *}.
 */
final class S3FileSystem implements FileSystem {
    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(
            Capability.EXCLUSIVE_CREATE, Capability.SEEKABLE, Capability.EXCLUSIVE_LOCK));
    private static final int CONFLICT_RETRIES = 5;

    private final S3Options options;
    private final S3Errors errors;
    private final PendingUploads uploads = new PendingUploads();
    private S3Client client;
    private ScheduledExecutorService lockRefresher;
    private boolean closed;

    S3FileSystem(S3Options options) {
        this.options = requireNonNull(options, "options is null");
        this.errors = new S3Errors(options.secretKey());
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** HEAD. Empty for a missing object or bucket, and for a folder (a prefix or a key ending in {@code /}). */
    @Override
    public Optional<FileEntry> stat(Location location) throws IOException {
        ObjectKey key = ObjectKey.of(location);
        if (key.isFolder()) {
            return Optional.empty();
        }
        return head(key, location).map(h -> new FileEntry(location, h.contentLength(), h.lastModified()));
    }

    /**
     * ListObjectsV2 with delimiter {@code /}: the objects directly under the prefix, sorted by name.
     * Deeper keys ("subfolders") and folder marker objects are left out; a missing prefix or bucket
     * gives an empty list.
     */
    @Override
    public List<FileEntry> list(Location folder) throws IOException {
        ObjectKey key = ObjectKey.of(folder);
        String prefix = key.asPrefix();
        List<FileEntry> entries = new ArrayList<>();
        try {
            for (S3Object object : client(folder).listObjectsV2Paginator(b -> b.bucket(key.bucket()).prefix(prefix)
                    .delimiter("/")).contents()) {
                String name = object.key().substring(prefix.length());
                if (!name.isEmpty() && !name.contains("/")) {
                    entries.add(new FileEntry(folder.child(name), object.size(), object.lastModified()));
                }
            }
        } catch (SdkException e) {
            if (S3Errors.status(e) == S3Errors.NOT_FOUND) {
                return List.of();
            }
            throw errors.translate(folder, "listing", e);
        }
        entries.sort(Comparator.comparing(entry -> entry.location().fileName()));
        return List.copyOf(entries);
    }

    /** Every key under the prefix: the same listing without a delimiter. */
    @Override
    public List<FileEntry> listTree(Location folder) throws IOException {
        ObjectKey key = ObjectKey.of(folder);
        String prefix = key.asPrefix();
        List<FileEntry> entries = new ArrayList<>();
        try {
            for (S3Object object : client(folder).listObjectsV2Paginator(b -> b.bucket(key.bucket()).prefix(prefix))
                    .contents()) {
                String name = object.key().substring(prefix.length());
                if (!name.isEmpty() && !name.endsWith("/")) {
                    Location child = folder;
                    for (String segment : name.split("/")) {
                        child = child.child(segment);
                    }
                    entries.add(new FileEntry(child, object.size(), object.lastModified()));
                }
            }
        } catch (SdkException e) {
            if (S3Errors.status(e) == S3Errors.NOT_FOUND) {
                return List.of();
            }
            throw errors.translate(folder, "listing", e);
        }
        entries.sort(Comparator.comparing(entry -> entry.location().uri().getPath()));
        return List.copyOf(entries);
    }

    @Override
    public InputStream openRead(Location location) throws IOException {
        ObjectKey key = requireObject(location);
        try {
            return new ObjectInputStream(client(location).getObject(b -> b.bucket(key.bucket()).key(key.key())), location);
        } catch (SdkException e) {
            throw errors.translate(location, "reading", e);
        }
    }

    /** A HEAD for the length and ETag, then ranged GETs pinned to that ETag. */
    @Override
    public SeekableInput openSeekable(Location location) throws IOException {
        ObjectKey key = requireObject(location);
        HeadObjectResponse head = head(key, location)
                .orElseThrow(() -> new NoSuchFileException(location.toString(), null, "no such object"));
        return new S3SeekableInput(client(location), key, location, head.contentLength(), head.eTag(), errors);
    }

    /**
     * A stream that uploads on close: a single PUT up to {@code s3.partSize} bytes, a multipart
     * upload beyond. The object is invisible until {@code close()} completes; a failed or abandoned
     * stream leaves nothing (see {@link S3OutputStream}). No folders need creating.
     */
    @Override
    public OutputStream create(Location location) throws IOException {
        ObjectKey key = requireObject(location);
        return new S3OutputStream(client(location), key, location, options.partSize(), errors, uploads);
    }

    /** A PUT with {@code If-None-Match: *}: S3 lets exactly one of racing creators succeed. */
    @Override
    public void createExclusive(Location location, byte[] content) throws IOException {
        requireNonNull(content, "content is null");
        ObjectKey key = requireObject(location);
        S3Client s3 = client(location);
        for (int attempt = 0; ; attempt++) {
            try {
                s3.putObject(b -> b.bucket(key.bucket()).key(key.key()).ifNoneMatch("*"), RequestBody.fromBytes(content));
                return;
            } catch (SdkException e) {
                int status = S3Errors.status(e);
                if (status == S3Errors.PRECONDITION_FAILED) {
                    FileAlreadyExistsException exists = new FileAlreadyExistsException(location.toString(), null,
                            "already exists");
                    exists.initCause(errors.safe(e));
                    throw exists;
                }
                // 409: another conditional write of this key is in flight; S3 asks us to retry
                if (status != S3Errors.CONFLICT || attempt >= CONFLICT_RETRIES) {
                    throw errors.translate(location, "exclusive create", e);
                }
                pause(attempt, location);
            }
        }
    }

    /**
     * Copy, then delete the source: not atomic, and O(size) (why {@link Capability#ATOMIC_RENAME}
     * is not claimed). A server-side copy takes objects up to 5 GiB.
     */
    @Override
    public void rename(Location source, Location target) throws IOException {
        ObjectKey from = requireObject(source);
        ObjectKey to = requireObject(target);
        S3Client s3 = client(source);
        try {
            s3.copyObject(b -> b.sourceBucket(from.bucket()).sourceKey(from.key())
                    .destinationBucket(to.bucket()).destinationKey(to.key()));
        } catch (SdkException e) {
            if (S3Errors.status(e) == S3Errors.NOT_FOUND && head(from, source).isEmpty()) {
                NoSuchFileException missing = new NoSuchFileException(source.toString(), target.toString(),
                        "rename source does not exist");
                missing.initCause(errors.safe(e));
                throw missing;
            }
            throw errors.translate(target, "copying " + source + " to", e);
        }
        try {
            s3.deleteObject(b -> b.bucket(from.bucket()).key(from.key()));
        } catch (SdkException e) {
            throw errors.translate(source, "deleting after copying to " + target, e);
        }
    }

    /** A HEAD, then DeleteObject. False for a missing object and for a folder, which is never deleted. */
    @Override
    public boolean delete(Location location) throws IOException {
        ObjectKey key = ObjectKey.of(location);
        if (key.isFolder() || head(key, location).isEmpty()) {
            return false;
        }
        try {
            client(location).deleteObject(b -> b.bucket(key.bucket()).key(key.key()));
            return true;
        } catch (SdkException e) {
            throw errors.translate(location, "deleting", e);
        }
    }

    /** A lease held in a lock object, refreshed from a daemon thread (see {@link S3Lock}). */
    @Override
    public Optional<FileLock> tryLock(Location location) throws IOException {
        ObjectKey key = requireObject(location);
        return S3Lock.tryAcquire(client(location), key, location, options.lockTimeout(), errors, refresher());
    }

    /** Nothing to do: a folder on S3 is just a key prefix. */
    @Override
    public void createFolders(Location folder) {
        ObjectKey.of(folder);
    }

    /**
     * Aborts the multipart uploads of streams never closed, stops refreshing locks (a lock still
     * held then expires after {@code s3.lockTimeout}) and closes the client. Idempotent.
     */
    @Override
    public void close() {
        S3Client toClose;
        ScheduledExecutorService refresherToStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = client;
            refresherToStop = lockRefresher;
        }
        if (refresherToStop != null) {
            refresherToStop.shutdownNow();
        }
        if (toClose != null) {
            uploads.abortAll();
            toClose.close();
        }
    }

    /** Says where and how it connects; never the secret key. */
    @Override
    public String toString() {
        return "S3FileSystem[" + options + "]";
    }

    private Optional<HeadObjectResponse> head(ObjectKey key, Location location) throws IOException {
        try {
            return Optional.of(client(location).headObject(b -> b.bucket(key.bucket()).key(key.key())));
        } catch (SdkException e) {
            if (S3Errors.status(e) == S3Errors.NOT_FOUND) {
                return Optional.empty();
            }
            throw errors.translate(location, "HEAD", e);
        }
    }

    private static ObjectKey requireObject(Location location) {
        ObjectKey key = ObjectKey.of(location);
        if (key.isFolder()) {
            throw new IllegalArgumentException("not an object key (it names a folder): " + location);
        }
        return key;
    }

    private synchronized S3Client client(Location location) throws IOException {
        if (closed) {
            throw new IllegalStateException("the s3 file system is closed; cannot use " + location);
        }
        if (client == null) {
            try {
                client = build(options);
            } catch (SdkException e) {
                throw errors.translate(location, "configuring the S3 client", e);
            }
        }
        return client;
    }

    private synchronized ScheduledExecutorService refresher() {
        if (lockRefresher == null) {
            lockRefresher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "datahandle-s3-lock-refresher");
                thread.setDaemon(true); // a lock must never keep the JVM alive; it simply expires
                return thread;
            });
        }
        return lockRefresher;
    }

    /**
     * The options first, then the SDK's own chains: {@code AWS_ENDPOINT_URL_S3}/{@code AWS_ENDPOINT_URL},
     * {@code AWS_REGION}, profiles, the default credentials chain. With an endpoint but no region
     * anywhere, {@code us-east-1}: S3-compatible stores accept any region in the signature.
     */
    static S3Client build(S3Options options) {
        S3ClientBuilder builder = S3Client.builder().forcePathStyle(options.pathStyleAccess());
        options.endpoint().ifPresent(builder::endpointOverride);
        if (options.region().isPresent()) {
            builder.region(Region.of(options.region().get()));
        } else if (options.endpoint().isPresent()) {
            builder.region(defaultRegion().orElse(Region.US_EAST_1));
        }
        if (options.accessKey().isPresent() && options.secretKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(options.accessKey().get(), options.secretKey().get())));
        }
        return builder.build();
    }

    private static Optional<Region> defaultRegion() {
        try {
            return Optional.of(DefaultAwsRegionProviderChain.builder().build().getRegion());
        } catch (SdkException e) {
            return Optional.empty();
        }
    }

    private static void pause(int attempt, Location location) throws IOException {
        try {
            Thread.sleep(50L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing " + location);
        }
    }
}
