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

/**
 * Runs the examples of docs/spark.md: its YAML is read from the page, and its Java blocks are the
 * tagged regions below (datahandle-cli's DocsSnippetsTest checks the page shows them as they are).
 */
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

        // tag::session[]
        Catalog catalog = Catalog.builder()
                .memoryFormContext(SparkSession.class, spark)   // the engine's own session, for spark and rdd
                .load(workflow);
        // end::session[]
        try (catalog) {
            // tag::example[]
            Dataset<Row> samples = catalog.get("samples").read(Dataset.class);     // Spark's CSV reader
            Dataset<Row> scores = samples.withColumn("score", functions.expr("depth * 2"));
            catalog.get("scores").write(scores);                                   // staged, renamed, recorded
            catalog.get("calls").write(samples);                                   // chrom=.../part-*.csv.gz
            Table small = catalog.get("scores").read();                            // collected, guarded
            // end::example[]

            assertThat(small.rowCount()).isEqualTo(3);
            assertThat(small.schema().names()).containsExactly("sample", "chrom", "depth", "score");
            Dataset<Row> written = catalog.get("scores").read(Dataset.class);
            assertThat(written.where("sample = '007'").first().getLong(3)).isEqualTo(60L);

            // tag::handles[]
            Dataset<Row> scored = SparkHandles.read(catalog.get("scores"), spark);   // any handle, by Spark
            SparkHandles.write(catalog.get("deep"), scored.filter("score > 20"));      // published like write()
            // end::handles[]
            assertThat(SparkHandles.read(catalog.get("deep"), spark).count()).isEqualTo(2);
        }
        assertThat(dir.resolve("out/scores.parquet/_SUCCESS")).exists();
        assertThat(dir.resolve("out/calls.csv.gz/chrom=1")).isDirectory();
        assertThat(dir.resolve("out/.scores.parquet.datahandle.json")).exists();

        try (Catalog again = Catalog.builder().memoryFormContext(SparkSession.class, spark).load(workflow)) {
            again.get("scores").deleteDisk();
            submitted(again, spark);
            assertThat(again.get("scores").read(Dataset.class).count()).isEqualTo(5);
        }
    }

    /** The spark-submit block: a job outside the handle API fills the staging folder, the engine commits. */
    private static void submitted(Catalog catalog, SparkSession spark) {
        // tag::submit[]
        try (ExternalWrite w = catalog.get("scores").disk().beginExternalWrite()) {
            String staging = w.paths().get(0).toString();   // ends in '/': a folder for the job to fill
            runJob(spark, staging);                          // spark-submit ... job.jar <staging>
            w.commit();   // one folder rename, then the commit record; commit(schema) records the schema too
        }                 // closed without commit: the staging folder is removed, nothing is produced
        // end::submit[]
    }

    /** What the submitted job does with the path it is given. */
    private static void runJob(SparkSession spark, String staging) {
        assertThat(staging).endsWith("/");
        spark.range(5).toDF("id").write().parquet(staging);
    }
}
