package org.datahandle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.datahandle.DataLocation;
import org.datahandle.table.Table;
import org.datahandle.testing.SampleTables;
import org.datahandle.testing.TestPython;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/shared-memory.md and docs/formats-arrow.md run as written: the pages' workflows, their Java examples
 * and their Python examples (against a real pyarrow and numpy), on a shared memory folder of the test's own.
 */
class SharedMemoryDocsTest {
    private final Path shm = Path.of("/dev/shm", "datahandle-test-" + UUID.randomUUID());

    @TempDir
    Path dir;

    @AfterEach
    void removeShm() throws IOException {
        if (Files.exists(shm)) {
            try (Stream<Path> files = Files.walk(shm)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void theSharedMemoryExamplesPublishLocateAndAreMappedFromPythonWithoutACopy() throws IOException {
        Table samples = SampleTables.manyRows(0, 50_000);
        double[][] weights = {{0.5, 1.5}, {2.5, -3.5}, {4, 5}};
        try (Catalog catalog = Catalog.builder().baseDirectory(dir).fileSystemOption("shm.directory", shm.toString())
                .fromYaml(DocPages.block("shared-memory.md", "yaml", 1))) {
            DataLocation where = SharedMemoryExamples.publish(catalog, samples);
            assertThat(where.uri()).isEqualTo(shm.resolve("run42/samples.arrow").toUri());
            assertThat(where.length()).isEqualTo(Files.size(shm.resolve("run42/samples.arrow")));
            assertThat(where.schema()).hasValue(samples.schema());
            SharedMemoryExamples.saveWeights(catalog, weights);
            DataLocation matrix = catalog.get("weights").disk().locations().get(0);

            Path python = TestPython.assumePython("pyarrow", "numpy");
            TestPython.Result arrow = TestPython.run(python, DocPages.block("shared-memory.md", "python", 1),
                    List.of(Path.of(where.uri()).toString())).assertSuccess();
            assertThat(arrow.stdout().strip()).isEqualTo("50000 rows, 0 bytes allocated");
            TestPython.Result npy = TestPython.run(python, DocPages.block("shared-memory.md", "python", 2),
                    List.of(Path.of(matrix.uri()).toString())).assertSuccess();
            assertThat(npy.stdout().strip()).isEqualTo("(3, 2) float64 owns its data: False");
        }
    }

    @Test
    void theIpcExampleSendsAndReceivesEveryRow() throws IOException {
        Table table = SampleTables.manyRows(0, 1_100_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SharedMemoryExamples.send(table, bytes);
        long rows = SharedMemoryExamples.receive(new ByteArrayInputStream(bytes.toByteArray()),
                URI.create("memory:/example"));
        assertThat(rows).isEqualTo(1_100_000);
    }

    @Test
    void theFormatsPageWorkflowWritesAndReadsEachFormat() {
        Table samples = SampleTables.manyRows(0, 1000);
        try (Catalog catalog = Catalog.builder().baseDirectory(dir)
                .fromYaml(DocPages.block("formats-arrow.md", "yaml", 1))) {
            catalog.get("samples").write(samples);
            catalog.get("archive").write(samples);
            catalog.get("weights").write(new double[][] {{1, 2}, {3, 4}});
        }
        try (Catalog again = Catalog.builder().baseDirectory(dir)
                .fromYaml(DocPages.block("formats-arrow.md", "yaml", 1))) {
            assertThat(again.get("samples").read()).isEqualTo(samples);
            assertThat(again.get("archive").read()).isEqualTo(samples);
            assertThat(again.get("weights").read(double[][].class)).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
        }
        assertThat(dir.resolve("out/samples-archive.arrow").toFile().length())
                .as("zstd makes the archive smaller").isLessThan(dir.resolve("out/samples.arrow").toFile().length());
    }
}
