package org.datahandle.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MAP columns: read as {@code list<struct<key,value>>} with their paths in the schema metadata
 * ({@link MapColumns#KEY}), and written back as MAP, so DuckDB sees a map again.
 */
class ParquetMapTest {

    @Test
    void aDuckDbMapRoundTripsAsAMap(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.parquet");
        duck("COPY (SELECT i AS id, CASE WHEN i % 4 = 0 THEN NULL ELSE MAP {'a': i, 'b': i * 2} END AS m,"
                + " {'inner': MAP {i: 'x' || i}} AS s, [MAP {'k': NULL::INTEGER}] AS l"
                + " FROM range(0, 50) t(i)) TO '" + in + "' (FORMAT parquet)");
        Table t = ParquetFiles.read(in);
        assertThat(t.schema().field("m").orElseThrow().type()).isEqualTo(DataType.listOf(DataType.struct(List.of(
                new Field("key", DataType.STRING, false), new Field("value", DataType.INT64, true)))));
        assertThat(t.schema().metadata()).containsEntry(MapColumns.KEY, "m\ns.inner\nl.element");
        assertThat(t.get(1, "m")).isEqualTo(List.of(Map.of("key", "a", "value", 1L), Map.of("key", "b", "value", 2L)));

        Path out = dir.resolve("out.parquet");
        ParquetFiles.write(out, t, Map.of());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT typeof(m), typeof(s), typeof(l) FROM read_parquet('" + out
                    + "') LIMIT 1")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("MAP(VARCHAR, BIGINT)");
                assertThat(r.getString(2)).isEqualTo("STRUCT(\"inner\" MAP(BIGINT, VARCHAR))");
                assertThat(r.getString(3)).isEqualTo("MAP(VARCHAR, INTEGER)[]");
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet('" + in + "') a JOIN read_parquet('"
                    + out + "') b ON a.id = b.id AND a.m IS NOT DISTINCT FROM b.m AND a.s = b.s AND a.l = b.l")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(50);
            }
        }
        Table back = ParquetFiles.read(out);
        assertThat(back.schema()).isEqualTo(t.schema());
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                assertThat(back.get(r, c)).isEqualTo(t.get(r, c));
            }
        }
    }

    @Test
    void corpusMapsKeepTheirPaths() throws Exception {
        Path corpus = TestData.assumeCorpus("parquet-testing");
        Table nested = ParquetFiles.read(corpus.resolve("nested_maps.snappy.parquet"));
        assertThat(MapColumns.decode(nested.schema().metadata().get(MapColumns.KEY))).isNotEmpty();
        Table plain = ParquetFiles.read(corpus.resolve("alltypes_plain.parquet"));
        assertThat(plain.schema().metadata()).doesNotContainKey(MapColumns.KEY);
    }

    @Test
    void withoutTheMarkAListOfStructsStaysAList(@TempDir Path dir) throws Exception {
        Schema schema = Schema.of(Field.of("kv", DataType.listOf(DataType.struct(List.of(
                Field.of("key", DataType.STRING), Field.of("value", DataType.INT32))))));
        Table t = Table.builder(schema).addRow(List.of(Map.of("key", "a", "value", 1))).build();
        Path out = dir.resolve("list.parquet");
        ParquetFiles.write(out, t, Map.of());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT typeof(kv) FROM read_parquet('" + out + "')")) {
            r.next();
            assertThat(r.getString(1)).startsWith("STRUCT(");
        }
    }

    private static void duck(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
