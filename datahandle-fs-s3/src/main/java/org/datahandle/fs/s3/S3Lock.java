package org.datahandle.fs.s3;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.Location;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A writer lock as an object: a lease, since S3 has no locks that die with their process.
 *
 * <ul>
 *   <li><b>Take:</b> create the lock object with {@code If-None-Match: *}; of racing writers S3
 *       lets exactly one create succeed. The object holds the holder's id, its timeout and the time
 *       it expires.
 *   <li><b>Hold:</b> a daemon thread rewrites it every third of the timeout with {@code If-Match}
 *       on the ETag it last wrote; a mismatch means another writer took it over, and this holder
 *       stops refreshing and logs a warning.
 *   <li><b>Expire:</b> a lock not rewritten for its timeout is dead. Both times come from the
 *       server: the object's {@code Last-Modified} and the {@code Date} of the response that read
 *       it, so the writers' clocks do not matter.
 *   <li><b>Take over:</b> claim the dead lock's generation with a second conditional create (one
 *       taker wins, see {@link #takeOver}), then overwrite the lock with {@code If-Match} on the
 *       ETag just read: a holder that refreshed in between changed the ETag, so it keeps its lock.
 *   <li><b>Release:</b> delete with {@code If-Match} on our ETag, so a lock someone else took over
 *       is never deleted. Where the store refuses conditional deletes (501), it is a HEAD, an ETag
 *       check and a delete: a takeover landing between the two would lose its lock object. That
 *       takes a holder that outlived its own timeout and then released it at that very moment.
 * </ul>
 *
 * <p>Residual races, both needing a crash or a stall at a precise moment: a taker that dies
 * between its claim and the claim's deletion blocks takeovers of that generation for one timeout,
 * after which two takers removing the stale claim at once could both proceed; and the
 * HEAD-then-delete release above.
 *
 * <p>What a lease cannot do: a holder stalled for longer than the timeout (a long GC pause, a
 * partitioned network) loses the lock while it still believes it holds it. Choose
 * {@code s3.lockTimeout} well above any stall you expect; the default is two minutes.
 */
final class S3Lock implements FileLock {
    private static final System.Logger LOG = System.getLogger(S3Lock.class.getName());
    private static final int ATTEMPTS = 5;

    private final S3Client client;
    private final ObjectKey key;
    private final Location location;
    private final String holder;
    private final Duration timeout;
    private final S3Errors errors;
    private String etag;
    private ScheduledFuture<?> refresher;
    private boolean released;
    private boolean lost;

    private S3Lock(S3Client client, ObjectKey key, Location location, String holder, Duration timeout,
            S3Errors errors, String etag) {
        this.client = client;
        this.key = key;
        this.location = location;
        this.holder = holder;
        this.timeout = timeout;
        this.errors = errors;
        this.etag = etag;
    }

    /** Takes the lock, or gives empty when a live holder has it. */
    static Optional<FileLock> tryAcquire(S3Client client, ObjectKey key, Location location, Duration timeout,
            S3Errors errors, ScheduledExecutorService scheduler) throws IOException {
        String holder = UUID.randomUUID() + "/" + ProcessHandle.current().pid() + "@" + host();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                String etag = client.putObject(b -> b.bucket(key.bucket()).key(key.key()).ifNoneMatch("*"),
                        RequestBody.fromBytes(content(holder, timeout))).eTag();
                return Optional.of(new S3Lock(client, key, location, holder, timeout, errors, etag).start(scheduler));
            } catch (SdkException e) {
                int status = S3Errors.status(e);
                if (status == S3Errors.CONFLICT) {
                    pause(attempt); // a concurrent conditional write of the same key: ask again
                    continue;
                }
                if (status != S3Errors.PRECONDITION_FAILED) {
                    throw errors.translate(location, "taking the lock", e);
                }
            }
            Optional<ResponseBytes<GetObjectResponse>> existing = read(client, key, location, errors);
            if (existing.isEmpty()) {
                continue; // released in between: try to create it again
            }
            if (!expired(existing.get(), timeout)) {
                return Optional.empty();
            }
            String deadEtag = existing.get().response().eTag();
            Optional<Optional<FileLock>> outcome = takeOver(client, key, location, timeout, errors, scheduler, holder,
                    existing.get(), deadEtag);
            if (outcome.isPresent()) {
                return outcome.get();
            }
            pause(attempt);
        }
        return Optional.empty();
    }

    /**
     * Replaces a dead lock. First a claim object for this very generation of the lock (named by its
     * ETag) is created with {@code If-None-Match: *}, so that of racing takers exactly one goes on,
     * even on stores whose {@code If-Match} is a check-then-write (S3Proxy's file backends: a test
     * of six racing takers caught two winners there). Then the lock is overwritten with
     * {@code If-Match} on the dead ETag, which fails if its holder came back in the meantime.
     *
     * @return the outcome, or empty to start over (the lock vanished meanwhile)
     */
    private static Optional<Optional<FileLock>> takeOver(S3Client client, ObjectKey key, Location location,
            Duration timeout, S3Errors errors, ScheduledExecutorService scheduler, String holder,
            ResponseBytes<GetObjectResponse> dead, String deadEtag) throws IOException {
        String claimKey = key.key() + ".takeover-" + deadEtag.replaceAll("[^A-Za-z0-9]", "");
        try {
            client.putObject(b -> b.bucket(key.bucket()).key(claimKey).ifNoneMatch("*"),
                    RequestBody.fromBytes(content(holder, timeout)));
        } catch (SdkException e) {
            int status = S3Errors.status(e);
            if (status != S3Errors.PRECONDITION_FAILED && status != S3Errors.CONFLICT) {
                throw errors.translate(location, "claiming an expired lock", e);
            }
            // another taker is at it, or crashed between claim and delete: a claim outlives no timeout
            Optional<ResponseBytes<GetObjectResponse>> claim = read(client, new ObjectKey(key.bucket(), claimKey),
                    location, errors);
            if (claim.isPresent() && expired(claim.get(), timeout)) {
                deleteQuietly(client, key.bucket(), claimKey, location, errors);
                return Optional.empty(); // start over
            }
            return Optional.of(Optional.empty());
        }
        try {
            String etag = client.putObject(b -> b.bucket(key.bucket()).key(key.key()).ifMatch(deadEtag),
                    RequestBody.fromBytes(content(holder, timeout))).eTag();
            LOG.log(System.Logger.Level.INFO, "{0}: took over an expired writer lock ({1})", location,
                    dead.asUtf8String().strip().replace('\n', ' '));
            return Optional.of(Optional.of(new S3Lock(client, key, location, holder, timeout, errors, etag)
                    .start(scheduler)));
        } catch (SdkException e) {
            int status = S3Errors.status(e);
            if (status == S3Errors.PRECONDITION_FAILED) {
                return Optional.of(Optional.empty()); // its holder came back and refreshed it
            }
            if (status == S3Errors.NOT_FOUND || status == S3Errors.CONFLICT) {
                return Optional.empty();
            }
            throw errors.translate(location, "taking over an expired lock", e);
        } finally {
            // the claim has done its work: the lock's ETag has changed (or was never ours to change),
            // so a late taker of the same generation fails its If-Match anyway
            deleteQuietly(client, key.bucket(), claimKey, location, errors);
        }
    }

    private static void deleteQuietly(S3Client client, String bucket, String claimKey, Location location,
            S3Errors errors) {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(claimKey));
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: could not delete the takeover claim {1}: {2}", location,
                    claimKey, errors.translate(location, "delete", e).getMessage());
        }
    }

    private S3Lock start(ScheduledExecutorService scheduler) {
        long period = Math.max(1, timeout.toMillis() / 3);
        refresher = scheduler.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    private synchronized void refresh() {
        if (released || lost) {
            return;
        }
        try {
            String previous = etag;
            etag = client.putObject(b -> b.bucket(key.bucket()).key(key.key()).ifMatch(previous),
                    RequestBody.fromBytes(content(holder, timeout))).eTag();
        } catch (SdkException e) {
            int status = S3Errors.status(e);
            if (status == S3Errors.PRECONDITION_FAILED || status == S3Errors.NOT_FOUND) {
                lost = true;
                refresher.cancel(false);
                LOG.log(System.Logger.Level.WARNING, "{0}: this writer lock expired and another writer took it over,"
                        + " or it was deleted; s3.lockTimeout ({1}) is shorter than a stall of this process",
                        location, timeout);
            } else {
                // keep trying until the lease runs out; the next refresh may get through
                LOG.log(System.Logger.Level.WARNING, "{0}: could not refresh the writer lock: {1}", location,
                        errors.translate(location, "refresh", e).getMessage());
            }
        }
    }

    /**
     * Deletes the lock object if it is still ours. Never throws: a lock object left behind expires
     * by itself after the timeout, so a failed release delays the next writer but breaks nothing.
     */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        refresher.cancel(false);
        if (lost) {
            return;
        }
        try {
            try {
                client.deleteObject(b -> b.bucket(key.bucket()).key(key.key()).ifMatch(etag));
            } catch (SdkException e) {
                if (S3Errors.status(e) != S3Errors.NOT_IMPLEMENTED) {
                    throw e;
                }
                // no conditional delete here: check, then delete (the residual race is in the class comment)
                if (etag.equals(client.headObject(b -> b.bucket(key.bucket()).key(key.key())).eTag())) {
                    client.deleteObject(b -> b.bucket(key.bucket()).key(key.key()));
                }
            }
        } catch (SdkException e) {
            int status = S3Errors.status(e);
            if (status != S3Errors.PRECONDITION_FAILED && status != S3Errors.NOT_FOUND) {
                LOG.log(System.Logger.Level.WARNING, "{0}: could not release the writer lock; it expires in {1}: {2}",
                        location, timeout, errors.translate(location, "release", e).getMessage());
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "S3 lock " + location + " held by " + holder + (released ? " (released)" : lost ? " (lost)" : "");
    }

    private static Optional<ResponseBytes<GetObjectResponse>> read(S3Client client, ObjectKey key, Location location,
            S3Errors errors) throws IOException {
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(key.bucket()).key(key.key())));
        } catch (SdkException e) {
            if (S3Errors.status(e) == S3Errors.NOT_FOUND) {
                return Optional.empty();
            }
            throw errors.translate(location, "reading the lock", e);
        }
    }

    /**
     * True when the lock was last written longer ago than its holder's timeout, by the server's
     * clock. Falls back to this machine's clock when the response has no {@code Date}.
     */
    static boolean expired(ResponseBytes<GetObjectResponse> lock, Duration ourTimeout) {
        Instant written = lock.response().lastModified();
        if (written == null) {
            return false;
        }
        Instant now = lock.response().sdkHttpResponse().firstMatchingHeader("Date")
                .flatMap(S3Lock::httpDate).orElseGet(Instant::now);
        Duration theirs = timeoutIn(lock.asUtf8String()).orElse(ourTimeout);
        return now.isAfter(written.plus(theirs));
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> timeoutIn(String content) {
        for (String line : content.split("\n")) {
            if (line.startsWith("timeoutMillis=")) {
                try {
                    return Optional.of(Duration.ofMillis(Long.parseLong(line.substring("timeoutMillis=".length()).strip())));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** What the lock object says, for the next writer and for a person looking at the bucket. */
    private static byte[] content(String holder, Duration timeout) {
        return ("holder=" + holder + "\ntimeoutMillis=" + timeout.toMillis() + "\nexpires="
                + Instant.now().plus(timeout) + "\n").getBytes(UTF_8);
    }

    private static String host() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "localhost" : host;
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(50L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while taking a lock");
        }
    }
}
