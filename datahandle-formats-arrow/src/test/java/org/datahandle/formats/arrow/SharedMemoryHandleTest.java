package org.datahandle.formats.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DataLocation;
import org.datahandle.ExternalWrite;
import org.datahandle.NotProducedException;
import org.datahandle.table.DataType;
import org.datahandle.table.Table;
import org.datahandle.testing.SampleTables;
import org.datahandle.testing.TestPython;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handle on {@code shm:} end to end: written through the publish path, listed by its locations, and
 * mapped from that location by another process (a real Python with pyarrow) without a copy.
 */
class SharedMemoryHandleTest {
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

    private Catalog catalog(String yaml) {
        return Catalog.builder().baseDirectory(workDir).fileSystemOption("shm.directory", folder.toString())
                .fromYaml(yaml);
    }

    private static final String YAML = """
            dataHandles:
              samples:
                disk: {path: shm:///run1/samples.arrow}
              points:
                disk: {path: shm:///run1/points.arrows}
            """;

    @Test
    void aTableWrittenToShmIsPublishedListedAndMappedByAnotherProcess() throws IOException {
        List<DataType> types = new ArrayList<>(SampleTables.SCALAR_TYPES);
        types.addAll(SampleTables.NESTED_TYPES);
        Table table = SampleTables.ofTypes(types, 500);
        Path file = folder.resolve("run1/samples.arrow");
        try (Catalog catalog = catalog(YAML)) {
            DataHandle h = catalog.get("samples");
            assertThat(h.spec().disk().orElseThrow().fileSystem()).isEqualTo("shm");
            assertThat(h.spec().disk().orElseThrow().format()).isEqualTo("arrow");
            assertThatThrownBy(() -> h.disk().locations()).isInstanceOf(NotProducedException.class);
            h.write(table);
            assertThat(h.state().diskProduced()).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
            assertThat(file).exists();
            assertThat(Files.list(file.getParent()).map(p -> p.getFileName().toString()))
                    .as("what the publish left: data, commit record, lock; no staging file")
                    .containsExactlyInAnyOrder("samples.arrow", ".samples.arrow.datahandle.json",
                            ".samples.arrow.datahandle.lock");

            List<DataLocation> locations = h.disk().locations();
            assertThat(locations).hasSize(1);
            DataLocation where = locations.get(0);
            assertThat(where.uri()).isEqualTo(file.toUri());
            assertThat(where.path().getScheme()).isEqualTo("shm");
            assertThat(where.offset()).isZero();
            assertThat(where.length()).isEqualTo(Files.size(file));
            assertThat(where.host()).isNotBlank();
            assertThat(where.schema()).hasValue(table.schema());

            assertThatThrownBy(() -> h.write(table)).isInstanceOf(AlreadyProducedException.class);
        }

        // the data outlives the catalog (and the process): a new catalog finds it produced
        try (Catalog later = catalog(YAML)) {
            DataHandle h = later.get("samples");
            assertThat(h.state().diskProduced()).isTrue();
            assertThat(h.read()).isEqualTo(table);

            Path python = TestPython.assumePython("pyarrow");
            String script = """
                    import json, sys
                    import pyarrow as pa, pyarrow.ipc as ipc
                    from urllib.parse import urlparse, unquote
                    path = unquote(urlparse(sys.argv[1]).path)
                    before = pa.total_allocated_bytes()
                    with pa.memory_map(path) as source:
                        table = ipc.open_file(source).read_all()
                        table.validate(full=True)
                        print(json.dumps({"allocated": pa.total_allocated_bytes() - before,
                                          "rows": table.num_rows, "names": table.column_names}))
                    """;
            JsonNode report = new ObjectMapper().readTree(TestPython.run(python, script,
                    List.of(h.disk().locations().get(0).uri().toString())).assertSuccess().stdout());
            assertThat(report.get("allocated").asLong()).isZero();
            assertThat(report.get("rows").asInt()).isEqualTo(500);
            assertThat(report.get("names").size()).isEqualTo(types.size());

            h.deleteDisk();
            assertThat(file).doesNotExist();
            assertThat(h.state().diskProduced()).isFalse();
        }
    }

