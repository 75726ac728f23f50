package org.datahandle.fs.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lease-based writer lock between clients (each {@link FileSystem} instance is its own HDFS
 * client, as another process would be): exclusion, release, take-over of abandoned locks, and that
 * a take-over never lets two holders exist.
 */
class HdfsLockTest {
    @RegisterExtension
    static final MiniDfs DFS = new MiniDfs();

    @Test
    void lockHeldByOneClientIsBusyForAnotherUntilReleased() throws IOException {
        Location lock = DFS.freshFolder().child(".out.csv.datahandle.lock");
        try (FileSystem one = DFS.newFileSystem(Map.of()); FileSystem two = DFS.newFileSystem(Map.of())) {
            Optional<FileLock> held = one.tryLock(lock);
            assertThat(held).isPresent();
            assertThat(two.tryLock(lock)).isEmpty();
            assertThat(one.tryLock(lock)).as("the holder's own client, another thread").isEmpty();

            held.get().close();
            assertThat(DFS.client().exists(DFS.path(lock))).as("lock file removed on release").isFalse();

            Optional<FileLock> taken = two.tryLock(lock);
            assertThat(taken).isPresent();
            assertThat(one.tryLock(lock)).isEmpty();
            taken.get().close();
        }
    }

    /** The heartbeat keeps a live holder's lock fresh long past the timeout. */
    @Test
    void liveHolderIsNeverTakenOver() throws Exception {
        Location lock = DFS.freshFolder().child(".live.datahandle.lock");
        Map<String, String> shortTimeout = Map.of(HdfsSettings.LOCK_TIMEOUT, "3s");
        try (FileSystem holder = DFS.newFileSystem(shortTimeout); FileSystem other = DFS.newFileSystem(shortTimeout)) {
            Optional<FileLock> held = holder.tryLock(lock);
            assertThat(held).isPresent();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            int attempts = 0;
            while (System.nanoTime() < until) {
                assertThat(other.tryLock(lock)).as("attempt %d", attempts).isEmpty();
                attempts++;
                Thread.sleep(500);
            }
            held.get().close();
            Optional<FileLock> after = other.tryLock(lock);
            assertThat(after).isPresent();
            after.get().close();
        }
    }

    /** A holder that died with the file open: its lease is recovered once the file is older than the timeout. */
    @Test
    void openLockFileNotRefreshedForTheTimeoutIsTakenOver() throws IOException {
        Location lock = DFS.freshFolder().child(".dead.datahandle.lock");
        FSDataOutputStream dead = DFS.client().create(DFS.path(lock), false); // the cluster's client: another holder
        try (FileSystem fs = DFS.newFileSystem(Map.of(HdfsSettings.LOCK_TIMEOUT, "5s"))) {
            assertThat(fs.tryLock(lock)).as("fresh: its holder may be alive").isEmpty();

            makeOld(lock, 10);
            Optional<FileLock> taken = fs.tryLock(lock);
            assertThat(taken).isPresent();
            assertThatThrownBy(dead::close).as("the dead holder's lease is gone").isInstanceOf(IOException.class);
            taken.get().close();
        }
    }

    @Test
    void closedLockFileLeftBehindIsFree() throws IOException {
        Location lock = DFS.freshFolder().child(".left.datahandle.lock");
        DFS.client().create(DFS.path(lock), false).close();
        try (FileSystem fs = DFS.newFileSystem(Map.of())) {
            Optional<FileLock> taken = fs.tryLock(lock);
            assertThat(taken).isPresent();
            taken.get().close();
        }
    }

    /**
     * A holder that stalled past the timeout is taken over; when it wakes up and releases, it
     * removes only its own (old) lock file, by inode, never the new holder's file of the same name.
     */
    @Test
    void stalledHolderReleasingAfterTakeOverLeavesTheNewHoldersLockAlone() throws IOException {
        Location lock = DFS.freshFolder().child(".stall.datahandle.lock");
        try (FileSystem stalled = DFS.newFileSystem(Map.of());
                FileSystem next = DFS.newFileSystem(Map.of(HdfsSettings.LOCK_TIMEOUT, "5s"));
                FileSystem third = DFS.newFileSystem(Map.of())) {
            Optional<FileLock> old = stalled.tryLock(lock); // refreshes only every 30 s
            assertThat(old).isPresent();
            makeOld(lock, 10);

            Optional<FileLock> taken = next.tryLock(lock);
            assertThat(taken).isPresent();

            assertThatThrownBy(old.get()::close).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(lock.toString());
            assertThat(DFS.client().exists(DFS.path(lock))).isTrue();
            assertThat(third.tryLock(lock)).as("the new holder still holds it").isEmpty();
            taken.get().close();
        }
    }

    @Test
    void lockOnAFolderFailsNamingIt() throws IOException {
        Location folder = DFS.freshFolder().child("adir");
        DFS.client().mkdirs(DFS.path(folder));
        try (FileSystem fs = DFS.newFileSystem(Map.of())) {
            assertThatThrownBy(() -> fs.tryLock(folder)).isInstanceOf(IOException.class)
                    .hasMessageContaining(folder.toString());
        }
    }

    /** Sets the lock file's modification time {@code seconds} into the past, as if its holder stopped refreshing. */
    private static void makeOld(Location lock, int seconds) throws IOException {
        DFS.client().setTimes(DFS.path(lock), System.currentTimeMillis() - seconds * 1000L, -1);
    }
}
