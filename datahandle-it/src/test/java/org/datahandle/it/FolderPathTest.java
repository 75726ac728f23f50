package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.ExternalWrite;
import org.datahandle.NotProducedException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folder paths ({@code out/x.csv/}): a job's output of part files, written by an external tool (a
 * {@code spark-submit} job) and published by one rename of the folder.
 */
class FolderPathTest {
    @TempDir
    Path dir;

    /** What a Hadoop job leaves: parts, a hidden checksum, the marker written last. */
    private static void fillLikeAJob(Path folder, boolean success) throws IOException {
        Files.createDirectories(folder.resolve("year=2024"));
        Files.writeString(folder.resolve("part-00000.csv"), "id,name\n1,a\n2,b\n");
        Files.writeString(folder.resolve("year=2024/part-00001.csv"), "id,name\n3,c\n");
        Files.writeString(folder.resolve(".part-00000.csv.crc"), "crc");
        if (success) {
            Files.writeString(folder.resolve("_SUCCESS"), "");
        }
    }

    @Test
    void anExternalJobFillsTheStagedFolderAndCommitPublishesIt() throws IOException {
        try (Catalog c = Workflows.load(dir, "out: {disk: {path: out/scores.csv/}}")) {
            DataHandle h = c.get("out");
            try (ExternalWrite w = h.disk().beginExternalWrite()) {
                URI staging = w.paths().get(0);
                assertThat(staging.getPath()).endsWith("/").contains("/out/.staging-");
                fillLikeAJob(Path.of(staging), true);
                assertThat(h.state().diskProduced()).isFalse();
                w.commit(Schema.of(Field.of("id", DataType.INT64), Field.of("name", DataType.STRING)));
            }
            assertThat(h.state().diskProduced()).isTrue();
            assertThat(h.disk().pathsForRead()).hasSize(2).allMatch(u -> u.getPath().contains("/out/scores.csv/"));
            assertThat(h.disk().recordedSchema()).hasValueSatisfying(s -> assertThat(s.names()).containsExactly("id", "name"));
            String record = Files.readString(dir.resolve("out/.scores.csv.datahandle.json"));
            assertThat(record).contains("part-00000.csv", "year=2024/part-00001.csv").doesNotContain("_SUCCESS", ".crc");
            assertThat(h.read().rowCount()).isEqualTo(3);
            String yaml = c.toYaml();
            try (Catalog again = Catalog.fromYaml(yaml, dir)) {
                assertThat(again.get("out").state().diskProduced()).isTrue();
            }
            h.deleteDisk();
            assertThat(dir.resolve("out/scores.csv")).doesNotExist();
            assertThat(h.state().diskProduced()).isFalse();
        }
    }

    @Test
    void anEmptyStagedFolderPublishesNothing() {
        try (Catalog c = Workflows.load(dir, "out: {disk: {path: out.csv/}}")) {
            try (ExternalWrite w = c.get("out").disk().beginExternalWrite()) {
                assertThatThrownBy(w::commit).isInstanceOf(DataHandleException.class).hasMessageContaining("missing or empty");
            }
            assertThat(c.get("out").state().diskProduced()).isFalse();
            assertThat(dir.resolve("out.csv")).doesNotExist();
        }
    }

    @Test
    void aFolderFromOutsideIsProducedOnlyWithItsSuccessMarker() throws IOException {
        fillLikeAJob(dir.resolve("in.csv"), false);
        try (Catalog c = Workflows.load(dir, "in: {disk: {path: in.csv/}}")) {
            assertThat(c.get("in").state().diskProduced()).isFalse();
            assertThatThrownBy(() -> c.get("in").read()).isInstanceOf(NotProducedException.class)
                    .hasMessageContaining("_SUCCESS");
            Files.writeString(dir.resolve("in.csv/_SUCCESS"), "");
            assertThat(c.get("in").read().rowCount()).isEqualTo(3);
        }
    }

    @Test
    void theLibrarysCodecsDoNotWriteAJobsFolder() {
        try (Catalog c = Workflows.load(dir, "out: {disk: {path: out.csv/}}")) {
            assertThatThrownBy(() -> c.get("out").write(Workflows.rows(3, "a")))
                    .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("folder path");
        }
    }

    @Test
    void sparkWithoutItsModuleNamesTheArtifact() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        // like a format without its codec: the handle loads, its disk serves tools, memory names the artifact
        try (Catalog c = Workflows.load(dir, "h:\n  disk: {path: a.csv}\n  memory: {format: spark}\n"
                + "t:\n  memory: {format: rdd}\n")) {
            assertThat(c.get("h").state().diskProduced()).isTrue();
            assertThat(c.get("h").disk().pathsForRead()).hasSize(1);
            assertThatThrownBy(() -> c.get("h").read()).isInstanceOf(UnsupportedFormatException.class)
                    .hasMessageContaining("'spark'").hasMessageContaining("org.datahandle:datahandle-spark");
            assertThatThrownBy(() -> c.get("t").write("x")).isInstanceOf(UnsupportedFormatException.class)
                    .hasMessageContaining("org.datahandle:datahandle-spark");
            assertThat(c.toYaml()).contains("format: spark");
        }
        assertThatThrownBy(() -> Workflows.load(dir, "h:\n  memory: {format: tabel}\n"))
                .hasMessageContaining("unknown memory format 'tabel'; did you mean 'table'? Allowed: table, rows, json,"
                        + " matrix, object");
    }
}
