package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.it.Workflows.handle;
import static org.datahandle.it.Workflows.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandle;
import org.datahandle.TableStream;
import org.datahandle.TypeRef;
import org.datahandle.table.DataType;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON documents and tables, JSON Lines plain and gz, through handles as an engine uses them. */
class JsonEndToEndTest {
    @TempDir
    Path dir;

    record Config(String name, int threads, List<String> chromosomes, Map<String, Double> weights) {}

    record Sample(String id, int depth, boolean passed) {}

    @Test
    void jsonHandleHoldsAnObjectThatANewCatalogReadsBack() throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "run-ü");
        config.put("threads", 8);
        config.put("chromosomes", List.of("chr1", "chr2"));
        config.put("weights", Map.of("a", 0.5));
        try (Catalog c = load(dir, handle("config", "out/config.json"))) {
            c.get("config").write(config);
            assertThat(c.get("config").state().diskProduced()).isTrue();
        }
        assertThat(Files.readString(dir.resolve("out/config.json"))).startsWith("{\n  \"name\" : \"run-ü\",");
        try (Catalog c = load(dir, handle("config", "out/config.json"))) {
            assertThat(c.get("config").read(Config.class))
                    .isEqualTo(new Config("run-ü", 8, List.of("chr1", "chr2"), Map.of("a", 0.5)));
            assertThat(c.get("config").read(new TypeRef<Map<String, Object>>() {})).isEqualTo(config);
        }
    }

    @Test
    void recordsWrittenAsAnObjectReadBackAsListsAndArrays() {
        List<Sample> samples = List.of(new Sample("HG01", 30, true), new Sample("HG02", 12, false));
        try (Catalog c = load(dir, handle("samples", "samples.json"))) {
            c.get("samples").write(samples);
        }
        try (Catalog c = load(dir, handle("samples", "samples.json"))) {
            DataHandle h = c.get("samples");
            assertThat(h.read(new TypeRef<List<Sample>>() {})).isEqualTo(samples);
            assertThat(h.read(Sample[].class)).containsExactly(samples.toArray(new Sample[0]));
            assertThat(h.read().schema().names()).containsExactly("id", "depth", "passed");
        }
    }

    @Test
    void jsonWithTableMemoryReadsAnArrayOfObjects() {
        Workflows.write(dir.resolve("in.json"), """
                [{"id": "HG01", "depth": 30.5, "tags": ["a", "b"]},
                 {"id": "HG02", "depth": 12, "site": {"lab": "x"}}]
                """);
        String yaml = "t:\n  disk:\n    path: in.json\n  memory:\n    format: table\n";
        try (Catalog c = load(dir, yaml)) {
            Table t = c.get("t").read();
            assertThat(t.schema().names()).containsExactly("id", "depth", "tags", "site");
            assertThat(t.schema().field("depth").orElseThrow().type()).isEqualTo(DataType.FLOAT64);
            assertThat(t.get(1, "depth")).isEqualTo(12.0);
            assertThat(t.get(0, "tags")).isEqualTo(List.of("a", "b"));
            assertThat(t.get(1, "site")).isEqualTo(Map.of("lab", "x"));
        }
    }

    @Test
    void jsonlGzRoundTripsATableAndStreams() throws IOException {
        List<Map<String, Object>> rows = Workflows.rows(5, "s");
        String yaml = handle("events", "out/events.jsonl.gz");
        try (Catalog c = load(dir, yaml)) {
            c.get("events").write(rows);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("out/events.jsonl.gz")))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text.lines()).hasSize(5).first().isEqualTo("{\"id\":0,\"name\":\"s-0\",\"score\":0.0}");
        }
        try (Catalog c = load(dir, yaml)) {
            Table t = c.get("events").read();
            assertThat(t.rowCount()).isEqualTo(5);
            assertThat(t.get(4, "name")).isEqualTo("s-4");
            assertThat(t.get(3, "score")).isEqualTo(1.5);
            assertThat(((Number) t.get(2, "id")).longValue()).isEqualTo(2L);
        }
        try (Catalog c = load(dir, yaml); TableStream s = c.get("events").stream()) {
            int total = 0;
            while (s.hasNext()) {
                total += s.next().rowCount();
            }
            assertThat(total).isEqualTo(5);
            assertThat(c.get("events").state().memoryProduced()).isFalse();
        }
    }

    @Test
    void malformedJsonIsADataFormatErrorWithHandlePathAndLine() {
        Workflows.write(dir.resolve("bad.json"), "{\n  \"a\": 1,\n  \"b\": [1, 2\n}\n");
        try (Catalog c = load(dir, handle("bad", "bad.json"))) {
            DataHandle h = c.get("bad");
            assertThatThrownBy(() -> h.read(Map.class)).isInstanceOfSatisfying(DataFormatException.class, e -> {
                assertThat(e.getMessage()).contains("handle 'bad'").contains("bad.json").contains("line 4");
                assertThat(e.line()).hasValue(4);
                assertThat(e.path().orElseThrow().getPath()).endsWith("bad.json");
            });
            assertThat(h.state().memoryProduced()).isFalse();
        }
    }
}
