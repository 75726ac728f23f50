package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.it.Workflows.handle;
import static org.datahandle.it.Workflows.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleSpec;
import org.datahandle.DiskSpec;
import org.datahandle.HandleNotFoundException;
import org.datahandle.MemoryFormat;
import org.datahandle.SpecException;
import org.datahandle.UnsupportedFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading workflows through {@link Catalog} with every built-in provider discovered. */
class CatalogSpecTest {
    @TempDir
    Path dir;

    @Test
    void handlesUnderDataHandlesBesideEngineKeys() {
        String yaml = """
                jobs:
                  align: {cmd: bwa}
                dataHandles:
                  samples:
                    disk:
                      path: [data/a.csv.gz, data/b.csv.gz]
                      options: {header: true}
                    memory:
                      format: rows
                  scratch: {}
                config: {threads: 2}
                """;
        try (Catalog c = load(dir, yaml)) {
            assertThat(c.handles()).extracting(DataHandle::id).containsExactly("samples", "scratch");
            DiskSpec disk = c.get("samples").spec().disk().orElseThrow();
            assertThat(disk.format()).isEqualTo("csv");
            assertThat(disk.compression()).isEqualTo("gz");
            assertThat(disk.fileSystem()).isEqualTo("local");
            assertThat(disk.pathList().get(1).path()).isEqualTo(dir.resolve("data/b.csv.gz").toUri());
            assertThat(c.get("samples").spec().memory().format()).isEqualTo(MemoryFormat.ROWS);
            assertThat(c.get("scratch").spec().temporary()).isTrue();
        }
    }

    @Test
    void variablesAndHomeAreExpanded() {
        Path home = dir.resolve("home");
        try (Catalog c = Catalog.builder().environment(Map.of("RUN", "r42")).home(home).baseDirectory(dir)
                .fromYaml("a: {disk: {path: '${RUN}/x.tsv'}}\nb: {disk: {path: '${MISSING:-def}/y.tsv'}}\n"
                        + "c: {disk: {path: '~/z.parquet'}}\n")) {
            assertThat(c.get("a").spec().disk().orElseThrow().pathList().get(0).path())
                    .isEqualTo(dir.resolve("r42/x.tsv").toUri());
            assertThat(c.get("b").spec().disk().orElseThrow().pathList().get(0).path())
                    .isEqualTo(dir.resolve("def/y.tsv").toUri());
            assertThat(c.get("c").spec().disk().orElseThrow().pathList().get(0).path())
                    .isEqualTo(home.resolve("z.parquet").toUri());
        }
    }

    @Test
    void givenFormatContradictingThePathSaysBothWithLineAndColumn() {
        String yaml = "scores:\n  disk:\n    path: x.csv\n    format: parquet\n";
        assertThatThrownBy(() -> load(dir, yaml)).isInstanceOfSatisfying(SpecException.class, e -> {
            assertThat(e.handleId()).contains("scores");
            assertThat(e.line()).hasValue(4);
            assertThat(e.getMessage()).contains("parquet").contains("csv").contains("workflow.yaml:4:");
        });
    }

    @Test
    void unknownKeyGetsADidYouMean() {
        assertThatThrownBy(() -> load(dir, "a:\n  disk:\n    path: x.csv\n    fromat: csv\n"))
                .isInstanceOf(SpecException.class).hasMessageContaining("did you mean 'format'");
    }

