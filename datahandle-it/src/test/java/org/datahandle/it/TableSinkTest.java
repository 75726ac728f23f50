package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.it.Workflows.handle;
import static org.datahandle.it.Workflows.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.TableSink;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TableSink}: streaming writes publish on commit only, one writer at a time, one schema, one file. */
class TableSinkTest {
    @TempDir
    Path dir;

    @Test
    void commitPublishesTheBatchesWithACommitRecord() {
        try (Catalog c = load(dir, handle("out", "out/data.csv.gz"))) {
            DataHandle h = c.get("out");
            try (TableSink sink = h.sink(StreamingRows.SCHEMA)) {
                sink.write(StreamingRows.batch(0, 1000));
                sink.write(StreamingRows.batch(1000, 500));
                assertThat(dir.resolve("out/data.csv.gz")).as("nothing at the final name before commit").doesNotExist();
                sink.commit();
            }
            assertThat(h.state().diskProduced()).isTrue();
            assertThat(h.state().memoryProduced()).as("a sink leaves memory alone").isFalse();
            assertThat(dir.resolve("out/.data.csv.gz.datahandle.json")).exists();
            assertThat(h.read()).isEqualTo(StreamingRows.batch(0, 1500));
        }
        try (Catalog c = load(dir, handle("out", "out/data.csv.gz"))) {
            assertThat(c.get("out").state().diskProduced()).as("produced for a new catalog too").isTrue();
        }
        // The data and its record; the writer's lock file went with its release.
        assertThat(listing(dir.resolve("out"))).containsExactlyInAnyOrder("data.csv.gz", ".data.csv.gz.datahandle.json");
    }

    @Test
    void closeWithoutCommitPublishesNothingAndLeavesNoStagingFile() {
        try (Catalog c = load(dir, handle("out", "out/data.csv"))) {
            DataHandle h = c.get("out");
            try (TableSink sink = h.sink(StreamingRows.SCHEMA)) {
                sink.write(StreamingRows.batch(0, 1000));
                assertThat(listing(dir.resolve("out"))).as("a staged file while writing")
                        .anyMatch(n -> n.startsWith(".staging-"));
            }
            assertThat(h.state().diskProduced()).isFalse();
            assertThat(listing(dir.resolve("out"))).noneMatch(n -> n.equals("data.csv") || n.startsWith(".staging-")
                    || n.endsWith(".datahandle.json"));
            // The handle is free again: a new sink may write it.
            try (TableSink sink = h.sink(StreamingRows.SCHEMA)) {
                sink.write(StreamingRows.batch(0, 10));
                sink.commit();
            }
            assertThat(h.read().rowCount()).isEqualTo(10);
        }
    }

    @Test
    void aSecondWriterWhileASinkIsOpenIsAlreadyProduced() {
        try (Catalog c = load(dir, handle("out", "out.csv"))) {
            DataHandle h = c.get("out");
            try (TableSink sink = h.sink(StreamingRows.SCHEMA)) {
                sink.write(StreamingRows.batch(0, 10));
                assertThatThrownBy(() -> h.sink(StreamingRows.SCHEMA)).isInstanceOf(AlreadyProducedException.class)
                        .hasMessageContaining("out");
                assertThatThrownBy(() -> h.write(StreamingRows.batch(0, 5))).isInstanceOf(AlreadyProducedException.class);
                sink.commit();
            }
            assertThat(h.read()).isEqualTo(StreamingRows.batch(0, 10));
            assertThatThrownBy(() -> h.sink(StreamingRows.SCHEMA)).as("after the commit")
                    .isInstanceOf(AlreadyProducedException.class);
        }
    }

    @Test
    void aBatchOfAnotherSchemaIsRefusedAndNothingIsPublished() {
        Schema other = Schema.of(Field.of("id", DataType.INT64));
        try (Catalog c = load(dir, handle("out", "out.csv"))) {
            DataHandle h = c.get("out");
            try (TableSink sink = h.sink(StreamingRows.SCHEMA)) {
                sink.write(StreamingRows.batch(0, 10));
                assertThatThrownBy(() -> sink.write(Table.builder(other).addRow(1L).build()))
                        .isInstanceOf(DataHandleException.class).hasMessageContaining("'out'")
                        .hasMessageContaining("schema");
            }
            assertThat(h.state().diskProduced()).isFalse();
            assertThat(dir.resolve("out.csv")).doesNotExist();
        }
    }

    @Test
    void aSinkOnAMultiPathHandleIsAClearError() {
        String yaml = "parts:\n  disk:\n    path: [a.csv, b.csv]\n";
        try (Catalog c = load(dir, yaml)) {
            DataHandle h = c.get("parts");
            assertThatThrownBy(() -> h.sink(StreamingRows.SCHEMA)).isInstanceOf(DataHandleException.class)
                    .hasMessageContaining("'parts'").hasMessageContaining("2 paths").hasMessageContaining("one file");
            assertThat(h.state().diskProduced()).isFalse();
            // The refused sink took no lock: a write still works.
            h.write(StreamingRows.batch(0, 10));
            assertThat(dir.resolve("a.csv")).exists();
            assertThat(dir.resolve("b.csv")).exists();
        }
    }

    @Test
    void aSinkOnATemporaryHandleIsAClearError() {
        try (Catalog c = load(dir, handle("out", "out.csv"))) {
            DataHandle tmp = c.temporary("scratch");
            assertThatThrownBy(() -> tmp.sink(StreamingRows.SCHEMA)).isInstanceOf(DataHandleException.class)
                    .hasMessageContaining("'scratch'").hasMessageContaining("temporary");
        }
    }

    private static List<String> listing(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
