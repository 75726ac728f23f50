package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.it.Workflows.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.NotProducedException;
import org.datahandle.SpecException;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code disk.partitionBy}: one file per value of a column, published as one unit. */
class PartitionedWriteTest {
    private static final String YAML = "calls:\n  disk:\n    path: out/calls.chr*.csv.gz\n    partitionBy: chrom\n";

    @TempDir
    Path dir;

    @Test
    void writesOneFilePerValueAndReadsThemBackAsOneTable() throws IOException {
        try (Catalog c = load(dir, YAML)) {
            c.get("calls").write(calls("1", "1", "2", "X", "2"));
            assertThat(files()).containsExactly("calls.chr1.csv.gz", "calls.chr2.csv.gz", "calls.chrX.csv.gz");
            assertThat(Files.readString(dir.resolve("out/.calls.chr_.csv.gz.datahandle.json")))
                    .contains("calls.chr1.csv.gz", "calls.chr2.csv.gz", "calls.chrX.csv.gz");
        }
        try (Catalog c = load(dir, YAML)) {
            DataHandle h = c.get("calls");
            assertThat(h.state().diskProduced()).isTrue();
            assertThat(h.disk().pathsForRead()).hasSize(3);
            Table t = h.read();
            assertThat(t.rowCount()).isEqualTo(5);
            List<Object> chroms = new ArrayList<>();
            for (int r = 0; r < t.rowCount(); r++) {
                chroms.add(t.get(r, "chrom"));
            }
            // files are read in name order, rows keep their order within a file, and types are inferred
            // over every file: "X" makes the whole column text
            assertThat(chroms).containsExactly("1", "1", "2", "2", "X");
            assertThat(t.get(4, "pos")).isEqualTo(400);
        }
    }

    @Test
    void aPartitionAddedOrRemovedBehindOurBackIsNotProduced() throws IOException {
        try (Catalog c = load(dir, YAML)) {
            c.get("calls").write(calls("1", "2"));
        }
        Files.copy(dir.resolve("out/calls.chr1.csv.gz"), dir.resolve("out/calls.chr3.csv.gz"));
        try (Catalog c = load(dir, YAML)) {
            assertThatThrownBy(() -> c.get("calls").read()).isInstanceOf(NotProducedException.class)
                    .hasMessageContaining("calls.chr3.csv.gz").hasMessageContaining("appeared");
        }
        Files.delete(dir.resolve("out/calls.chr3.csv.gz"));
        Files.delete(dir.resolve("out/calls.chr2.csv.gz"));
        try (Catalog c = load(dir, YAML)) {
            assertThat(c.get("calls").state().diskProduced()).isFalse();
            // not produced, so it may be written again: the old partitions go, only the new ones stay
            c.get("calls").write(calls("5", "7"));
            assertThat(files()).containsExactly("calls.chr5.csv.gz", "calls.chr7.csv.gz");
            assertThat(c.get("calls").state().diskProduced()).isTrue();
        }
    }

    @Test
    void deleteDiskRemovesEveryPartition() throws IOException {
        try (Catalog c = load(dir, YAML)) {
            c.get("calls").write(calls("1", "2", "3"));
            c.get("calls").deleteDisk();
            assertThat(files()).isEmpty();
            assertThat(c.get("calls").state().diskProduced()).isFalse();
        }
    }

    @Test
    void badPartitionValuesPublishNothing() throws IOException {
        try (Catalog c = load(dir, YAML)) {
            DataHandle h = c.get("calls");
            assertThatThrownBy(() -> h.write(calls("1", "a/b"))).isInstanceOf(DataHandleException.class)
                    .hasMessageContaining("a/b").hasMessageContaining("file name");
            List<Map<String, Object>> withNull = new ArrayList<>(calls("1"));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("chrom", null);
            row.put("pos", 1);
            withNull.add(row);
            assertThatThrownBy(() -> h.write(withNull)).isInstanceOf(DataHandleException.class)
                    .hasMessageContaining("null");
            assertThatThrownBy(() -> h.write(List.of(Map.of("pos", 1)))).isInstanceOf(DataHandleException.class)
                    .hasMessageContaining("no such column");
            assertThat(h.state().diskProduced()).isFalse();
            assertThat(h.state().memoryProduced()).isFalse();
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void sinksAndExternalWritesNeedExplicitPaths() {
        try (Catalog c = load(dir, YAML)) {
            assertThatThrownBy(() -> c.get("calls").disk().beginExternalWrite())
                    .isInstanceOf(DataHandleException.class).hasMessageContaining("partitioned");
        }
    }

    @Test
    void specErrorsPointAtPartitionBy() {
        assertThatThrownBy(() -> load(dir, "a:\n  disk:\n    path: [x*.csv, y*.csv]\n    partitionBy: c\n"))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).contains("disk.partitionBy");
                    assertThat(e.line()).hasValue(4);
                });
        assertThatThrownBy(() -> load(dir, "a:\n  disk:\n    path: x.csv\n    partitionBy: c\n"))
                .isInstanceOf(SpecException.class).hasMessageContaining("exactly one '*'");
        assertThatThrownBy(() -> load(dir, "a:\n  disk:\n    path: 'x*y*.csv'\n    partitionBy: c\n"))
                .isInstanceOf(SpecException.class).hasMessageContaining("exactly one '*'");
        assertThatThrownBy(() -> load(dir, "a:\n  disk:\n    path: 'x[0-9]*.csv'\n    partitionBy: c\n"))
                .isInstanceOf(SpecException.class).hasMessageContaining("no other wildcard");
    }

    @Test
    void toYamlKeepsPartitionBy() {
        try (Catalog c = load(dir, YAML)) {
            String yaml = c.toYaml();
            assertThat(yaml).contains("partitionBy: chrom");
            try (Catalog again = Catalog.fromYaml(yaml, dir)) {
                assertThat(again.get("calls").spec().disk().orElseThrow().partitionBy()).contains("chrom");
            }
        }
    }

    private static List<Map<String, Object>> calls(String... chroms) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < chroms.length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("chrom", chroms[i]);
            row.put("pos", (i + 1) * 100);
            rows.add(row);
        }
        return rows;
    }

    private List<String> files() throws IOException {
        Path out = dir.resolve("out");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