    @Test
    void explicitIsProducedWithoutDataFailsAtLoad() {
        assertThatThrownBy(() -> load(dir, "a:\n  disk:\n    path: missing.csv\n    isProduced: true\n"))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).contains("disk.isProduced");
                    assertThat(e.line()).hasValue(4);
                    assertThat(e.getMessage()).contains("missing.csv");
                });
    }

    @Test
    void existingDataIsProducedWhateverTheYamlSays() throws IOException {
        Files.writeString(dir.resolve("done.csv"), "a\n1\n");
        try (Catalog c = load(dir, "a:\n  disk:\n    path: done.csv\n    isProduced: false\n")) {
            assertThat(c.get("a").state().diskProduced()).isTrue();
        }
    }

    @Test
    void unsupportedSchemeListsTheSupportedOnes() {
        assertThatThrownBy(() -> load(dir, handle("a", "ftp://host/x.csv")))
                .isInstanceOf(SpecException.class).hasMessageContaining("ftp").hasMessageContaining("hdfs")
                .hasMessageContaining("s3");
    }

    @Test
    void hdfsLoadsButUsingItNamesTheMissingArtifact() {
        try (Catalog c = load(dir, handle("in", "hdfs:///users/me/input.csv.gz"))) {
            assertThat(c.get("in").spec().disk().orElseThrow().fileSystem()).isEqualTo("hdfs");
            assertThatThrownBy(() -> c.get("in").state()).isInstanceOf(UnsupportedFormatException.class)
                    .hasMessageContaining("datahandle-fs-hdfs");
        }
    }

    @Test
    void formatWithoutCodecWorksForExternalToolsOnly() throws IOException {
        Files.writeString(dir.resolve("calls.bed"), "not read\n");
        try (Catalog c = load(dir, handle("calls", "calls.bed"))) {
            DataHandle h = c.get("calls");
            assertThat(h.disk().pathsForRead()).containsExactly(dir.resolve("calls.bed").toUri());
            assertThatThrownBy(h::read).isInstanceOf(UnsupportedFormatException.class)
                    .hasMessageContaining("bed").hasMessageContaining("pathsForRead");
        }
    }

    @Test
    void unknownHandleGetsADidYouMean() {
        try (Catalog c = load(dir, handle("samples", "s.csv"))) {
            assertThatThrownBy(() -> c.get("sample")).isInstanceOf(HandleNotFoundException.class)
                    .hasMessageContaining("did you mean 'samples'");
        }
    }

    @Test
    void unknownCodecOptionIsASpecError() {
        assertThatThrownBy(() -> load(dir, "a:\n  disk:\n    path: x.csv\n    options: {delimitter: ';'}\n"))
                .isInstanceOf(SpecException.class).hasMessageContaining("delimiter");
    }

    @Test
    void toYamlRoundTripsToTheSameCatalog() throws IOException {
        Files.writeString(dir.resolve("in.csv"), "a\n1\n");
        String yaml = """
                in:
                  disk: {path: in.csv}
                out:
                  disk:
                    path: [o1.tsv.gz, o2.tsv.gz]
                    options: {delimiter: "\\t", nullValue: NA}
                  memory: {format: rows}
                tmp: {}
                """;
        try (Catalog c = load(dir, yaml)) {
            String written = c.toYaml();
            assertThat(written).contains("isProduced: true").contains("pathList").contains("fileSystem: local");
            try (Catalog again = Catalog.fromYaml(written, dir)) {
                // the same handles, paths, inferred values and states; only the YAML's own
                // isProduced differs, since toYaml writes the live state there
                assertThat(again.handles()).extracting(h -> withoutGivenIsProduced(h.spec()))
                        .containsExactlyElementsOf(c.handles().stream().map(h -> withoutGivenIsProduced(h.spec()))
                                .toList());
                assertThat(again.handles()).extracting(DataHandle::state)
                        .containsExactlyElementsOf(c.handles().stream().map(DataHandle::state).toList());
                assertThat(again.toYaml()).isEqualTo(written);
            }
        }
    }

    @Test
    void memoryFormatsConvertOnRead() throws IOException {
        Files.writeString(dir.resolve("m.csv"), "x,y\n1,2.5\n3,4\n");
        try (Catalog c = load(dir, handle("m", "m.csv"))) {
            DataHandle h = c.get("m");
            double[][] matrix = h.read(double[][].class);
            assertThat(matrix).isDeepEqualTo(new double[][] {{1, 2.5}, {3, 4}});
            List<?> rows = h.read(List.class);
            assertThat(rows).hasSize(2);
            assertThat(h.read(String.class)).contains("\"x\"");
            assertThatThrownBy(() -> h.read(Thread.class)).isInstanceOf(UnsupportedFormatException.class);
        }
    }

    private static DataHandleSpec withoutGivenIsProduced(DataHandleSpec spec) {
        return new DataHandleSpec(spec.id(), spec.disk().map(d -> new DiskSpec(d.pathList(), d.format(),
                d.compression(), d.fileSystem(), Optional.empty(), d.options())), spec.memory());
    }
}
