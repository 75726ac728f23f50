package org.datahandle.spark;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.NotProducedException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** D2M by Spark's readers: exact files, our options, our schema, our compressions. */
@SuppressWarnings("unchecked") // read(Dataset.class) hands out the raw type
class SparkReadTest {
    @TempDir
    Path dir;

    private static final String CSV = "id,zip,score\n1,007,1.5\n2,08123,2.5\n3,42,\n";

    @Test
    void csvColumnsStayTextWithoutARecord() throws IOException {
        Files.writeString(dir.resolve("s.csv"), CSV);
        try (Catalog c = Catalogs.of("s: {disk: {path: s.csv}, memory: {format: spark}}", dir)) {
            Dataset<Row> ds = c.get("s").read(Dataset.class);
            assertThat(ds.schema().fields()).allSatisfy(f -> assertThat(f.dataType()).isEqualTo(DataTypes.StringType));
            assertThat(ds.orderBy("id").collectAsList()).extracting(r -> r.getString(1))
                    .containsExactly("007", "08123", "42");
            assertThat(ds.orderBy("id").collectAsList().get(2).isNullAt(2)).isTrue();
        }
    }

    @Test
    void schemaOptionTypesColumns() throws IOException {
        Files.writeString(dir.resolve("s.tsv"), CSV.replace(',', '\t').replace("\n3\t42\t\n", "\n3\t42\tNA\n"));
        String yaml = "s: {disk: {path: s.tsv, options: {nullValue: NA, schema: {id: int64, score: float64}}}, memory: {format: spark}}";
        try (Catalog c = Catalogs.of(yaml, dir)) {
            Dataset<Row> ds = c.get("s").read(Dataset.class);
            assertThat(ds.schema().apply("id").dataType()).isEqualTo(DataTypes.LongType);
            assertThat(ds.schema().apply("zip").dataType()).isEqualTo(DataTypes.StringType);
            assertThat(ds.schema().apply("score").dataType()).isEqualTo(DataTypes.DoubleType);
            List<Row> rows = ds.orderBy("id").collectAsList();
            assertThat(rows.get(0).getLong(0)).isEqualTo(1L);
            assertThat(rows.get(1).getString(1)).isEqualTo("08123");
            assertThat(rows.get(2).isNullAt(2)).isTrue();
        }
    }

    @Test
    void recordedSchemaTypesWhatTheLibraryWrote() {
        Table t = Table.builder(org.datahandle.table.Schema.of(
                org.datahandle.table.Field.of("id", org.datahandle.table.DataType.INT64),
                org.datahandle.table.Field.of("zip", org.datahandle.table.DataType.STRING))).addRow(1L, "007").build();
        try (Catalog c = Catalogs.of("out: {disk: {path: out.csv.gz}}\nsame: {disk: {path: out.csv.gz}, memory: {format: spark}}", dir)) {
            c.get("out").write(t);
            Dataset<Row> ds = c.get("same").read(Dataset.class);
            assertThat(ds.schema().apply("id").dataType()).isEqualTo(DataTypes.LongType);
            assertThat(ds.collectAsList().get(0).getString(1)).isEqualTo("007");
        }
    }

    @Test
    void bgzipFromTheRealToolReadsRight() throws Exception {
        Path plain = dir.resolve("big.csv");
        StringBuilder sb = new StringBuilder("id,name\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append(i).append(",name-").append(i).append('\n');
        }
        Files.writeString(plain, sb.toString());
        run(List.of("bgzip", "-c", plain.toString()), dir.resolve("big.csv.bgz"));
        Files.delete(plain);
        try (Catalog c = Catalogs.of("b: {disk: {path: big.csv.bgz, options: {schema: {id: int32}}}, memory: {format: spark}}", dir)) {
            Dataset<Row> ds = c.get("b").read(Dataset.class);
            assertThat(ds.count()).isEqualTo(50_000);
            assertThat(ds.where("id = 49999").collectAsList().get(0).getString(1)).isEqualTo("name-49999");
        }
    }

    @Test
    void zstFromTheRealToolReadsWithoutANativeHadoopLibrary() throws Exception {
        Path plain = dir.resolve("z.csv");
        Files.writeString(plain, CSV);
        run(List.of("zstd", "-q", "-c", plain.toString()), dir.resolve("z.csv.zst"));
        Files.delete(plain);
        try (Catalog c = Catalogs.of("z: {disk: {path: z.csv.zst}, memory: {format: spark}}", dir)) {
            Dataset<Row> ds = c.get("z").read(Dataset.class);
            assertThat(ds.orderBy("id").collectAsList()).extracting(r -> r.getString(1))
                    .containsExactly("007", "08123", "42");
        }
    }

    @Test
    void jsonLinesAndGlobsReadExactlyTheVouchedFiles() throws IOException {
        Files.writeString(dir.resolve("p1.jsonl"), "{\"id\": 1, \"name\": \"a\"}\n");
        Files.writeString(dir.resolve("p2.jsonl"), "{\"id\": 2, \"name\": \"b\"}\n");
        try (Catalog c = Catalogs.of("j: {disk: {path: 'p*.jsonl'}, memory: {format: spark}}", dir)) {
            DataHandle h = c.get("j");
            Dataset<Row> ds = SparkHandles.read(h, SparkTestSession.get());
            assertThat(ds.count()).isEqualTo(2);
            assertThat(ds.inputFiles()).hasSize(2);
        }
    }

    @Test
    void notProducedAndUnsupportedFormatsAreClearErrors() throws IOException {
        Files.writeString(dir.resolve("x.vcf"), "##fileformat=VCFv4.2\n");
        try (Catalog c = Catalogs.of("m: {disk: {path: missing.csv}, memory: {format: spark}}\n"
                + "v: {disk: {path: x.vcf}}", dir)) {
            assertThatThrownBy(() -> c.get("m").read(Dataset.class)).isInstanceOf(NotProducedException.class)
                    .hasMessageContaining("missing.csv");
            assertThatThrownBy(() -> SparkHandles.read(c.get("v"), SparkTestSession.get()))
                    .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("'vcf'");
        }
    }

    @Test
    void aSessionIsNeverStartedByTheLibrary() throws IOException {
        Files.writeString(dir.resolve("s.csv"), CSV);
        try (Catalog c = Catalogs.withoutSession("s: {disk: {path: s.csv}, memory: {format: spark}}", dir)) {
            assertThatThrownBy(() -> c.get("s").read(Dataset.class)).hasMessageContaining("SparkSession")
                    .hasMessageContaining("memoryFormContext");
        }
    }

    static void run(List<String> command, Path output) throws Exception {
        Process p = new ProcessBuilder(command).redirectOutput(output.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), UTF_8)).isZero();
    }
}
