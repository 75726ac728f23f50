package org.datahandle.formats.arrow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.SampleTables;
import org.datahandle.testing.TestPython;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrow IPC against the real pyarrow (25.0.1 from the project's virtual environment): what we write, pyarrow
 * maps without allocating, validates in full and reads value for value; what pyarrow writes, we read type for
 * type.
 */
class PyArrowInteropTest {
    private static Path python;

    @TempDir
    Path dir;

    @BeforeAll
    static void findPython() {
        python = TestPython.assumePython("pyarrow", "numpy");
    }

    @Test
    void pyarrowMapsOurFileWithoutCopyingValidatesItAndWritesItBackTheSame() throws IOException {
        List<DataType> types = new ArrayList<>(SampleTables.SCALAR_TYPES);
        types.add(new DataType.Decimal(40, 5));
        types.addAll(SampleTables.NESTED_TYPES);
        Table table = SampleTables.ofTypes(types, 300);
        Path file = dir.resolve("ours.arrow");
        try (OutputStream out = Files.newOutputStream(file);
                ArrowIpcWriter w = ArrowIpc.fileWriter(out, table.schema(), ArrowWriteOptions.defaults()
                        .withMaxBatchRows(120))) {
            w.write(table);
        }

        JsonNode report = json(TestPython.run(python, script("check_ours.py"), List.of(file.toString(), dir.toString()))
                .assertSuccess().stdout());
        assertThat(report.get("rows").asInt()).isEqualTo(300);
        assertThat(report.get("allocated").asLong()).as("bytes pyarrow allocated to read our mapped file").isZero();
        assertThat(report.get("buffers").asInt()).isGreaterThan(types.size());
        assertThat(report.get("outside")).as("buffers outside the map").isEmpty();
        assertThat(report.get("misaligned")).as("buffers not 64-byte aligned").isEmpty();

        for (String written : List.of("pyarrow.arrow", "pyarrow-zstd.arrows", "pyarrow-lz4.arrows")) {
            assertThat(read(dir.resolve(written))).as(written).isEqualTo(table);
        }
    }

    @Test
    void pyarrowReadsEachTypeAsTheValueWeWrote() throws IOException {
        Schema schema = Schema.of(Field.of("b", DataType.BOOLEAN), Field.of("i32", DataType.INT32),
                Field.of("i64", DataType.INT64), Field.of("f32", DataType.FLOAT32), Field.of("f64", DataType.FLOAT64),
                Field.of("s", DataType.STRING), Field.of("d", DataType.DATE), Field.of("ts", DataType.TIMESTAMP),
                Field.of("tsl", DataType.TIMESTAMP_LOCAL), Field.of("dec", new DataType.Decimal(9, 2)),
                Field.of("wide", new DataType.Decimal(42, 2)), Field.of("bin", DataType.BINARY),
                Field.of("lst", new DataType.ListOf(DataType.INT64)),
                Field.of("st", new DataType.Struct(List.of(Field.of("id", DataType.INT32),
                        Field.of("name", DataType.STRING)))),
                Field.of("nul", DataType.STRING));
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("id", 7);
        st.put("name", null);
        Table table = Table.builder(schema).addRow(true, Integer.MIN_VALUE, 9007199254740993L, 1.5f, -0.1,
                "héllo 🧬", LocalDate.of(1969, 12, 31), Instant.parse("2024-02-29T23:59:58.123456Z"),
                LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1000), new BigDecimal("-12345.67"),
                new BigDecimal("1234567890123456789012345678901234567890.12"), new byte[] {0, -1, 'a', 'b'},
                Arrays.asList(1L, null, 3L), st, null).build();
        Path file = dir.resolve("values.arrow");
        try (ArrowIpcWriter w = ArrowIpc.fileWriter(Files.newOutputStream(file), schema)) {
            w.write(table);
        }
        JsonNode report = json(TestPython.run(python, script("check_values.py"), List.of(file.toString()))
                .assertSuccess().stdout());
        assertThat(report.get("problems")).as("cells pyarrow read differently; types " + report.get("types"))
                .isEmpty();
        assertThat(report.get("types").get("ts").asText()).isEqualTo("timestamp[us, tz=UTC]");
        assertThat(report.get("types").get("tsl").asText()).isEqualTo("timestamp[us]");
        assertThat(report.get("types").get("wide").asText()).isEqualTo("decimal256(42, 2)");
    }

    @Test
    void weReadWhatPyarrowWritesTypeForType() throws IOException {
        TestPython.run(python, script("write_fancy.py"), List.of(dir.toString())).assertSuccess();
        Table plain = read(dir.resolve("plain.arrow"));
        assertThat(plain.rowCount()).isEqualTo(50);
        assertThat(plain.schema().field("map").orElseThrow().type())
                .isEqualTo(new DataType.ListOf(new DataType.Struct(List.of(new Field("key", DataType.STRING, false),
                        Field.of("value", DataType.INT64)))));
        assertThat(plain.schema().field("ts_ns").orElseThrow().type()).isEqualTo(DataType.TIMESTAMP);
        assertThat(plain.schema().field("ts_ms").orElseThrow().type()).isEqualTo(DataType.TIMESTAMP_LOCAL);
        for (String fancy : List.of("fancy.arrow", "fancy-zstd.arrows", "fancy-lz4.feather")) {
            Table read = read(dir.resolve(fancy));
            assertThat(read.schema()).as(fancy).isEqualTo(plain.schema());
            for (int c = 0; c < plain.columnCount(); c++) {
                for (int r = 0; r < plain.rowCount(); r++) {
                    assertThat(cell(read, r, c)).as("%s column %s row %d", fancy, plain.schema().field(c).name(), r)
                            .isEqualTo(cell(plain, r, c));
                }
            }
            assertThat(read).as(fancy).isEqualTo(plain);
        }
        Table delta = read(dir.resolve("delta.arrows"));
        assertThat(delta.schema().field("d").orElseThrow().type()).isEqualTo(DataType.STRING);
        List<Object> values = new ArrayList<>();
        for (int r = 0; r < delta.rowCount(); r++) {
            values.add(delta.get(r, 0));
        }
        assertThat(values).as("a delta dictionary extends the first").containsExactly("a", "b", null, "b", "c", "a",
                "d");
    }

    /** A cell, with byte arrays as lists so that AssertJ compares them by value. */
    private static Object cell(Table t, int row, int column) {
        Object v = t.get(row, column);
        return v instanceof byte[] b ? Arrays.toString(b) : v;
    }

    static Table read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                ArrowIpcReader r = ArrowIpc.reader(in, file.toUri())) {
            List<Table> batches = new ArrayList<>();
            for (Optional<Table> b = r.next(); b.isPresent(); b = r.next()) {
                batches.add(b.get());
            }
            return Table.concat(r.schema(), batches);
        }
    }

    static String script(String name) throws IOException {
        try (InputStream in = PyArrowInteropTest.class.getResourceAsStream("/python/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode json(String stdout) throws IOException {
        String[] lines = stdout.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
