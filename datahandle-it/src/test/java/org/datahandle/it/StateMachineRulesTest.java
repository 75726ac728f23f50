package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.it.Workflows.handle;
import static org.datahandle.it.Workflows.load;
import static org.datahandle.it.Workflows.rows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ExternalWrite;
import org.datahandle.HandleState;
import org.datahandle.NotProducedException;
import org.datahandle.StorageException;
import org.datahandle.spi.CodecFactory;
import org.datahandle.spi.FormatProvider;
import org.datahandle.spi.Registry;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fourteen rules of design §5, each through the public API on local CSV files. */
class StateMachineRulesTest {
    @TempDir
    Path dir;

    @Nested
    class Rule1_movesSetTheRightFlags {
        @Test
        void writeIsO2MThenM2D() {
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                DataHandle h = c.get("out");
                assertThat(h.state().disk()).isEqualTo(HandleState.DiskState.NOT_PRODUCED);
                h.write(rows(3, "a"));
                assertThat(h.state().diskProduced()).isTrue();
                assertThat(h.state().memoryProduced()).isTrue();
            }
        }

        @Test
        void readIsD2MThenM2O() throws IOException {
            Files.writeString(dir.resolve("in.csv"), "id,name\n1,x\n2,y\n");
            try (Catalog c = load(dir, handle("in", "in.csv"))) {
                DataHandle h = c.get("in");
                assertThat(h.state()).isEqualTo(new HandleState(HandleState.DiskState.PRODUCED,
                        HandleState.MemoryState.NOT_PRODUCED));
                assertThat(h.read().rowCount()).isEqualTo(2);
                assertThat(h.state().memoryProduced()).isTrue();
            }
        }

