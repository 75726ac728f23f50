package org.datahandle.spark;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.datahandle.DataHandleException;
import org.datahandle.DiskInterface;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.spi.MemoryFormAccess;
import org.datahandle.table.Table;

/** What the {@code spark} and {@code rdd} forms share: the engine's session, conversions, the guard. */
final class SparkForms {
    private SparkForms() {}

    static SparkSession session(MemoryFormAccess handle, String form) {
        return handle.context(SparkSession.class).orElseThrow(() -> new DataHandleException(
                ErrorCode.CONFIGURATION, handle.handleId(), ErrorLocation.UNKNOWN, "the handle holds memory form '" + form
                + "', which needs the engine's SparkSession;"
                + " give it with Catalog.builder().memoryFormContext(SparkSession.class, session)."
                + " DataHandle never starts a Spark session or cluster itself"));
    }

    static DiskInterface disk(MemoryFormAccess handle) {
        return handle.disk().orElseThrow(() -> new DataHandleException(ErrorCode.INVALID_OPERATION,
                handle.handleId(), ErrorLocation.UNKNOWN, "a temporary handle has no disk for Spark to read or write"));
    }

    static long limit(MemoryFormAccess handle) {
        return handle.context(SparkCollectLimit.class).orElse(SparkCollectLimit.DEFAULT).maxRows();
    }

    /** A Dataset from what an operator wrote: a Dataset as is, a Table (or rows as a Table) copied to Spark. */
    @SuppressWarnings("unchecked") // Spark's Java API hands out raw Dataset<Row> only
    static Dataset<Row> dataset(Object data, MemoryFormAccess handle, String form) {
        if (data instanceof Dataset<?> ds) {
            return (Dataset<Row>) ds;
        }
        if (data instanceof Table t) {
            return TableDatasets.toDataset(t, session(handle, form), handle.handleId());
        }
        if (data instanceof JavaRDD<?> rdd) {
            return fromRdd((JavaRDD<Row>) rdd, handle, form);
        }
        throw new UnsupportedFormatException(handle.handleId(), ErrorLocation.UNKNOWN, "the handle holds memory"
                + " form '" + form + "': write a Dataset<Row>, a JavaRDD<Row> whose rows carry their schema, or a Table, not "
                + data.getClass().getName());
    }

    /** Rows of an RDD carry their schema when they come from a Dataset; otherwise there is none to write. */
    static Dataset<Row> fromRdd(JavaRDD<Row> rdd, MemoryFormAccess handle, String form) {
        List<Row> first = rdd.take(1);
        StructType schema = first.isEmpty() ? null : first.get(0).schema();
        if (schema == null) {
            throw new UnsupportedFormatException(handle.handleId(), ErrorLocation.UNKNOWN, "the JavaRDD<Row> "
                    + (first.isEmpty() ? "is empty" : "has rows without a schema")
                    + ", so its columns are unknown; write a Dataset<Row> instead, or rows made by a Dataset");
        }
        return session(handle, form).createDataFrame(rdd, schema);
    }

    static <T> Optional<T> convert(Dataset<Row> data, Class<T> type, MemoryFormAccess handle) {
        if (type == Table.class) {
            return Optional.of(type.cast(TableDatasets.toTable(data, limit(handle), handle.handleId())));
        }
        if (type == List.class) {
            List<Map<String, Object>> rows = TableDatasets.toTable(data, limit(handle), handle.handleId()).toRows();
            return Optional.of(type.cast(rows));
        }
        if (type == Dataset.class) {
            return Optional.of(type.cast(data));
        }
        if (type == JavaRDD.class) {
            return Optional.of(type.cast(data.javaRDD()));
        }
        return Optional.empty();
    }
}
