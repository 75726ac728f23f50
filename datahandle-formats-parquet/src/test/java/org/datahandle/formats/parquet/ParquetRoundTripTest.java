package org.datahandle.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tables written by the codec and read back are equal, value by value and type by type. */
class ParquetRoundTripTest {
    @TempDir
    Path dir;

    static final DataType.Struct POINT = DataType.struct(List.of(
            Field.of("x", DataType.INT32), Field.of("label", DataType.STRING)));

    static final Schema ALL_TYPES = Schema.of(
            Field.of("b", DataType.BOOLEAN),
            Field.of("i", DataType.INT32),
            new Field("l", DataType.INT64, false),
            Field.of("f", DataType.FLOAT32),
            Field.of("d", DataType.FLOAT64),
            Field.of("s", DataType.STRING),
            Field.of("day", DataType.DATE),
            Field.of("ts", DataType.TIMESTAMP),
            Field.of("local", DataType.TIMESTAMP_LOCAL),
            Field.of("bin", DataType.BINARY),
            Field.of("dec9", DataType.decimal(9, 2)),
            Field.of("dec18", DataType.decimal(18, 4)),
            Field.of("dec38", DataType.decimal(38, 10)),
            Field.of("dec76", DataType.decimal(76, 0)),
            Field.of("ints", DataType.listOf(DataType.INT64)),
            Field.of("names", DataType.listOf(DataType.STRING)),
            Field.of("point", POINT),
            Field.of("points", DataType.listOf(POINT)),
            Field.of("nested", DataType.listOf(DataType.listOf(DataType.INT32))));