        @Test
        void externalWriteIsO2DAndLeavesMemoryAlone() throws IOException {
            try (Catalog c = load(dir, handle("ext", "ext.csv"))) {
                DataHandle h = c.get("ext");
                try (ExternalWrite w = h.disk().beginExternalWrite()) {
                    Files.writeString(Path.of(w.paths().get(0)), "a\n1\n");
                    w.commit();
                }
                assertThat(h.state().diskProduced()).isTrue();
                assertThat(h.state().memoryProduced()).isFalse();
            }
        }
    }

    @Nested
    class Rule2_memoryStaysUntilDropped {
        @Test
        void memoryOutlivesTheFileOnDisk() throws IOException {
            Files.writeString(dir.resolve("in.csv"), "id\n1\n");
            try (Catalog c = load(dir, handle("in", "in.csv"))) {
                DataHandle h = c.get("in");
                Table first = h.read();
                Files.delete(dir.resolve("in.csv"));
                assertThat(h.read()).isEqualTo(first);
                assertThat(h.state().memoryProduced()).isTrue();
                assertThat(h.state().diskProduced()).isFalse();
                h.dropMemory();
                assertThatThrownBy(h::read).isInstanceOfSatisfying(NotProducedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_PRODUCED);
                    assertThat(e.handleId()).contains("in");
                    assertThat(e.location().path()).hasValueSatisfying(p -> assertThat(p).endsWith("in.csv"));
                    assertThat(e.getMessage()).startsWith("handle 'in': " + e.location().path().orElseThrow() + ": ");
                });
            }
        }
    }

    @Nested
    class Rule3_aNewCatalogStartsWithMemoryEmptyAndDiskFromStorage {
        @Test
        void restart() {
            String yaml = handle("out", "out.csv") + "tmp: {}\n";
            try (Catalog c = load(dir, yaml)) {
                c.get("out").write(rows(2, "a"));
                c.get("tmp").write(rows(2, "t"));
            }
            try (Catalog c = load(dir, yaml)) {
                assertThat(c.get("out").state()).isEqualTo(new HandleState(HandleState.DiskState.PRODUCED,
                        HandleState.MemoryState.NOT_PRODUCED));
                assertThat(c.get("tmp").state()).isEqualTo(new HandleState(HandleState.DiskState.NONE,
                        HandleState.MemoryState.NOT_PRODUCED));
            }
        }
    }

    @Nested
    class Rule4_noOverwrite {
        @Test
        void secondWriteFailsUntilDeleted() {
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                DataHandle h = c.get("out");
                h.write(rows(2, "first"));
                assertThatThrownBy(() -> h.write(rows(2, "second")))
                        .isInstanceOf(AlreadyProducedException.class).hasMessageContaining("out");
                h.dropMemory();
                assertThatThrownBy(() -> h.write(rows(2, "second")))
                        .isInstanceOf(AlreadyProducedException.class).hasMessageContaining("out.csv");
                h.deleteDisk();
                h.write(rows(2, "second"));
                assertThat(h.read().get(0, "name")).isEqualTo("second-0");
            }
        }

        @Test
        void existingInputFromOutsideIsNotOverwritten() throws IOException {
            Files.writeString(dir.resolve("in.csv"), "id\n1\n");
            try (Catalog c = load(dir, handle("in", "in.csv"))) {
                assertThatThrownBy(() -> c.get("in").write(rows(1, "x"))).isInstanceOf(AlreadyProducedException.class);
                assertThatThrownBy(() -> c.get("in").disk().beginExternalWrite())
                        .isInstanceOf(AlreadyProducedException.class);
            }
            assertThat(Files.readString(dir.resolve("in.csv"))).isEqualTo("id\n1\n");
        }

        @Test
        void temporaryHandlesToo() {
            try (Catalog c = load(dir, "tmp: {}\n")) {
                c.get("tmp").write(rows(1, "a"));
                assertThatThrownBy(() -> c.get("tmp").write(rows(1, "b"))).isInstanceOf(AlreadyProducedException.class);
            }
        }
    }

    @Nested
    class Rule5_deleteCascadesDropDoesNot {
        @Test
        void deleteDiskDropsMemory() throws IOException {
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                DataHandle h = c.get("out");
                h.write(rows(2, "a"));
                h.deleteDisk();
                assertThat(h.state()).isEqualTo(new HandleState(HandleState.DiskState.NOT_PRODUCED,
                        HandleState.MemoryState.NOT_PRODUCED));
                assertThat(dir.resolve("out.csv")).doesNotExist();
                try (Stream<Path> files = Files.list(dir)) {
                    assertThat(files.map(p -> p.getFileName().toString()))
                            .noneMatch(n -> n.endsWith(".datahandle.json"));
                }
            }
        }

        @Test
        void dropMemoryKeepsDisk() {
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                DataHandle h = c.get("out");
                h.write(rows(2, "a"));
                h.dropMemory();
                assertThat(h.state().diskProduced()).isTrue();
                assertThat(h.state().memoryProduced()).isFalse();
                assertThat(h.read().rowCount()).isEqualTo(2);
            }
        }
    }

    @Nested
    class Rule6_oneLoadForConcurrentReaders {
        @Test
        void everyReaderGetsTheSameLoadedTable() throws Exception {
            StringBuilder csv = new StringBuilder("id,name\n");
            for (int i = 0; i < 20_000; i++) {
                csv.append(i).append(",n").append(i).append('\n');
            }
            Files.writeString(dir.resolve("big.csv"), csv);
            try (Catalog c = load(dir, handle("big", "big.csv"))) {
                DataHandle h = c.get("big");
                List<Table> tables = runConcurrently(8, h::read);
                // one D2M: every reader holds the very same object, not equal copies from separate loads
                assertThat(tables).allSatisfy(t -> assertThat(t).isSameAs(tables.get(0)));
                assertThat(tables.get(0).rowCount()).isEqualTo(20_000);
            }
        }
    }

    @Nested
    class Rule7_readingUnproducedDisk {
        @Test
        void missingInputIsNotProduced() {
            try (Catalog c = load(dir, handle("in", "missing.csv"))) {
                DataHandle h = c.get("in");
                assertThatThrownBy(h::read).isInstanceOf(NotProducedException.class)
                        .hasMessageContaining("in").hasMessageContaining("missing.csv");
                assertThatThrownBy(() -> h.disk().pathsForRead()).isInstanceOf(NotProducedException.class);
                assertThatThrownBy(h::stream).isInstanceOf(NotProducedException.class);
                assertThat(h.state().memoryProduced()).isFalse();
            }
        }
    }

    @Nested
    class Rule8_temporaryHandles {
        @Test
        void readBeforeWriteIsNotProduced() {
            try (Catalog c = load(dir, "scratch: {}\n")) {
                DataHandle declared = c.get("scratch");
                assertThat(declared.spec().temporary()).isTrue();
                assertThatThrownBy(declared::read).isInstanceOf(NotProducedException.class);
                assertThatThrownBy(declared::disk).isInstanceOf(DataHandleException.class)
                        .hasMessageContaining("temporary");
                DataHandle made = c.temporary("adHoc");
                assertThat(c.temporary("adHoc")).isSameAs(made);
                assertThat(c.get("adHoc")).isSameAs(made);
                made.write(Map.of("k", 1));
                Map<?, ?> back = made.read(Map.class);
                assertThat(back.get("k")).isEqualTo(1);
                assertThat(made.state().disk()).isEqualTo(HandleState.DiskState.NONE);
            }
        }

        @Test
        void aDeclaredDiskHandleIsNotTemporary() {
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                assertThatThrownBy(() -> c.temporary("out")).isInstanceOf(DataHandleException.class)
                        .hasMessageContaining("out.csv");
            }
        }
    }

    @Nested
    class Rule9_writeDumpsBeforeReturning {
        @Test
        void anotherCatalogSeesTheDataRightAfterWrite() {
            try (Catalog writer = load(dir, handle("out", "out.csv"))) {
                writer.get("out").write(rows(5, "w"));
                try (Catalog reader = load(dir, handle("out", "out.csv"))) {
                    Table t = reader.get("out").read();
                    assertThat(t.rowCount()).isEqualTo(5);
                    assertThat(t.get(4, "name")).isEqualTo("w-4");
                    assertThat(t.get(4, "score")).isEqualTo(2.0);
                }
            }
        }
    }

    @Nested
    class Rule10_externalToolsGoThroughTheHandle {
        @Test
        void closeWithoutCommitRemovesStagedFiles() throws IOException {
            try (Catalog c = load(dir, handle("ext", "ext.csv"))) {
                DataHandle h = c.get("ext");
                Path staged;
                try (ExternalWrite w = h.disk().beginExternalWrite()) {
                    staged = Path.of(w.paths().get(0));
                    assertThat(staged.getFileName().toString()).startsWith(".").endsWith("ext.csv");
                    assertThat(h.state().disk()).isEqualTo(HandleState.DiskState.WRITING);
                    Files.writeString(staged, "a\n1\n");
                }
                assertThat(staged).doesNotExist();
                assertThat(dir.resolve("ext.csv")).doesNotExist();
                assertThat(h.state().disk()).isEqualTo(HandleState.DiskState.NOT_PRODUCED);
            }
        }

        @Test
        void commitWithAMissingFileFailsAndPublishesNothing() {
            try (Catalog c = load(dir, "two:\n  disk:\n    path: [a.csv, b.csv]\n")) {
                DataHandle h = c.get("two");
                try (ExternalWrite w = h.disk().beginExternalWrite()) {
                    Workflows.write(Path.of(w.paths().get(0)), "x\n1\n");
                    assertThatThrownBy(w::commit).isInstanceOf(DataHandleException.class)
                            .hasMessageContaining("b.csv");
                }
                assertThat(dir.resolve("a.csv")).doesNotExist();
                assertThat(h.state().diskProduced()).isFalse();
            }
        }

        @Test
        void pathsForReadGivesTheConcreteFiles() throws IOException {
            Files.createDirectories(dir.resolve("parts"));
            Files.writeString(dir.resolve("parts/chr2.csv"), "a\n2\n");
            Files.writeString(dir.resolve("parts/chr1.csv"), "a\n1\n");
            try (Catalog c = load(dir, handle("chr", "parts/chr*.csv"))) {
                List<URI> paths = c.get("chr").disk().pathsForRead();
                assertThat(paths).containsExactly(dir.resolve("parts/chr1.csv").toUri(),
                        dir.resolve("parts/chr2.csv").toUri());
            }
        }
    }

    @Nested
    class Rule11_publishIsAtomic {
        @Test
        void nothingAtTheFinalPathWhileStaging() throws IOException {
            try (Catalog c = load(dir, handle("ext", "ext.csv"))) {
                try (ExternalWrite w = c.get("ext").disk().beginExternalWrite()) {
                    Files.writeString(Path.of(w.paths().get(0)), "a\n1\n");
                    assertThat(dir.resolve("ext.csv")).doesNotExist();
                    w.commit();
                }
                assertThat(dir.resolve("ext.csv")).hasContent("a\n1");
            }
        }

        @Test
        void aFailedDumpLeavesNothingBehind() throws IOException {
            FailingCodec boom = new FailingCodec();
            Registry registry = Registry.builder().discover(Catalog.class.getClassLoader())
                    .register((FormatProvider) boom).register((CodecFactory) boom).build();
            Workflows.write(dir.resolve("workflow.yaml"), handle("out", "out.boom"));
            try (Catalog c = Catalog.builder().registry(registry).load(dir.resolve("workflow.yaml"))) {
                DataHandle h = c.get("out");
                assertThatThrownBy(() -> h.write(rows(10, "a"))).isInstanceOf(StorageException.class)
                        .hasMessageContaining("out").hasMessageContaining("No space left on device");
                assertThat(h.state()).isEqualTo(new HandleState(HandleState.DiskState.NOT_PRODUCED,
                        HandleState.MemoryState.NOT_PRODUCED));
                try (Stream<Path> files = Files.list(dir)) {
                    assertThat(files.map(p -> p.getFileName().toString()))
                            .containsExactly("workflow.yaml"); // not even the writer's lock file
                }
            }
        }
    }

    @Nested
    class Rule12_racingWritersInOneProcess {
        @Test
        void exactlyOneOfEightThreadsWins() throws Exception {
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                DataHandle h = c.get("out");
                List<String> outcomes = runConcurrently(8, () -> {
                    String tag = Thread.currentThread().getName();
                    try {
                        h.write(rows(2_000, tag));
                        return "won:" + tag;
                    } catch (AlreadyProducedException e) {
                        return "lost";
                    }
                });
                assertThat(outcomes).filteredOn(o -> o.startsWith("won")).hasSize(1);
                String winner = outcomes.stream().filter(o -> o.startsWith("won")).findFirst().orElseThrow()
                        .substring(4);
                h.dropMemory();
                Table t = h.read();
                assertThat(t.rowCount()).isEqualTo(2_000);
                for (int r = 0; r < t.rowCount(); r++) {
                    assertThat(t.get(r, "name")).isEqualTo(winner + "-" + r);
                }
            }
        }
    }

    @Nested
    class Rule13_commitRecords {
        @Test
        void recordIsWrittenBesideTheData() throws IOException {
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                c.get("out").write(rows(2, "a"));
            }
            Path record = dir.resolve(".out.csv.datahandle.json");
            assertThat(record).exists();
            assertThat(Files.readString(record)).contains("\"handle\"", "out", "crc32c", "\"size\"", "score");
        }

        @Test
        void recordedChecksumsAreThoseOfTheFilesOnDisk() throws IOException {
            String yaml = handle("lib", "lib.csv.gz") + handle("ext", "ext.csv");
            try (Catalog c = load(dir, yaml)) {
                c.get("lib").write(rows(1_000, "a"));   // summed as it is written
                try (ExternalWrite w = c.get("ext").disk().beginExternalWrite()) {
                    Files.writeString(Path.of(w.paths().get(0)), "x\n1\n"); // summed at commit
                    w.commit();
                }
            }
            for (String name : List.of("lib.csv.gz", "ext.csv")) {
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                crc.update(Files.readAllBytes(dir.resolve(name)));
                String hex = java.util.HexFormat.of().toHexDigits((int) crc.getValue());
                assertThat(Files.readString(dir.resolve("." + name + ".datahandle.json")))
                        .contains("\"crc32c\" : \"" + hex + "\"");
            }
        }

        @Test
        void truncatedFileReadsAsNotProduced() throws IOException {
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                c.get("out").write(rows(100, "a"));
            }
            Path data = dir.resolve("out.csv");
            byte[] bytes = Files.readAllBytes(data);
            Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                DataHandle h = c.get("out");
                assertThat(h.state().diskProduced()).isFalse();
                assertThatThrownBy(h::read).isInstanceOf(NotProducedException.class)
                        .hasMessageContaining("out.csv").hasMessageContaining("bytes");
                // not produced, so it may be written again
                h.write(rows(3, "b"));
                assertThat(h.state().diskProduced()).isTrue();
            }
        }

        @Test
        void fileReplacedWithSameSizeReadsAsNotProduced() throws IOException {
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                c.get("out").write(rows(10, "a"));
            }
            Path data = dir.resolve("out.csv");
            String text = Files.readString(data).replace("a-1", "b-1");
            Files.writeString(data, text);
            Files.setLastModifiedTime(data, FileTime.fromMillis(Files.getLastModifiedTime(data).toMillis() + 5_000));
            try (Catalog c = load(dir, handle("out", "out.csv"))) {
                assertThatThrownBy(() -> c.get("out").read()).isInstanceOf(NotProducedException.class)
                        .hasMessageContaining("modified");
            }
        }

        @Test
        void deletedPartReadsAsNotProduced() throws IOException {
            String yaml = "out:\n  disk:\n    path: [p1.csv, p2.csv]\n";
            try (Catalog c = load(dir, yaml)) {
                c.get("out").write(rows(10, "a"));
            }
            Files.delete(dir.resolve("p2.csv"));
            try (Catalog c = load(dir, yaml)) {
                assertThat(c.get("out").state().diskProduced()).isFalse();
                assertThatThrownBy(() -> c.get("out").read()).hasMessageContaining("p2.csv")
                        .hasMessageContaining("missing");
            }
        }
    }

    @Nested
    class Rule14_multiFileAllOrNothing {
        @Test
        void listWithAMissingPartIsNotProduced() throws IOException {
            Files.writeString(dir.resolve("chr1.csv"), "a\n1\n");
            try (Catalog c = load(dir, "chr:\n  disk:\n    path: [chr1.csv, chr2.csv]\n")) {
                assertThat(c.get("chr").state().diskProduced()).isFalse();
                assertThatThrownBy(() -> c.get("chr").read()).hasMessageContaining("chr2.csv");
            }
        }

        @Test
        void globMatchingNothingIsNotProduced() {
            try (Catalog c = load(dir, handle("chr", "chr*.csv"))) {
                assertThat(c.get("chr").state().diskProduced()).isFalse();
                assertThatThrownBy(() -> c.get("chr").read()).isInstanceOf(NotProducedException.class)
                        .hasMessageContaining("no file matches");
            }
        }

        @Test
        void globReadsEveryPartAsOneTable() throws IOException {
            Files.writeString(dir.resolve("chr1.csv"), "pos,ref\n10,A\n11,C\n");
            Files.writeString(dir.resolve("chr2.csv"), "pos,ref\n12,G\n");
            try (Catalog c = load(dir, handle("chr", "chr*.csv"))) {
                Table t = c.get("chr").read();
                assertThat(t.rowCount()).isEqualTo(3);
                assertThat(t.get(2, "ref")).isEqualTo("G");
            }
        }

        @Test
        void writeSplitsRowsAcrossTheListAndReadsThemBackInOrder() {
            String yaml = "out:\n  disk:\n    path: [a.csv.gz, b.csv.gz, c.csv.gz]\n";
            try (Catalog c = load(dir, yaml)) {
                c.get("out").write(rows(10, "r"));
            }
            assertThat(dir.resolve("a.csv.gz")).exists();
            assertThat(dir.resolve("c.csv.gz")).exists();
            try (Catalog c = load(dir, yaml)) {
                Table t = c.get("out").read();
                assertThat(t.rowCount()).isEqualTo(10);
                for (int r = 0; r < 10; r++) {
                    assertThat(t.get(r, "name")).isEqualTo("r-" + r);
                }
            }
        }
    }

    private static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
