package org.datahandle.spark;

import org.apache.spark.sql.SparkSession;
import org.datahandle.Catalog;
import org.datahandle.spi.MemoryFormProvider;
import org.datahandle.testing.AbstractMemoryFormContractTest;
import org.junit.jupiter.api.Nested;

/** Both Spark memory forms pass the memory-form contract, on local disk. */
class SparkFormContractTest {
    private static Catalog.Builder builder() {
        return Catalog.builder().memoryFormContext(SparkSession.class, SparkTestSession.get());
    }

    @Nested
    class Spark extends AbstractMemoryFormContractTest {
        @Override
        protected MemoryFormProvider form() {
            return new SparkDatasetForm();
        }

        @Override
        protected Catalog.Builder catalog() {
            return builder();
        }

        @Override
        protected String writablePath() {
            return "out.parquet/";
        }

        @Override
        protected Object sample() {
            return SparkTestSession.get().range(5).toDF("id");
        }
    }

    @Nested
    class Rdd extends AbstractMemoryFormContractTest {
        @Override
        protected MemoryFormProvider form() {
            return new SparkRddForm();
        }

        @Override
        protected Catalog.Builder catalog() {
            return builder();
        }

        @Override
        protected String writablePath() {
            return "out.jsonl/";
        }

        @Override
        protected Object sample() {
            return SparkTestSession.get().range(5).toDF("id").javaRDD();
        }
    }
}
