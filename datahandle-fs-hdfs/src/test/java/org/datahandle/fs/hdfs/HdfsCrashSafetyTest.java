package org.datahandle.fs.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.spi.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A writer JVM killed with SIGKILL in the middle of writing to HDFS leaves the handle not produced
 * and nothing at the final path; its lock (an open file whose lease the dead JVM still holds) is
 * taken over once it has not been refreshed for {@code hdfs.lockTimeout}, so the next writer can
 * write.
 */
class HdfsCrashSafetyTest {
    static final String LOCK_TIMEOUT = "5s";
    static final int BLOCK_SIZE = 128 * 1024;

    @RegisterExtension
    static final MiniDfs DFS = new MiniDfs();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void sigkillMidWriteLeavesTheHandleNotProducedAndTheNextWriterTakesOver() throws Exception {
        Location folder = DFS.freshFolder();
        Location target = folder.child("big.csv.gz");
        try (ChildJvm child = ChildJvm.start(List.of("-Xmx512m"), ChildWriterMain.class, target.toString(), "400000")) {
            FileStatus staged = waitForStagedBlock(folder, child);
            assertThat(staged.getPath().getName()).startsWith(".staging-").endsWith("big.csv.gz");
            assertThat(DFS.client().exists(DFS.path(target))).isFalse();
            child.process().destroyForcibly(); // SIGKILL: no finally block, no shutdown hook, no lease release
            assertThat(child.waitFor(30)).isNotZero();
        }
        assertThat(DFS.client().exists(DFS.path(target))).as("nothing at the final path").isFalse();

        String yaml = "out:\n  disk:\n    path: " + target + "\n";
        try (Catalog c = Catalog.builder().fileSystemOption(HdfsSettings.LOCK_TIMEOUT, LOCK_TIMEOUT).fromYaml(yaml)) {
            DataHandle h = c.get("out");
            assertThat(h.state().diskProduced()).isFalse();
            // the dead writer's lock is busy until it is older than the timeout, then taken over
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                try {
                    h.write(Rows.of(10, "after"));
                    break;
                } catch (AlreadyProducedException busy) {
                    assertThat(busy).hasMessageContaining("another writer");
                    assertThat(System.nanoTime()).as("lock taken over before the deadline").isLessThan(deadline);
                    Thread.sleep(500);
                }
            }
            assertThat(h.state().diskProduced()).isTrue();
        }
        try (Catalog c = Catalog.fromYaml(yaml, java.nio.file.Path.of("."))) {
            assertThat(c.get("out").read().get(9, "name")).isEqualTo("after-9");
        }
        for (FileStatus status : DFS.client().listStatus(DFS.path(folder))) {
            assertThat(status.getPath().getName()).as("the dead writer's staged file was cleaned up")
                    .doesNotStartWith(".staging-");
        }
    }

    /** Waits until the child's staged file has at least one complete block on HDFS. */
    private static FileStatus waitForStagedBlock(Location folder, ChildJvm child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!child.process().isAlive()) {
                throw new AssertionError("child ended before it was killed:\n" + child.tail());
            }
            Optional<FileStatus> staged = stagedFile(folder);
            if (staged.isPresent() && staged.get().getLen() >= BLOCK_SIZE) {
                return staged.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no staged block appeared; the child printed:\n" + child.tail());
    }

    private static Optional<FileStatus> stagedFile(Location folder) throws Exception {
        if (!DFS.client().exists(DFS.path(folder))) {
            return Optional.empty();
        }
        for (FileStatus status : DFS.client().listStatus(DFS.path(folder))) {
            if (status.getPath().getName().startsWith(".staging-")) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
