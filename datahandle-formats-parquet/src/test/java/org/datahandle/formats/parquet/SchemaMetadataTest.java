package org.datahandle.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A schema's key-value metadata lives in the footer's key_value_metadata, where other readers see it. */
class SchemaMetadataTest {
    @TempDir
    Path dir;

    private static final String HEADER = "##fileformat=VCFv4.3\n##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">";

    private Table tagged() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("vcf.header", HEADER);
        meta.put("vcf.samples", "NA00001\tNA00002");
        Schema schema = Schema.of(Field.of("chrom", DataType.STRING), Field.of("pos", DataType.INT64))
                .withMetadata(meta);
        return Table.builder(schema).addRow("20", 14370L).addRow("20", 17330L).build();
    }

    @Test
    void metadataSurvivesARoundTrip() throws Exception {
        Path file = dir.resolve("t.parquet");
        ParquetFiles.write(file, tagged(), Map.of());

        Table back = ParquetFiles.read(file);
        assertThat(back).isEqualTo(tagged());
        assertThat(back.schema().metadata()).containsOnly(Map.entry("vcf.header", HEADER),
                Map.entry("vcf.samples", "NA00001\tNA00002"));
        assertThat(ParquetFiles.stream(file)).allSatisfy(batch -> assertThat(batch.schema().metadata())
                .containsKey("vcf.header"));
    }

    @Test
    void aSchemaWithoutMetadataReadsBackWithoutAny() throws Exception {
        Path file = dir.resolve("plain.parquet");
        Table plain = Table.builder(Schema.of(Field.of("x", DataType.INT32))).addRow(1).build();
        ParquetFiles.write(file, plain, Map.of());
        // writer.model.name is parquet-java's bookkeeping and stays out of the schema
        assertThat(ParquetFiles.read(file).schema().metadata()).isEmpty();
    }

    @Test
    void duckDbSeesTheKeysInTheFooter() throws Exception {
        Path file = dir.resolve("t.parquet");
        ParquetFiles.write(file, tagged(), Map.of("compression", "zstd"));
        Map<String, String> seen = new LinkedHashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT key, value FROM parquet_kv_metadata('"
                        + file.toString().replace("'", "''") + "')")) {
            while (rs.next()) {
                seen.put(new String(rs.getBytes(1), StandardCharsets.UTF_8),
                        new String(rs.getBytes(2), StandardCharsets.UTF_8));
            }
        }
        assertThat(seen).containsEntry("vcf.header", HEADER).containsEntry("vcf.samples", "NA00001\tNA00002");
    }

    @Test
    void aFileWrittenByDuckDbWithMetadataShowsItsKeys() throws Exception {
        Path file = dir.resolve("duck.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT 1 AS x) TO '" + file.toString().replace("'", "''")
                    + "' (FORMAT parquet, KV_METADATA {origin: 'duckdb', note: 'from a test'})");
        }
        assertThat(ParquetFiles.read(file).schema().metadata()).containsEntry("origin", "duckdb")
                .containsEntry("note", "from a test");
    }
}
