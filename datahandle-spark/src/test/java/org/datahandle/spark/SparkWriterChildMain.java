package org.datahandle.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.datahandle.Catalog;

/**
 * A Spark writer in its own JVM, slow on purpose, for the crash test to kill mid-write:
 * {@code SparkWriterChildMain <folder>} writes handle {@code out} of {@code <folder>/workflow.yaml}.
 */
public final class SparkWriterChildMain {
    private SparkWriterChildMain() {}

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("child-writer")
                .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.udf().register("slow", (UDF1<Long, Long>) x -> {
            Thread.sleep(25);
            return x;
        }, DataTypes.LongType);
        try (Catalog c = Catalog.builder().memoryFormContext(SparkSession.class, spark)
                .load(Path.of(args[0], "workflow.yaml"))) {
            System.out.println("WRITING");
            System.out.flush();
            c.get("out").write(spark.range(0, 4000, 1, 4).toDF("id").withColumn("id", functions.callUDF("slow",
                    functions.col("id"))));
            System.out.println("DONE");
        }
    }
}
