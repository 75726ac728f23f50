package org.datahandle.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.datahandle.DataHandleException;
import org.datahandle.DiskInterface;
import org.datahandle.DiskSpec;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.ExternalWrite;
import org.datahandle.UnsupportedFormatException;

/**
 * M2D by Spark's own writers, published the library's way: {@code beginExternalWrite()} takes the
 * writer lock and refuses produced data; Spark writes into the staging folder (its committer makes
 * that folder complete or leaves no {@code _SUCCESS}); {@code commit} publishes it with one rename of
 * the folder and writes the commit record listing every part file, with sizes and the schema.
 * Spark's {@code overwrite} mode is never used: it deletes the target before the job runs.
 */
final class SparkWrite {
    private SparkWrite() {}

    static void write(String handleId, DiskInterface disk, Dataset<Row> data) {
        DiskSpec spec = disk.spec();
        if (spec.pathList().size() != 1 || !spec.pathList().get(0).isFolder()) {
            throw new UnsupportedFormatException(handleId, ErrorLocation.of(spec), "Spark writes a folder of part"
                    + " files, so the handle's path must be one folder path ending in '/' (for example"
                    + " out/scores.parquet/)");
        }
        SparkFormats format = SparkFormats.of(handleId, spec);
        Optional<String> compression = SparkFormats.writeCompression(handleId, spec, format.csvLike());
        Optional<String> partitionBy = spec.partitionBy();
        partitionBy.ifPresent(column -> {
            if (List.of(data.columns()).stream().noneMatch(column::equals)) {
                throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.UNKNOWN,
                        "the handle is partitioned by '" + column + "', but the Dataset has no such column; columns: "
                                + List.of(data.columns()));
            }
        });
        try (ExternalWrite w = disk.beginExternalWrite()) {
            String staging = w.paths().get(0).toString();
            DataFrameWriter<Row> writer = data.write().mode(SaveMode.ErrorIfExists).format(format.source())
                    .options(format.options());
            if (compression.isPresent()) {
                writer = writer.option("compression", compression.get());
            }
            if (partitionBy.isPresent()) {
                writer = writer.partitionBy(partitionBy.get());
            }
            writer.save(staging);
            w.commit(SparkTypes.fromSpark(readBackOrder(data.schema(), partitionBy), handleId));
        }
    }

    /** Spark reads partition columns back after the data columns; the record lists them that way. */
    private static StructType readBackOrder(StructType schema, Optional<String> partitionBy) {
        if (partitionBy.isEmpty()) {
            return schema;
        }
        List<StructField> fields = new ArrayList<>();
        StructField partition = null;
        for (StructField f : schema.fields()) {
            if (f.name().equals(partitionBy.get())) {
                partition = f;
            } else {
                fields.add(f);
            }
        }
        fields.add(partition);
        return new StructType(fields.toArray(StructField[]::new));
    }
}
