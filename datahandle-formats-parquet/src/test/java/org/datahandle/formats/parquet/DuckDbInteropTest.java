package org.datahandle.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.LongColumn;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB, an independent Parquet implementation, reads what we write and writes what we read. */
class DuckDbInteropTest {
    @TempDir
    Path dir;

    private Connection duck;

    @BeforeEach
    void open() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("SET threads = 1");
        }
    }

    @AfterEach
    void close() throws SQLException {
        duck.close();
    }

    static final DataType.Struct POINT = DataType.struct(List.of(
            Field.of("x", DataType.INT32), Field.of("label", DataType.STRING)));

    static final Schema SCHEMA = Schema.of(
            new Field("id", DataType.INT32, false),
            Field.of("b", DataType.BOOLEAN),
            Field.of("l", DataType.INT64),
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
            Field.of("ints", DataType.listOf(DataType.INT64)),
            Field.of("point", POINT),
            Field.of("points", DataType.listOf(POINT)));

    @Test
    void duckDbReadsWhatWeWrite() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("x", 7);
        p.put("label", "sept ✓");
        Table table = Table.builder(SCHEMA)
                .addRow(1, true, 10L, 1.5f, 2.25, "ünïcödé 日本", LocalDate.of(2024, 2, 29),
                        Instant.parse("2024-03-01T12:34:56.123456Z"), LocalDateTime.parse("1999-12-31T23:59:59.000001"),
                        new byte[] {0, 1, (byte) 0xFF}, new BigDecimal("-1234567.89"),
                        new BigDecimal("12345678901234.5678"), new BigDecimal("-1234567890123456789012345678.0123456789"),
                        Arrays.asList(1L, null, 3L), p, Arrays.asList(p, null))
                .addRow(2, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null)
                .addRow(3, false, Long.MIN_VALUE, -0.5f, -1e300, "", LocalDate.of(1900, 1, 1),
                        Instant.parse("1960-01-01T00:00:00Z"), LocalDateTime.parse("2262-01-01T00:00:00"),
                        new byte[0], new BigDecimal("0.01"), BigDecimal.ZERO, BigDecimal.ONE, List.of(), Map.of("x", 1),
                        List.of())
                .build();
        Path file = dir.resolve("ours.parquet");
        ParquetFiles.write(file, table, Map.of("compression", "zstd"));

        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement ps = duck.prepareStatement("DESCRIBE SELECT * FROM read_parquet(?)")) {
            ps.setString(1, file.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString("column_name"), rs.getString("column_type"));
                }
            }
        }
        assertThat(types).containsExactly(
                Map.entry("id", "INTEGER"), Map.entry("b", "BOOLEAN"), Map.entry("l", "BIGINT"),
                Map.entry("f", "FLOAT"), Map.entry("d", "DOUBLE"), Map.entry("s", "VARCHAR"),
                Map.entry("day", "DATE"), Map.entry("ts", "TIMESTAMP WITH TIME ZONE"), Map.entry("local", "TIMESTAMP"),
                Map.entry("bin", "BLOB"), Map.entry("dec9", "DECIMAL(9,2)"), Map.entry("dec18", "DECIMAL(18,4)"),
                Map.entry("dec38", "DECIMAL(38,10)"), Map.entry("ints", "BIGINT[]"),
                Map.entry("point", "STRUCT(x INTEGER, \"label\" VARCHAR)"),
                Map.entry("points", "STRUCT(x INTEGER, \"label\" VARCHAR)[]"));

        String sql = "SELECT id, b, l, f, d, s, CAST(day AS VARCHAR) AS day, epoch_us(ts) AS ts, epoch_us(local) AS local,"
                + " hex(bin) AS bin, dec9, dec18, dec38, ints, point, points FROM read_parquet(?) ORDER BY id";
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = duck.prepareStatement(sql)) {
            ps.setString(1, file.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= 16; c++) {
                        row.add(plain(rs.getObject(c)));
                    }
                    rows.add(row);
                }
            }
        }
        assertThat(rows).hasSize(3);
        for (int r = 0; r < 3; r++) {
            List<Object> expected = new ArrayList<>();
            for (int c = 0; c < SCHEMA.size(); c++) {
                expected.add(expectedAsDuckDb(table.column(c), r));
            }
            assertThat(rows.get(r)).as("row %d", r).isEqualTo(expected);
        }
    }

    /** What DuckDB's JDBC row holds for our cell, after {@link #plain}. */
    private static Object expectedAsDuckDb(Column column, int row) {
        if (column.isNull(row)) {
            return null;
        }
        DataType type = column.type();
        if (type instanceof DataType.Timestamp) {
            return ((LongColumn) column).getLong(row);
        }
        if (type == DataType.DATE) {
            return column.get(row).toString();
        }
        if (type == DataType.BINARY) {
            return HexFormat.of().withUpperCase().formatHex((byte[]) column.get(row));
        }
        return plainOurs(column.get(row));
    }

    private static Object plainOurs(Object v) {
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object e : l) {
                out.add(plainOurs(e));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            List<Object> out = new ArrayList<>();
            for (Object e : m.values()) {
                out.add(plainOurs(e));
            }
            return out;
        }
        return v;
    }

    /** JDBC values as plain Java: arrays to lists, structs to lists of attributes, decimals normalized. */
    private static Object plain(Object v) throws SQLException {
        if (v instanceof Array a) {
            List<Object> out = new ArrayList<>();
            for (Object e : (Object[]) a.getArray()) {
                out.add(plain(e));
            }
            return out;
        }
        if (v instanceof Struct s) {
            List<Object> out = new ArrayList<>();
            for (Object e : s.getAttributes()) {
                out.add(plain(e));
            }
            return out;
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros();
        }
        return v;
    }

    @Test
    void weReadWhatDuckDbWrites() throws Exception {
        Path file = dir.resolve("duck.parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i::INTEGER AS i, i * 1000000007 AS big, i / 4 AS dbl, 'v' || i AS txt,"
                    + " DATE '2024-01-01' + i::INTEGER AS day,"
                    + " make_timestamp(1704067200000000 + i * 1000001) AS ts,"
                    + " to_timestamp(1704067200 + i) AS tstz,"
                    + " (i / 100)::DECIMAL(10,2) AS dec,"
                    + " i % 2 = 0 AS flag,"
                    + " [i, i + 1] AS lst,"
                    + " {'a': i, 'b': 'x' || i} AS st,"
                    + " CASE WHEN i % 10 = 0 THEN NULL ELSE i END AS maybe,"
                    + " CASE WHEN i % 3 = 0 THEN NULL ELSE 'n' || i END AS maybe_txt"
                    + " FROM range(0, 3500) t(i) ORDER BY i)"
                    + " TO '" + file + "' (FORMAT PARQUET, COMPRESSION ZSTD, ROW_GROUP_SIZE 1000)");
        }

        List<Table> batches = ParquetFiles.stream(file);
        assertThat(batches).as("one batch per row group").hasSizeGreaterThan(1);
        Table t = ParquetFiles.read(file);
        assertThat(t.rowCount()).isEqualTo(3500);

        Map<String, DataType> types = new HashMap<>();
        for (Field f : t.schema().fields()) {
            types.put(f.name(), f.type());
        }
        assertThat(types).containsEntry("i", DataType.INT32).containsEntry("big", DataType.INT64)
                .containsEntry("dbl", DataType.FLOAT64).containsEntry("txt", DataType.STRING)
                .containsEntry("day", DataType.DATE).containsEntry("ts", DataType.TIMESTAMP_LOCAL)
                .containsEntry("tstz", DataType.TIMESTAMP).containsEntry("dec", DataType.decimal(10, 2))
                .containsEntry("flag", DataType.BOOLEAN).containsEntry("lst", DataType.listOf(DataType.INT64))
                .containsEntry("st", DataType.struct(List.of(Field.of("a", DataType.INT64), Field.of("b", DataType.STRING))))
                .containsEntry("maybe", DataType.INT64).containsEntry("maybe_txt", DataType.STRING);

        for (int r = 0; r < t.rowCount(); r++) {
            int i = (Integer) t.get(r, "i");
            assertThat(i).isEqualTo(r);
            assertThat(t.get(r, "big")).isEqualTo(i * 1_000_000_007L);
            assertThat(t.get(r, "dbl")).isEqualTo(i / 4.0);
            assertThat(t.get(r, "txt")).isEqualTo("v" + i);
            assertThat(t.get(r, "day")).isEqualTo(LocalDate.of(2024, 1, 1).plusDays(i));
            assertThat(t.get(r, "ts")).isEqualTo(LongColumn.localOfMicros(1_704_067_200_000_000L + i * 1_000_001L));
            assertThat(t.get(r, "tstz")).isEqualTo(Instant.ofEpochSecond(1_704_067_200L + i));
            assertThat((BigDecimal) t.get(r, "dec")).isEqualByComparingTo(
                    BigDecimal.valueOf(i).divide(BigDecimal.valueOf(100)).setScale(2, java.math.RoundingMode.HALF_EVEN));
            assertThat(t.get(r, "flag")).isEqualTo(i % 2 == 0);
            assertThat(t.get(r, "lst")).isEqualTo(List.of((long) i, i + 1L));
            assertThat(t.get(r, "st")).isEqualTo(Map.of("a", (long) i, "b", "x" + i));
            assertThat(t.get(r, "maybe")).isEqualTo(i % 10 == 0 ? null : (long) i);
            assertThat(t.get(r, "maybe_txt")).isEqualTo(i % 3 == 0 ? null : "n" + i);
        }
    }
}
