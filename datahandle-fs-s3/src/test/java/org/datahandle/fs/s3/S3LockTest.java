package org.datahandle.fs.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/** The lease lock: expiry by the server's clock, takeover with If-Match, release only of our own lock. */
class S3LockTest {
    @RegisterExtension
    static final S3TestServer S3 = new S3TestServer();

    private final List<FileSystem> opened = new ArrayList<>();
    private String bucket;
    private Location lock;

    @BeforeEach
    void bucket() {
        bucket = S3.newBucket();
        lock = Location.of("s3://" + bucket + "/data/.x.csv.datahandle.lock");
    }

    @AfterEach
    void close() throws IOException {
        for (FileSystem fs : opened) {
            fs.close();
        }
    }

    @Test
    void lockObjectNamesItsHolderAndReleaseDeletesIt() throws IOException {
        FileLock held = fileSystem("120s").tryLock(lock).orElseThrow();

        String content = lockContent();
        assertThat(content).contains("holder=").contains("timeoutMillis=120000").contains("expires=");

        held.close();
        assertThat(exists()).isFalse();
    }

    @Test
    void deadHoldersLockIsTakenOverOnlyAfterItExpires() throws Exception {
        putLock("holder=dead-writer\ntimeoutMillis=2000\n");
        FileSystem fs = fileSystem("120s");

        assertThat(fs.tryLock(lock)).as("a fresh lock of a dead writer is still respected").isEmpty();

        FileLock taken = waitForLock(fs);
        assertThat(lockContent()).doesNotContain("dead-writer");
        assertThat(fileSystem("120s").tryLock(lock)).as("the new holder's lock is live").isEmpty();
        taken.close();
        assertThat(exists()).isFalse();
    }

    @Test
    void liveHolderRefreshesItsLockPastTheTimeout() throws Exception {
        FileLock held = fileSystem("2s").tryLock(lock).orElseThrow();
        FileSystem other = fileSystem("2s");

        Thread.sleep(5_000); // more than twice the timeout: only refreshing keeps the lock alive

        assertThat(other.tryLock(lock)).isEmpty();
        held.close();
        assertThat(other.tryLock(lock)).isPresent().get().satisfies(FileLock::close);
    }

    @Test
    void racingTakeoversOfAnExpiredLockHaveOneWinner() throws Exception {
        putLock("holder=dead-writer\ntimeoutMillis=1000\n");
        FileSystem probe = fileSystem("120s");
        // wait until it has expired, without taking it: a takeover would need If-Match on this ETag
        while (!S3Lock.expired(S3.client().getObjectAsBytes(b -> b.bucket(bucket).key(key())), java.time.Duration.ofSeconds(1))) {
            Thread.sleep(200);
        }
        assertThat(probe).isNotNull();
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Optional<FileLock>>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                FileSystem fs = fileSystem("120s");
                Callable<Optional<FileLock>> attempt = () -> {
                    start.await();
                    return fs.tryLock(lock);
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            List<FileLock> winners = new ArrayList<>();
            for (Future<Optional<FileLock>> result : results) {
                result.get(60, TimeUnit.SECONDS).ifPresent(winners::add);
            }
            assertThat(winners).hasSize(1);
            winners.get(0).close();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLockTakenOverBehindItsBackIsNotDeletedOnRelease() throws IOException {
        FileLock held = fileSystem("120s").tryLock(lock).orElseThrow();
        putLock("holder=usurper\ntimeoutMillis=120000\n"); // what a takeover after a long stall looks like

        held.close();

        assertThat(lockContent()).contains("usurper");
    }

    private FileLock waitForLock(FileSystem fs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<FileLock> taken = fs.tryLock(lock);
            if (taken.isPresent()) {
                return taken.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the expired lock was never taken over");
    }

    private FileSystem fileSystem(String lockTimeout) {
        Map<String, String> options = new HashMap<>(S3.options());
        options.put(S3Options.LOCK_TIMEOUT, lockTimeout);
        FileSystem fs = new S3FileSystemFactory().create(options);
        opened.add(fs);
        return fs;
    }

    private String key() {
        return ObjectKey.of(lock).key();
    }

    private void putLock(String content) {
        S3.client().putObject(b -> b.bucket(bucket).key(key()), RequestBody.fromString(content, UTF_8));
    }

    private String lockContent() {
        return S3.client().getObjectAsBytes(b -> b.bucket(bucket).key(key())).asUtf8String();
    }

    private boolean exists() {
        return S3.client().listObjectsV2(b -> b.bucket(bucket).prefix(key())).keyCount() > 0;
    }
}
