package org.datahandle.formats.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.HandleState;
import org.datahandle.NotProducedException;
import org.datahandle.table.Table;
import org.datahandle.testing.SampleTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The produced rules of design §5 on {@code shm:}, the ones where shared memory could differ from local disk:
 * flags and restarts, write-once, racing writers, commit records that notice changes, all-or-nothing parts.
 */
class SharedMemoryRulesTest {
    private final Path folder = Path.of("/dev/shm", "datahandle-test-" + UUID.randomUUID());

    @TempDir
    Path workDir;

    @AfterEach
    void removeFolder() throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Catalog load(String yaml) {
        return Catalog.builder().baseDirectory(workDir).fileSystemOption("shm.directory", folder.toString())
                .fromYaml(yaml);
    }

    private static final String ONE = "out:\n  disk: {path: 'shm:///r/out.arrow'}\n";
    private static final String PARTS = "out:\n  disk: {path: ['shm:///r/p1.arrow', 'shm:///r/p2.arrow']}\n";

    @Test
    void flagsRestartsAndWriteOnce() {
        Table t = SampleTables.manyRows(0, 100);
        try (Catalog c = load(ONE)) {
            DataHandle h = c.get("out");
            assertThat(h.state()).isEqualTo(new HandleState(HandleState.DiskState.NOT_PRODUCED,
                    HandleState.MemoryState.NOT_PRODUCED));
            assertThatThrownBy(h::read).isInstanceOf(NotProducedException.class);         // rule 7
            h.write(t);                                                                     // rules 1, 9
            assertThat(h.state().diskProduced()).isTrue();
            assertThat(h.state().memoryProduced()).isTrue();
            assertThatThrownBy(() -> h.write(t)).isInstanceOf(AlreadyProducedException.class); // rule 4
        }
        try (Catalog c = load(ONE)) {                                                       // rule 3
            DataHandle h = c.get("out");
            assertThat(h.state().memoryProduced()).isFalse();
            assertThat(h.state().diskProduced()).isTrue();
            assertThat(h.read()).isEqualTo(t);                                              // rule 6
            h.deleteDisk();                                                                 // rule 5
            assertThat(h.state().memoryProduced()).isFalse();
            assertThat(h.state().diskProduced()).isFalse();
        }
    }

    @Test
    void exactlyOneOfEightThreadsWinsAndTheDataIsTheWinnersAlone() throws Exception {
        try (Catalog c = load(ONE)) {
            DataHandle h = c.get("out");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> outcomes = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    int writer = i;
                    Callable<Integer> task = () -> {
                        start.await();
                        try {
                            h.write(SampleTables.manyRows(writer * 10_000, writer * 10_000 + 5_000));
                            return writer;
                        } catch (AlreadyProducedException e) {
                            return -1;
                        }
                    };
                    outcomes.add(pool.submit(task));
                }
                start.countDown();
                List<Integer> winners = new ArrayList<>();
                for (Future<Integer> f : outcomes) {
                    if (f.get() >= 0) {
                        winners.add(f.get());
                    }
                }
                assertThat(winners).hasSize(1);
                h.dropMemory();
                int w = winners.get(0);
                assertThat(h.read()).isEqualTo(SampleTables.manyRows(w * 10_000, w * 10_000 + 5_000));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aFileChangedBehindOurBackReadsAsNotProduced() throws IOException {
        try (Catalog c = load(ONE)) {
            c.get("out").write(SampleTables.manyRows(0, 1000));
        }
        Path data = folder.resolve("r/out.arrow");
        byte[] bytes = Files.readAllBytes(data);
        Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length / 2));               // rule 13
        try (Catalog c = load(ONE)) {
            DataHandle h = c.get("out");
            assertThat(h.state().diskProduced()).isFalse();
            assertThatThrownBy(h::read).isInstanceOf(NotProducedException.class).hasMessageContaining("out.arrow");
        }
    }

    @Test
    void aMissingPartMakesTheWholeNotProduced() throws IOException {
        try (Catalog c = load(PARTS)) {
            c.get("out").write(SampleTables.manyRows(0, 1000));                            // rows split across parts
            c.get("out").dropMemory();
            assertThat(c.get("out").read().rowCount()).isEqualTo(1000);
        }
        Files.delete(folder.resolve("r/p2.arrow"));                                         // rule 14
        try (Catalog c = load(PARTS)) {
            assertThat(c.get("out").state().diskProduced()).isFalse();
            assertThatThrownBy(() -> c.get("out").read()).hasMessageContaining("p2.arrow");
        }
    }
}
