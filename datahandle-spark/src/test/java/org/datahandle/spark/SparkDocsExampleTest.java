package org.datahandle.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.datahandle.Catalog;
import org.datahandle.ExternalWrite;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example of docs/spark.md: its YAML is read from the page, its Java is the block below. */
@SuppressWarnings("unchecked") // read(Dataset.class) hands out the raw type
class SparkDocsExampleTest {
    @TempDir
    Path dir;

    static String yamlOfTheDocs() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "spark.md"));
        int start = page.indexOf("```yaml\ndataHandles:");
        int end = page.indexOf("```", start + 7);
        return page.substring(start + "```yaml\n".length(), end);
    }

    @Test
    void theExampleWorkflowRuns() throws Exception {
        Path workflow = dir.resolve("workflow.yaml");
        Files.writeString(workflow, yamlOfTheDocs());
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/samples.csv"), "sample,chrom,depth\n007,1,30\n08123,2,12\n42,1,7\n");
        SparkSession spark = SparkTestSession.get();

        // --- the block of docs/spark.md, "An example workflow that runs" ---
        try (Catalog catalog = Catalog.builder().memoryFormContext(SparkSession.class, spark).load(workflow)) {
            Dataset<Row> samples = catalog.get("samples").read(Dataset.class);       // Spark's CSV reader
            Dataset<Row> scores = samples.withColumn("score", functions.expr("depth * 2"));
            catalog.get("scores").write(scores);                                     // staged, renamed, recorded
            catalog.get("calls").write(samples);                                     // chrom=.../part-*.csv.gz
            Table small = catalog.get("scores").read();                              // collected, guarded
            // --- end of the block ---

            assertThat(small.rowCount()).isEqualTo(3);
            assertThat(small.schema().names()).containsExactly("sample", "chrom", "depth", "score");
            Dataset<Row> written = catalog.get("scores").read(Dataset.class);
            assertThat(written.where("sample = '007'").first().getLong(3)).isEqualTo(60L);
        }
        assertThat(dir.resolve("out/scores.parquet/_SUCCESS")).exists();
        assertThat(dir.resolve("out/calls.csv.gz/chrom=1")).isDirectory();
        assertThat(dir.resolve("out/.scores.parquet.datahandle.json")).exists();

        // the spark-submit block: a job outside the handle API fills the staging folder, the engine commits
        try (Catalog catalog = Catalog.builder().memoryFormContext(SparkSession.class, spark).load(workflow)) {
            catalog.get("scores").deleteDisk();
            try (ExternalWrite w = catalog.get("scores").disk().beginExternalWrite()) {
                String staging = w.paths().get(0).toString();
                assertThat(staging).endsWith("/");
                spark.range(5).toDF("id").write().parquet(staging);              // what the job does
                w.commit();
            }
            assertThat(catalog.get("scores").read(Dataset.class).count()).isEqualTo(5);
        }
    }
}
