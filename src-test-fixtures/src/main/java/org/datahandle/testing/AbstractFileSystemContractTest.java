package org.datahandle.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.datahandle.spi.Capability;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileLock;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.spi.SeekableInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link FileSystem} adapter must show. An adapter's test extends this class
 * and supplies the file system and a fresh empty root per test; tests of optional abilities run
 * only when {@link FileSystem#capabilities()} claims them, and otherwise check that the method
 * refuses with {@link UnsupportedOperationException}.
 */
public abstract class AbstractFileSystemContractTest {
    /** Generous bound for the concurrent tests; it only keeps a broken adapter from hanging the build. */
    private static final long TIMEOUT_SECONDS = 60;

    private Location root;

    /** The file system under test; the same instance for the whole test. */
    protected abstract FileSystem fileSystem();

    /** A folder (or key prefix) that is empty when the test starts and belongs to this test only. */
    protected abstract Location root();

    @BeforeEach
    final void captureRoot() {
        root = root();
    }

    // ---- stat

    @Test
    void statOfMissingFileIsEmpty() throws IOException {
        assertThat(fileSystem().stat(root.child("missing.txt"))).isEmpty();
    }

    @Test
    void statGivesSizeAndTimeOfFile() throws IOException {
        Location file = root.child("data.csv");
        write(file, "a,b\n1,2\n");

        Optional<FileEntry> entry = fileSystem().stat(file);

        assertThat(entry).isPresent();
        assertThat(entry.get().location()).isEqualTo(file);
        assertThat(entry.get().size()).isEqualTo(8);
        // Only a sanity bound: clocks of remote stores may differ a little from ours.
        assertThat(entry.get().modified()).isAfter(Instant.now().minus(Duration.ofDays(1)));
    }

    @Test
    void statOfFolderIsEmpty() throws IOException {
        Location folder = root.child("folder");
        write(folder.child("inside.txt"), "x");

        assertThat(fileSystem().stat(folder)).isEmpty();
    }

    // ---- list

    @Test
    void listGivesFilesSortedByName() throws IOException {
        write(root.child("c.txt"), "ccc");
        write(root.child("a.txt"), "a");
        write(root.child("b.txt"), "bb");

        List<FileEntry> entries = fileSystem().list(root);

        assertThat(entries).extracting(entry -> entry.location().fileName()).containsExactly("a.txt", "b.txt", "c.txt");
        assertThat(entries).extracting(FileEntry::size).containsExactly(1L, 2L, 3L);
        assertThat(entries).extracting(FileEntry::location)
                .containsExactly(root.child("a.txt"), root.child("b.txt"), root.child("c.txt"));
    }

    @Test
    void listOfMissingFolderIsEmpty() throws IOException {
        assertThat(fileSystem().list(root.child("nowhere"))).isEmpty();
    }

    @Test
    void listGivesOnlyFilesDirectlyInFolder() throws IOException {
        write(root.child("top.txt"), "top");
        write(root.child("sub").child("nested.txt"), "nested");

        assertThat(fileSystem().list(root)).extracting(entry -> entry.location().fileName()).containsExactly("top.txt");
        assertThat(fileSystem().list(root.child("sub"))).extracting(entry -> entry.location().fileName())
                .containsExactly("nested.txt");
    }

    @Test
    void listTreeGivesFilesAtAnyDepthSortedByPath() throws IOException {
        write(root.child("out").child("part-1.csv"), "1");
        write(root.child("out").child("chrom=2").child("part-0.csv"), "22");
        write(root.child("out").child("_SUCCESS"), "");
        write(root.child("outside.txt"), "x");

        List<FileEntry> entries = fileSystem().listTree(root.child("out"));

        assertThat(entries).extracting(FileEntry::location).containsExactly(root.child("out").child("_SUCCESS"),
                root.child("out").child("chrom=2").child("part-0.csv"), root.child("out").child("part-1.csv"));
        assertThat(entries).extracting(FileEntry::size).containsExactly(0L, 2L, 1L);
        assertThat(fileSystem().listTree(root.child("nowhere"))).isEmpty();
    }

    // ---- read and write

    @Test
    void openReadOfMissingFileFailsNamingIt() {
        Location missing = root.child("missing.txt");

        assertThatThrownBy(() -> fileSystem().openRead(missing).close())
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void createThenReadBack() throws IOException {
        Location file = root.child("round.txt");
        String content = "héllo\nwörld\n".repeat(1000);

        write(file, content);

        assertThat(read(file)).isEqualTo(content);
    }

    @Test
    void createMakesParentFolders() throws IOException {
        Location file = root.child("a").child("b").child("c.txt");

        write(file, "deep");

        assertThat(read(file)).isEqualTo("deep");
    }

    @Test
    void createReplacesExistingFile() throws IOException {
        Location file = root.child("over.txt");
        write(file, "a much longer first version");

        write(file, "short");

        assertThat(read(file)).isEqualTo("short");
        assertThat(fileSystem().stat(file)).map(FileEntry::size).contains(5L);
    }

    // ---- createExclusive

    @Test
    void createExclusiveWritesContent() throws IOException {
        Location file = root.child("sub").child("marker");

        fileSystem().createExclusive(file, bytes("first"));

        assertThat(read(file)).isEqualTo("first");
        assertThat(fileSystem().list(file.parent())).extracting(FileEntry::location).containsExactly(file);
    }

    @Test
    void createExclusiveOnExistingFileFailsAndKeepsContent() throws IOException {
        Location file = root.child("marker");
        fileSystem().createExclusive(file, bytes("first"));

        assertThatThrownBy(() -> fileSystem().createExclusive(file, bytes("second")))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(file.toString());
        assertThat(read(file)).isEqualTo("first");
    }

    @Test
    void racingCreateExclusiveHasExactlyOneWinner() throws Exception {
        assumeTrue(has(Capability.EXCLUSIVE_CREATE), "no atomic exclusive create: a race may have two winners");
        Location file = root.child("raced");
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            byte[] content = bytes("writer-" + i);
            attempts.add(() -> {
                start.await();
                try {
                    fileSystem().createExclusive(file, content);
                    return true;
                } catch (FileAlreadyExistsException e) {
                    return false;
                }
            });
        }

        List<Boolean> outcomes = runAll(attempts, start);

        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            if (outcomes.get(i)) {
                winners.add(i);
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(read(file)).isEqualTo("writer-" + winners.get(0));
        // No temporary files left behind by winners or losers.
        assertThat(fileSystem().list(root)).extracting(FileEntry::location).containsExactly(file);
    }

    // ---- rename

    @Test
    void renameReplacesTargetAndRemovesSource() throws IOException {
        Location source = root.child(".data.csv.tmp");
        Location target = root.child("data.csv");
        write(target, "old");
        write(source, "new content");

        fileSystem().rename(source, target);

        assertThat(read(target)).isEqualTo("new content");
        assertThat(fileSystem().stat(source)).isEmpty();
        assertThat(fileSystem().list(root)).extracting(FileEntry::location).containsExactly(target);
    }

    @Test
    void renameOfMissingSourceFailsNamingIt() throws IOException {
        Location source = root.child("missing.tmp");
        Location target = root.child("target.txt");
        write(target, "kept");

        assertThatThrownBy(() -> fileSystem().rename(source, target))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(source.toString());
        assertThat(read(target)).isEqualTo("kept");
    }

    /** A reader racing repeated replacements sees one whole version or the other, never a mix or nothing. */
    @Test
    void renameReplacesAtomicallyForConcurrentReaders() throws Exception {
        assumeTrue(has(Capability.ATOMIC_RENAME), "rename is not atomic here");
        Location target = root.child("published.txt");
        String versionA = "A".repeat(64 * 1024);
        String versionB = "B".repeat(64 * 1024);
        write(target, versionA);
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);

        Callable<Boolean> writer = () -> {
            start.await();
            try {
                for (int i = 0; i < 100; i++) {
                    Location temp = root.child(".published.txt." + i + ".tmp");
                    write(temp, i % 2 == 0 ? versionB : versionA);
                    fileSystem().rename(temp, target);
                }
            } finally {
                writing.set(false);
            }
            return true;
        };
        Callable<Boolean> reader = () -> {
            start.await();
            int reads = 0;
            while (writing.get() || reads == 0) {
                String seen;
                try {
                    seen = read(target);
                } catch (IOException replacedWhileReading) {
                    // HDFS deletes the blocks of a replaced file, so a reader that opened the old
                    // version may fail ("Blocklist has changed"); a clean failure is not a mix
                    continue;
                }
                if (!seen.equals(versionA) && !seen.equals(versionB)) {
                    throw new AssertionError("a reader saw a mixed or partial file of " + seen.length() + " chars");
                }
                reads++;
            }
            return true;
        };

        assertThat(runAll(List.of(writer, reader), start)).containsExactly(true, true);
        assertThat(fileSystem().list(root)).extracting(FileEntry::location).containsExactly(target);
    }

    // ---- delete and folders

    @Test
    void deleteReportsWhetherThereWasAFile() throws IOException {
        Location file = root.child("gone.txt");
        write(file, "x");

        assertThat(fileSystem().delete(file)).isTrue();
        assertThat(fileSystem().stat(file)).isEmpty();
        assertThat(fileSystem().delete(file)).isFalse();
    }

    @Test
    void deleteNeverRemovesNonEmptyFolder() throws IOException {
        Location folder = root.child("keep");
        Location inside = folder.child("inside.txt");
        write(inside, "x");

        try {
            assertThat(fileSystem().delete(folder)).isFalse();
        } catch (IOException refused) {
            // Refusing with an error is as good as reporting nothing deleted (POSIX: ENOTEMPTY).
            assertThat(refused).hasMessageContaining(folder.toString());
        }
        assertThat(read(inside)).isEqualTo("x");
    }

    @Test
    void createFoldersIsIdempotentAndLeavesNoFiles() throws IOException {
        Location folder = root.child("x").child("y");

        fileSystem().createFolders(folder);
        fileSystem().createFolders(folder);
        write(folder.child("f.txt"), "f");

        assertThat(fileSystem().list(folder)).extracting(entry -> entry.location().fileName()).containsExactly("f.txt");
        assertThat(fileSystem().list(root.child("x"))).isEmpty();
    }

    // ---- seekable

    @Test
    void seekableReadsAtOffsets() throws IOException {
        assumeTrue(has(Capability.SEEKABLE), "no random access");
        Location file = root.child("bytes.bin");
        byte[] content = new byte[1000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 7);
        }
        try (OutputStream out = fileSystem().create(file)) {
            out.write(content);
        }

        try (SeekableInput input = fileSystem().openSeekable(file)) {
            assertThat(input.length()).isEqualTo(1000);

            byte[] buffer = new byte[20];
            assertThat(input.read(500, buffer, 5, 10)).isEqualTo(10);
            assertThat(Arrays.copyOfRange(buffer, 5, 15)).isEqualTo(Arrays.copyOfRange(content, 500, 510));
            assertThat(Arrays.copyOfRange(buffer, 0, 5)).containsOnly((byte) 0);

            // Earlier offsets after later ones: no hidden stream position.
            assertThat(input.read(0, buffer, 0, 4)).isEqualTo(4);
            assertThat(Arrays.copyOfRange(buffer, 0, 4)).isEqualTo(Arrays.copyOfRange(content, 0, 4));

            assertThat(input.read(995, buffer, 0, 20)).isEqualTo(5);
            assertThat(Arrays.copyOfRange(buffer, 0, 5)).isEqualTo(Arrays.copyOfRange(content, 995, 1000));

            assertThat(input.read(1000, buffer, 0, 20)).isEqualTo(-1);
            assertThat(input.read(5000, buffer, 0, 20)).isEqualTo(-1);
        }
    }

    @Test
    void openSeekableOfMissingFileFailsNamingIt() {
        assumeTrue(has(Capability.SEEKABLE), "no random access");
        Location missing = root.child("missing.bin");

        assertThatThrownBy(() -> fileSystem().openSeekable(missing).close())
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void openSeekableWithoutCapabilityIsRefused() throws IOException {
        assumeFalse(has(Capability.SEEKABLE), "random access is supported");
        Location file = root.child("bytes.bin");
        write(file, "abc");

        assertThatThrownBy(() -> fileSystem().openSeekable(file).close()).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- locks

    @Test
    void tryLockIsExclusiveUntilClosed() throws IOException {
        assumeTrue(has(Capability.EXCLUSIVE_LOCK), "no exclusive lock");
        Location lockFile = root.child(".lock");

        Optional<FileLock> first = fileSystem().tryLock(lockFile);
        assertThat(first).isPresent();
        assertThat(fileSystem().tryLock(lockFile)).isEmpty();

        first.get().close();
        first.get().close(); // idempotent

        Optional<FileLock> again = fileSystem().tryLock(lockFile);
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void locksOnDifferentLocationsAreIndependent() throws IOException {
        assumeTrue(has(Capability.EXCLUSIVE_LOCK), "no exclusive lock");

        Optional<FileLock> one = fileSystem().tryLock(root.child("one.lock"));
        Optional<FileLock> two = fileSystem().tryLock(root.child("two.lock"));
        try {
            assertThat(one).isPresent();
            assertThat(two).isPresent();
        } finally {
            one.ifPresent(FileLock::close);
            two.ifPresent(FileLock::close);
        }
    }

    @Test
    void tryLockWithoutCapabilityIsRefused() {
        assumeFalse(has(Capability.EXCLUSIVE_LOCK), "exclusive locks are supported");

        assertThatThrownBy(() -> fileSystem().tryLock(root.child(".lock"))).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- helpers for subclasses and tests

    /** True when the file system under test claims the capability. */
    protected final boolean has(Capability capability) {
        return fileSystem().capabilities().contains(capability);
    }

    /** Writes a UTF-8 string through {@link FileSystem#create}. */
    protected final void write(Location location, String content) throws IOException {
        try (OutputStream out = fileSystem().create(location)) {
            out.write(bytes(content));
        }
    }

    /** Reads a whole file as UTF-8 through {@link FileSystem#openRead}. */
    protected final String read(Location location) throws IOException {
        try (InputStream in = fileSystem().openRead(location)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static byte[] bytes(String content) {
        return content.getBytes(UTF_8);
    }

    /**
     * Runs the tasks on their own threads, opens the start gate so they begin together, and gives
     * their results in order; a task's failure fails the test with its own exception.
     */
    private static <T> List<T> runAll(List<Callable<T>> tasks, CountDownLatch start) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(executor.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    if (e.getCause() instanceof Error cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
            return results;
        } finally {
            executor.shutdownNow();
            if (!executor.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("file system tasks did not stop within " + TIMEOUT_SECONDS + " s");
            }
        }
    }
}
