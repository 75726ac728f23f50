package org.datahandle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.datahandle.Catalog;
import org.datahandle.spark.SparkHandles;

/**
 * Spark through a handle against the same Spark calls made directly on the same files
 * (docs/spark.md, issue 15 point 7). The session starts untimed, once per case JVM; every run ends
 * in a full pass over the data (Spark's {@code noop} sink, or a real write), since a Dataset is lazy.
 */
final class SparkCases {
    private SparkCases() {}

    static BenchCase create(String name, DataGenerator.DataFiles f) throws IOException {
        SparkSession spark = SparkSession.builder().master("local[" + Cases.THREADS + "]").appName("bench")
                .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        Path work = f.work.resolve("spark");
        Path workflow = work.resolve("workflow.yaml");
        Files.createDirectories(work);
        Files.writeString(workflow, "csv: {disk: {path: '" + f.csv + "'}}\n"
                + "parquet: {disk: {path: '" + f.parquet + "'}}\n"
                + "outparquet: {disk: {path: out-dh/data.parquet/}}\n"
                + "outcsv: {disk: {path: out-dh/data.csv/}}\n");
        long rows = spark.read().parquet(f.parquet.toString()).count();
        // the engine's long-lived catalog, loaded untimed: a run times the handle's own work (the produced
        // check, or lock, staging, rename and record) plus Spark's
        Catalog c = Catalog.load(workflow);
        return switch (name) {
            case "csv.spark.dh" -> read(() -> SparkHandles.read(c.get("csv"), spark), rows, spark);
            case "csv.spark" -> read(() -> spark.read().option("header", "true").csv(f.csv.toString()), rows, spark);
            case "parquet.spark.dh" -> read(() -> SparkHandles.read(c.get("parquet"), spark), rows, spark);
            case "parquet.spark" -> read(() -> spark.read().parquet(f.parquet.toString()), rows, spark);
            case "writeparquet.spark.dh" -> write(work.resolve("out-dh"), rows, spark, () ->
                    SparkHandles.write(c.get("outparquet"), spark.read().parquet(f.parquet.toString())));
            case "writeparquet.spark" -> write(work.resolve("out"), rows, spark, () -> spark.read()
                    .parquet(f.parquet.toString()).write().parquet(work.resolve("out/data.parquet").toString()));
            case "writecsv.spark.dh" -> write(work.resolve("out-dh"), rows, spark, () ->
                    SparkHandles.write(c.get("outcsv"), spark.read().parquet(f.parquet.toString())));
            case "writecsv.spark" -> write(work.resolve("out"), rows, spark, () -> spark.read()
                    .parquet(f.parquet.toString()).write().option("header", "true")
                    .csv(work.resolve("out/data.csv").toString()));
            default -> throw new IllegalArgumentException("unknown case " + name);
        };
    }

    interface Source {
        Dataset<Row> get() throws Exception;
    }

    interface Action {
        void run() throws Exception;
    }

    private static BenchCase read(Source source, long rows, SparkSession spark) {
        return new BenchCase() {
            @Override
            public long run() throws Exception {
                source.get().write().format("noop").mode("overwrite").save();
                return rows;
            }

            @Override
            public void close() {
                spark.stop();
            }
        };
    }

    private static BenchCase write(Path out, long rows, SparkSession spark, Action action) {
        return new BenchCase() {
            @Override
            public void beforeEach() throws IOException {
                Cases.deleteTree(out);
            }

            @Override
            public long run() throws Exception {
                action.run();
                return rows;
            }

            @Override
            public void close() {
                spark.stop();
            }
        };
    }
}
