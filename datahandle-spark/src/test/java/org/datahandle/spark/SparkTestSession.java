package org.datahandle.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] session of this test JVM (Spark allows one SparkContext per JVM, and starting
 * one costs seconds). Stopped by Spark's own shutdown hook when the JVM ends.
 */
final class SparkTestSession {
    private SparkTestSession() {}

    private static final class Holder {
        static final SparkSession SESSION = SparkSession.builder()
                .master("local[2]")
                .appName("datahandle-spark-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }

    static SparkSession get() {
        return Holder.SESSION;
    }
}
