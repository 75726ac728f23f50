package org.datahandle.formats.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm {@code apache-arrow} package (21.2.0, installed by {@code .ci/run} under the ignored {@code .node/}
 * folder) reads the IPC files we write, value for value. Node has no mmap, so JavaScript reads the file into
 * one buffer and builds the table over it without a further copy.
 */
class NodeArrowInteropTest {
    /** The system property naming the folder that holds {@code node_modules/apache-arrow}. */
    static final String PROPERTY = "datahandle.node";

    private static Path modules;

    @TempDir
    Path dir;

    @BeforeAll
    static void findNode() throws Exception {
        boolean onCi = "true".equalsIgnoreCase(System.getenv("CI"));
        String configured = System.getProperty(PROPERTY);
        Path found = null;
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "node_modules"))) {
            found = Path.of(configured, "node_modules");
        }
        for (Path d = Path.of("").toAbsolutePath(); found == null && d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve(".node/node_modules/apache-arrow"))) {
                found = d.resolve(".node/node_modules");
            }
        }
        String why = found == null ? "no .node/node_modules/apache-arrow: run .ci/run (npm install --prefix .node "
                + "apache-arrow) or set -D" + PROPERTY : null;
        if (why == null) {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                why = "node is not on the PATH";
            }
        }
        if (why != null) {
            if (onCi) {
                throw new AssertionError(why + " (CI=true, so this is an error, not a skip)");
            }
            Assumptions.abort(why);
        }
        modules = found;
    }

    @Test
    void apacheArrowReadsOurFileValueForValue() throws Exception {
        Schema schema = Schema.of(Field.of("b", DataType.BOOLEAN), Field.of("i32", DataType.INT32),
                Field.of("i64", DataType.INT64), Field.of("f64", DataType.FLOAT64), Field.of("s", DataType.STRING),
                Field.of("d", DataType.DATE), Field.of("ts", DataType.TIMESTAMP),
                Field.of("tsl", DataType.TIMESTAMP_LOCAL), Field.of("dec", new DataType.Decimal(9, 2)),
                Field.of("bin", DataType.BINARY), Field.of("lst", new DataType.ListOf(DataType.INT32)),
                Field.of("st", new DataType.Struct(List.of(Field.of("id", DataType.INT32),
                        Field.of("name", DataType.STRING)))));
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("id", 7);
        st.put("name", "x");
        Table.Builder b = Table.builder(schema);
        b.addRow(true, -5, 9007199254740993L, -0.5, "héllo 🧬", LocalDate.of(2024, 2, 29),
                Instant.parse("2024-02-29T12:00:00Z"), LocalDateTime.of(2000, 1, 1, 0, 0), new BigDecimal("-123.45"),
                new byte[] {0, -1, 7}, Arrays.asList(1, null, 3), st);
        b.addRow(null, null, null, null, null, null, null, null, null, null, null, null);
        Table table = b.build();
        Path file = dir.resolve("ours.arrow");
        try (ArrowIpcWriter w = ArrowIpc.fileWriter(Files.newOutputStream(file), schema,
                ArrowWriteOptions.defaults().withMaxBatchRows(1))) {
            w.write(table);
        }
        JsonNode seen = node(file);
        assertThat(seen.get("rows").asInt()).isEqualTo(2);
        assertThat(seen.get("batches").asInt()).isEqualTo(2);
        JsonNode c = seen.get("columns");
        assertThat(c.get("b").get("values").toString()).isEqualTo("[true,null]");
        assertThat(c.get("i32").get("values").toString()).isEqualTo("[-5,null]");
        assertThat(c.get("i64").get("values").toString()).isEqualTo("[\"9007199254740993\",null]");
        assertThat(c.get("f64").get("values").toString()).isEqualTo("[-0.5,null]");
        assertThat(c.get("s").get("values").get(0).asText()).isEqualTo("héllo 🧬");
        assertThat(c.get("d").get("type").asText()).contains("Date");
        assertThat(c.get("d").get("values").get(0).asLong())
                .isEqualTo(LocalDate.of(2024, 2, 29).toEpochDay() * 86_400_000L);
        assertThat(c.get("ts").get("type").asText()).contains("Timestamp").contains("UTC");
        assertThat(c.get("ts").get("values").get(0).asLong()).isEqualTo(1709208000000L);
        assertThat(c.get("tsl").get("type").asText()).isEqualTo("Timestamp<MICROSECOND>");
        assertThat(c.get("tsl").get("values").get(0).asLong()).isEqualTo(946684800000L);
        assertThat(c.get("dec").get("type").asText()).isEqualTo("Decimal[9e+2]");
        assertThat(c.get("bin").get("values").get(0).toString()).isEqualTo("[0,255,7]");
        assertThat(c.get("lst").get("values").get(0).toString()).isEqualTo("[1,null,3]");
        assertThat(c.get("st").get("values").get(0).toString()).isEqualTo("{\"id\":7,\"name\":\"x\"}");
        for (JsonNode column : c) {
            assertThat(column.get("values").get(1).isNull()).as(column.get("type").asText()).isTrue();
        }
    }

    private JsonNode node(Path file) throws IOException, InterruptedException {
        Path script = dir.resolve("read.mjs");
        try (InputStream in = getClass().getResourceAsStream("/node/read.mjs")) {
            Files.write(script, in.readAllBytes());
        }
        Path out = dir.resolve("node-out.txt");
        Process p = new ProcessBuilder("node", script.toString(), modules.toString(), file.toString())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String text = Files.readString(out);
        assertThat(p.exitValue()).as(text).isZero();
        return new ObjectMapper().readTree(text);
    }
}