    @Test
    void aReaderKeepsItsMappingWhileTheHandleIsDeletedAndWrittenAgain() throws Exception {
        Table first = SampleTables.manyRows(0, 200_000);
        Table second = SampleTables.manyRows(500_000, 520_000);
        Path python = TestPython.assumePython("pyarrow");
        try (Catalog catalog = catalog(YAML)) {
            DataHandle h = catalog.get("samples");
            h.write(first);
            Path file = Path.of(h.disk().locations().get(0).uri());
            // the reader maps the file, says so, waits, then reads every buffer of what it mapped
            String script = """
                    import sys
                    import pyarrow as pa, pyarrow.compute as pc, pyarrow.ipc as ipc
                    source = pa.memory_map(sys.argv[1])
                    table = ipc.open_file(source).read_all()
                    print("mapped", flush=True)
                    sys.stdin.readline()
                    table.validate(full=True)
                    print(table.num_rows, pc.sum(table["id"]).as_py(), flush=True)
                    """;
            Process p = new ProcessBuilder(python.toString(), "-c", script, file.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)); var in = p.getOutputStream()) {
                assertThat(out.readLine()).isEqualTo("mapped");
                h.deleteDisk();                     // unlinks the name; the mapped pages stay the reader's
                h.write(second);                    // a new file under the same name
                in.write('\n');
                in.flush();
                long sum = 0;
                for (int r = 0; r < first.rowCount(); r++) {
                    sum += (Long) first.get(r, "id");
                }
                assertThat(out.readLine()).as("the reader still sees the data it mapped, and no SIGBUS killed it")
                        .isEqualTo(first.rowCount() + " " + sum);
            }
            assertThat(p.waitFor()).isZero();
            h.dropMemory();
            assertThat(h.read()).isEqualTo(second);
        }
    }

    @Test
    void aWriteOverTheQuotaIsAStorageErrorAndPublishesNothing() throws IOException {
        Table big = SampleTables.manyRows(0, 100_000);
        try (Catalog catalog = Catalog.builder().baseDirectory(workDir)
                .fileSystemOption("shm.directory", folder.toString()).fileSystemOption("shm.limit", "1m")
                .fromYaml(YAML)) {
            DataHandle h = catalog.get("samples");
            assertThatThrownBy(() -> h.write(big)).isInstanceOf(org.datahandle.StorageException.class)
                    .hasMessageContaining("handle 'samples'").hasMessageContaining("shm.limit")
                    .hasMessageContaining("needs at least");
            assertThat(h.state().diskProduced()).isFalse();
            try (Stream<Path> files = Files.list(folder.resolve("run1"))) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as("no staging file left behind").noneMatch(n -> n.startsWith(".staging-"));
            }
        }
    }

    @Test
    void anExternalToolWritesIntoShmThroughTheFilePathsTheHandleGives() throws IOException {
        Path python = TestPython.assumePython("pyarrow");
        try (Catalog catalog = catalog(YAML)) {
            DataHandle h = catalog.get("samples");
            try (ExternalWrite w = h.disk().beginExternalWrite()) {
                URI staging = w.paths().get(0);
                assertThat(staging.getScheme()).as("a path a tool can open").isEqualTo("file");
                assertThat(Path.of(staging).startsWith(folder)).as("%s is under %s", staging, folder).isTrue();
                TestPython.run(python, """
                        import sys
                        import pyarrow as pa, pyarrow.ipc as ipc
                        t = pa.table({"id": pa.array(range(1000), pa.int64()), "tag": ["x%d" % i for i in range(1000)]})
                        with ipc.new_file(sys.argv[1], t.schema) as w:
                            w.write_table(t)
                        """, List.of(Path.of(staging).toString())).assertSuccess();
                w.commit();
            }
            assertThat(h.state().diskProduced()).isTrue();
            List<URI> read = h.disk().pathsForRead();
            assertThat(read).containsExactly(folder.resolve("run1/samples.arrow").toUri());
            Table t = h.read();
            assertThat(t.rowCount()).isEqualTo(1000);
            assertThat(t.get(999, "tag")).isEqualTo("x999");
        }
    }

    @Test
    void theStreamFormatWorksOnShmToo() {
        Table table = SampleTables.manyRows(0, 20_000);
        try (Catalog catalog = catalog(YAML)) {
            DataHandle h = catalog.get("points");
            assertThat(h.spec().disk().orElseThrow().format()).isEqualTo("arrows");
            h.write(table);
            h.dropMemory();
            assertThat(h.read()).isEqualTo(table);
        }
    }
}