    static Table allTypes() {
        Map<String, Object> p1 = new LinkedHashMap<>();
        p1.put("x", 1);
        p1.put("label", "un");
        Map<String, Object> p2 = new LinkedHashMap<>();
        p2.put("x", null);
        p2.put("label", "Zwei ✓");
        return Table.builder(ALL_TYPES)
                .addRow(true, 1, 10L, 1.5f, 2.25, "plain", LocalDate.of(2024, 2, 29),
                        Instant.parse("2024-03-01T12:34:56.123456Z"), LocalDateTime.parse("2024-03-01T12:34:56.654321"),
                        new byte[] {1, 2, 3}, new BigDecimal("1234567.89"), new BigDecimal("-12345678901234.5678"),
                        new BigDecimal("1234567890123456789012345678.0123456789"),
                        new BigDecimal("-" + "9".repeat(76)),
                        List.of(1L, 2L, 3L), Arrays.asList("a", null, "c"), p1, List.of(p1, p2),
                        List.of(List.of(1, 2), List.of(), Arrays.asList(3, null)))
                .addRow(false, Integer.MIN_VALUE, Long.MIN_VALUE, Float.NaN, Double.NEGATIVE_INFINITY,
                        "ünïcödé 日本語 🎉", LocalDate.of(1900, 1, 1), Instant.parse("1960-01-01T00:00:00.000001Z"),
                        LocalDateTime.parse("1899-12-31T23:59:59"), new byte[0], new BigDecimal("-0.01"),
                        BigDecimal.ZERO, new BigDecimal("-0.0000000001"), BigDecimal.ONE,
                        List.of(), List.of(), p2, List.of(), List.of())
                .addRow(null, null, 0L, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null)
                .addRow(true, Integer.MAX_VALUE, Long.MAX_VALUE, -0.0f, Double.MIN_VALUE, "", LocalDate.of(9999, 12, 31),
                        Instant.parse("2262-04-11T23:47:16.854775Z"), LocalDateTime.parse("0001-01-01T00:00:00"),
                        new byte[] {(byte) 0xFF}, new BigDecimal("9999999.99"), new BigDecimal("99999999999999.9999"),
                        new BigDecimal("9999999999999999999999999999.9999999999"), new BigDecimal("9".repeat(76)),
                        Arrays.asList(null, null), Arrays.asList((String) null), null, Arrays.asList(p1, null),
                        Arrays.asList(null, List.of(7)))
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd", "gzip", "none"})
    void everyTypeRoundTripsWithEachCompression(String compression) throws Exception {
        Table table = allTypes();
        Path file = dir.resolve("all.parquet");
        ParquetFiles.write(file, table, Map.of("compression", compression));

        Table back = ParquetFiles.read(file);

        assertThat(back.schema()).isEqualTo(ALL_TYPES);
        assertSameRows(back, table);
    }

    @Test
    void emptyTableKeepsItsSchema() throws Exception {
        Path file = dir.resolve("empty.parquet");
        ParquetFiles.write(file, Table.empty(ALL_TYPES), Map.of());

        Table back = ParquetFiles.read(file);

        assertThat(back.schema()).isEqualTo(ALL_TYPES);
        assertThat(back.rowCount()).isZero();
        assertThat(ParquetFiles.stream(file)).isEmpty();
    }

    @Test
    void writerWithNoBatchesWritesAnEmptyFile() throws Exception {
        Path file = dir.resolve("none.parquet");
        ParquetFiles.write(file, ALL_TYPES, List.of(), Map.of());

        assertThat(ParquetFiles.read(file).rowCount()).isZero();
    }

    @Test
    void oneRow() throws Exception {
        Table one = allTypes().slice(0, 1);
        Path file = dir.resolve("one.parquet");
        ParquetFiles.write(file, one, Map.of());

        assertSameRows(ParquetFiles.read(file), one);
    }

    @Test
    void smallRowGroupSizeGivesSeveralRowGroupsReadOneBatchEach() throws Exception {
        Schema schema = Schema.of(Field.of("id", DataType.INT64), Field.of("text", DataType.STRING),
                Field.of("tags", DataType.listOf(DataType.STRING)));
        Table.Builder b = Table.builder(schema);
        for (int i = 0; i < 5000; i++) {
            b.addRow((long) i, i % 7 == 0 ? null : "row " + i, i % 5 == 0 ? null : List.of("t" + i % 3, "u"));
        }
        Table table = b.build();
        Path file = dir.resolve("groups.parquet");
        // Two batches written, to check that batches do not have to align with row groups.
        ParquetFiles.write(file, schema, List.of(table.slice(0, 1234), table.slice(1234, 5000)),
                Map.of("rowGroupSize", 4096, "pageSize", "1024", "compression", "zstd"));

        List<Table> batches = ParquetFiles.stream(file);
        assertThat(batches).hasSizeGreaterThan(2);
        assertThat(batches.stream().mapToInt(Table::rowCount).sum()).isEqualTo(5000);
        assertSameRows(Table.concat(schema, batches), table);
        assertSameRows(ParquetFiles.read(file), table);
    }

    @Test
    void flatColumnsWithNullsAndDictionariesRoundTripAcrossRowGroups() throws Exception {
        // No nested column: this takes the column-by-column path of the reader.
        Schema schema = Schema.of(Field.of("id", DataType.INT32), Field.of("city", DataType.STRING),
                Field.of("price", DataType.decimal(12, 3)), Field.of("at", DataType.TIMESTAMP),
                Field.of("ok", DataType.BOOLEAN), Field.of("blob", DataType.BINARY));
        Table.Builder b = Table.builder(schema);
        String[] cities = {"Zürich", "東京", "Lagos", ""};
        for (int i = 0; i < 3000; i++) {
            b.addRow(i % 11 == 0 ? null : i, i % 13 == 0 ? null : cities[i % cities.length],
                    i % 4 == 0 ? null : BigDecimal.valueOf(i * 1001L - 1_500_000, 3),
                    i % 6 == 0 ? null : Instant.ofEpochSecond(1_700_000_000L + i, i * 1000L),
                    i % 5 == 0 ? null : i % 3 == 0, i % 9 == 0 ? null : new byte[] {(byte) i, (byte) (i >> 8)});
        }
        Table table = b.build();
        Path file = dir.resolve("flat.parquet");
        ParquetFiles.write(file, table, Map.of("rowGroupSize", 8192, "compression", "gzip"));

        List<Table> batches = ParquetFiles.stream(file);
        assertThat(batches).hasSizeGreaterThan(1);
        assertSameRows(Table.concat(schema, batches), table);
    }

    @Test
    void severalFilesReadAsOneTable() throws Exception {
        Table table = allTypes();
        Path a = dir.resolve("part-0.parquet");
        Path b = dir.resolve("part-1.parquet");
        ParquetFiles.write(a, table.slice(0, 2), Map.of());
        ParquetFiles.write(b, table.slice(2, 4), Map.of("compression", "none"));

        assertSameRows(ParquetFiles.read(a, b), table);
    }

    @Test
    void notNullableFieldsStayRequired() throws Exception {
        Schema schema = Schema.of(new Field("id", DataType.INT32, false),
                new Field("s", DataType.struct(List.of(new Field("n", DataType.STRING, false))), false));
        Table table = Table.builder(schema).addRow(1, Map.of("n", "x")).build();
        Path file = dir.resolve("required.parquet");
        ParquetFiles.write(file, table, Map.of());

        Table back = ParquetFiles.read(file);
        assertThat(back.schema()).isEqualTo(schema);
        assertSameRows(back, table);
    }

    /** Compares boxed rows; byte arrays by content. */
    static void assertSameRows(Table actual, Table expected) {
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        assertThat(normalize(actual)).isEqualTo(normalize(expected));
    }

    private static List<List<Object>> normalize(Table t) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < t.columnCount(); c++) {
                row.add(normalize(t.get(r, c)));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object normalize(Object v) {
        if (v instanceof byte[] bytes) {
            return "bytes" + Arrays.toString(bytes);
        }
        if (v instanceof Float f) {
            return "float:" + Float.floatToIntBits(f);
        }
        if (v instanceof Double d) {
            return "double:" + Double.doubleToLongBits(d);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object e : l) {
                out.add(normalize(e));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normalize(x)));
            return out;
        }
        return v;
    }
}
