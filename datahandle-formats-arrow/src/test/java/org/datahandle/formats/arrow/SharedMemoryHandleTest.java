package org.datahandle.formats.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
