package org.datahandle.fs.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock against other processes: what {@code Capability.EXCLUSIVE_LOCK} promises beyond one JVM. */
class LocalFileLockProcessTest {
    /** Bounds every wait on the child; only a broken build or machine gets near it. */
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path temp;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void lockHeldByAnotherProcessIsBusyUntilThatProcessIsKilled() throws Exception {
        Path lockFile = temp.resolve("handle.lock");
        Location location = Location.of(lockFile);
        Process holder = start("hold", lockFile);
        BufferedReader output = reader(holder);
        assertThat(firstLine(holder, output)).isEqualTo("LOCKED");

        try (FileSystem fileSystem = new LocalFileSystemFactory().create(Map.of())) {
            assertThat(fileSystem.tryLock(location)).isEmpty();

            holder.destroyForcibly(); // SIGKILL: no finally block or shutdown hook runs in the child
            assertThat(holder.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("child exited").isTrue();

            Optional<FileLock> lock = fileSystem.tryLock(location);
            assertThat(lock).isPresent();
            lock.get().close();
        }
    }

    /**
     * Two catalogs in one JVM have two file systems. The second one's attempt must not disturb the
     * first one's lock: on POSIX, closing any descriptor of the file would release it for everyone.
     */
    @Test
    void secondFileSystemInThisJvmIsRefusedWithoutReleasingTheFirstsLock() throws Exception {
        Path lockFile = temp.resolve("handle.lock");
        Location location = Location.of(lockFile);
        try (FileSystem first = new LocalFileSystemFactory().create(Map.of());
                FileSystem second = new LocalFileSystemFactory().create(Map.of())) {
            Optional<FileLock> held = first.tryLock(location);
            assertThat(held).isPresent();

            assertThat(second.tryLock(location)).isEmpty();
            assertThat(probe(lockFile)).as("another process while this JVM holds the lock").isEqualTo("BUSY");

            held.get().close();
            assertThat(probe(lockFile)).as("another process after release").isEqualTo("TAKEN");

            Optional<FileLock> retaken = second.tryLock(location);
            assertThat(retaken).isPresent();
            retaken.get().close();
        }
    }

    /**
     * The lock file goes with each release, so a locker may open a name that is unlinked a moment
     * later; three processes taking and releasing one lock thousands of times must still never hold
     * it at once (each proves it alone by creating a marker file exclusively while it holds it).
     */
    @Test
    void lockersRacingThroughRemovedLockFilesNeverHoldItAtOnce() throws Exception {
        // Several rounds: an overlap came in about one round of six when the check trusted an inode
        // number read before opening (a freed number came back under the name).
        for (int round = 0; round < 5; round++) {
            raceOnce(temp.resolve("race-" + round + ".lock"), temp.resolve("holder-" + round));
        }
    }

    private void raceOnce(Path lockFile, Path marker) throws Exception {
        List<Process> hammers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), LockHolderMain.class.getName(), "hammer",
                    lockFile.toString(), marker.toString(), "3000").redirectErrorStream(true).start();
            children.add(p);
            hammers.add(p);
        }
        long taken = 0;
        for (Process p : hammers) {
            String line = firstLine(p, reader(p));
            assertThat(line).as("a hammer's report").startsWith("DONE ");
            taken += Long.parseLong(line.substring(5).trim());
        }
        assertThat(taken).as("the lock was taken at all").isPositive();
        assertThat(lockFile).as("no lock file is left").doesNotExist();
    }

    private String probe(Path lockFile) throws Exception {
        Process prober = start("probe", lockFile);
        String line = firstLine(prober, reader(prober));
        assertThat(prober.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("probe exited").isTrue();
        return line;
    }

    private Process start(String mode, Path lockFile) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx32m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(), mode, lockFile.toString())
                .redirectErrorStream(true)
                .start();
        children.add(process);
        return process;
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    }

    /** The child's first line of output; on a timeout or early exit, fails with what it printed. */
    private static String firstLine(Process process, BufferedReader output) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String first = output.readLine();
                if (first == null) {
                    return "(no output)";
                }
                if (first.equals("LOCKED") || first.equals("BUSY") || first.equals("TAKEN")
                        || first.startsWith("DONE ") || first.equals("OVERLAP")) {
                    return first;
                }
                // Anything else is an error report (a stack trace): give all of it.
                StringBuilder all = new StringBuilder(first);
                for (String next = output.readLine(); next != null; next = output.readLine()) {
                    all.append('\n').append(next);
                }
                return all.toString();
            } catch (IOException e) {
                return "(cannot read the child's output: " + e + ")";
            }
        });
        try {
            return line.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            if (!line.isDone()) {
                process.destroyForcibly();
            }
        }
    }
}
