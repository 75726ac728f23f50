package org.datahandle.formats.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.datahandle.DataFormatException;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codecs beyond what Hadoop's shaded client decompresses: Hadoop-framed LZ4 (and the bare LZ4
 * blocks some writers put under the same codec name) and Brotli, read; LZ4 and LZ4_RAW written.
 * DuckDB is the oracle: it reads the same files, and it writes the Brotli files we read.
 */
class ParquetCompressionTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hadoop_lz4_compressed.parquet", "hadoop_lz4_compressed_larger.parquet",
        "non_hadoop_lz4_compressed.parquet"})
    void lz4CorpusFilesReadAsDuckDbReadsThem(String name) throws Exception {
        Path file = TestData.assumeCorpus("parquet-testing").resolve(name);
        assertSameAsDuckDb(ParquetFiles.read(file), file);
    }

    @Test
    void brotliPagesWrittenByDuckDbRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("brotli.parquet");
        duck("COPY (SELECT i::BIGINT AS id, 'text ' || (i % 977) AS s, CASE WHEN i % 9 = 0 THEN NULL ELSE i / 7.0 END"
                + " AS d FROM range(0, 30000) t(i)) TO '" + file + "' (FORMAT parquet, COMPRESSION brotli)");
        Table t = ParquetFiles.read(file);
        assertThat(t.rowCount()).isEqualTo(30000);
        assertSameAsDuckDb(t, file);
    }

    @Test
    void aPageClaimingMoreThanTheHeapCanHoldIsRefusedByName() {
        // 4 KB of Brotli whose pages claim 2 GiB of strings (a test of Arrow's chunked reading)
        Path file = TestData.assumeCorpus("parquet-testing").resolve("large_string_map.brotli.parquet");
        assertThatThrownBy(() -> ParquetFiles.read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("large_string_map.brotli.parquet")
                .hasMessageContaining("BROTLI page claims")
                .hasMessageContaining("are not read");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lz4", "lz4_raw"})
    void lz4IsWrittenAndDuckDbReadsIt(String codec, @TempDir Path dir) throws Exception {
        Path file = dir.resolve(codec + ".parquet");
        Table.Builder b = Table.builder(Schema.of(Field.of("id", DataType.INT64), Field.of("s", DataType.STRING)));
        for (int i = 0; i < 50_000; i++) {
            b.addRow((long) i, i % 11 == 0 ? null : "value " + (i % 313));
        }
        Table table = b.build();
        ParquetFiles.write(file, table, Map.of("compression", codec));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT compression FROM parquet_metadata('" + file + "') LIMIT 1")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo(codec.equals("lz4") ? "LZ4" : "LZ4_RAW");
        }
        assertSameAsDuckDb(table, file);
        assertSameAsDuckDb(ParquetFiles.read(file), file);
    }

    @Test
    void binaryAsStringReadsUnannotatedByteArraysAsText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("legacy.parquet");
        duck("COPY (SELECT i AS id, encode('name ' || i || ' é') AS legacy FROM range(0, 100) t(i)) TO '" + file
                + "' (FORMAT parquet)");
        Table plain = ParquetFiles.read(file);
        assertThat(plain.schema().field("legacy").orElseThrow().type()).isEqualTo(DataType.BINARY);
        Table text = read(file, Map.of("binaryAsString", true));
        assertThat(text.schema().field("legacy").orElseThrow().type()).isEqualTo(DataType.STRING);
        assertThat(text.get(7, "legacy")).isEqualTo("name 7 é");

        Path bad = dir.resolve("bad.parquet");
        duck("COPY (SELECT '\\xFF\\xFE'::BLOB AS legacy) TO '" + bad + "' (FORMAT parquet)");
        assertThatThrownBy(() -> read(bad, Map.of("binaryAsString", true)))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("invalid UTF-8")
                .hasMessageContaining("legacy");
    }

    private static Table read(Path file, Map<String, Object> options) throws Exception {
        try (var r = ParquetFiles.codec(options).openReader(List.of(
                org.datahandle.testing.LocalCodecFiles.plain(ParquetFiles.HANDLE).source(file)))) {
            return r.readAll();
        }
    }

    private static void duck(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Every cell as DuckDB reads it, compared as text (blobs as UTF-8). */
    private static void assertSameAsDuckDb(Table table, Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(text(r.getObject(i)));
                }
                rows.add(row);
            }
        }
        assertThat(table.rowCount()).as("rows of %s", file.getFileName()).isEqualTo(rows.size());
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < table.columnCount(); c++) {
                assertThat(text(table.get(r, c))).as("%s row %d column %d", file.getFileName(), r, c)
                        .isEqualTo(rows.get(r).get(c));
            }
        }
    }

    private static String text(Object v) throws Exception {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] bytes) {
            return new String(bytes, UTF_8);
        }
        if (v instanceof Blob blob) {
            return new String(blob.getBytes(1, (int) blob.length()), UTF_8);
        }
        if (v instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return new String(bytes, UTF_8);
        }
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)
                && !(v instanceof java.math.BigDecimal)) {
            return Long.toString(n.longValue());
        }
        return v.toString();
    }
}
