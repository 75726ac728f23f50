package org.datahandle.spark;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.datahandle.DiskInterface;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.datahandle.SpecException;
import org.datahandle.table.Schema;

/**
 * D2M by Spark's own readers, over exactly the files the produced check vouches for (never the raw
 * glob), with the schema from the commit record or the spec, never Spark's inference (which reads
 * {@code 007} as 7).
 */
final class SparkRead {
    private SparkRead() {}

    static Dataset<Row> read(String handleId, DiskInterface disk, SparkSession session) {
        DiskSpec spec = disk.spec();
        SparkFormats format = SparkFormats.of(handleId, spec);
        // the produced check: missing parts, changed files and unfinished jobs fail here, with the reason
        List<URI> files = disk.pathsForRead();
        Optional<Schema> recorded = disk.recordedSchema();
        DataFrameReader reader = reader(session, spec, format);
        String[] paths = files.stream().map(URI::toString).toArray(String[]::new);
        if (recorded.isPresent()) {
            return reader.schema(SparkTypes.toSpark(recorded.get(), handleId)).load(paths);
        }
        if (format.csvLike()) {
            return reader.schema(textSchema(handleId, spec, session, format, paths)).load(paths);
        }
        Map<String, String> given = SparkFormats.schemaOption(spec);
        if (!given.isEmpty() && !format.source().equals("parquet")) {
            StructType inferred = reader(session, spec, format).load(paths).schema();
            return reader.schema(override(handleId, inferred, given, spec)).load(paths);
        }
        return reader.load(paths);
    }

    private static DataFrameReader reader(SparkSession session, DiskSpec spec, SparkFormats format) {
        DataFrameReader reader = session.read().format(format.source()).options(format.options())
                // Hadoop conf for this read only: the engine's session is not changed
                .option("io.compression.codecs", SparkFormats.CODECS);
        DiskPath first = spec.pathList().get(0);
        if (first.isFolder()) {
            // Hive-style key=value/ subfolders become columns again
            reader = reader.option("basePath", first.path().toString());
        }
        return reader;
    }

    /**
     * Text columns have no types of their own: names from the header (or {@code col1..colN}), every
     * column a string unless the {@code schema} option types it; so no text is lost, as with the
     * library's own reader when inference is off.
     */
    private static StructType textSchema(String handleId, DiskSpec spec, SparkSession session, SparkFormats format,
            String[] paths) {
        StructType header = session.read().format("csv").options(format.options())
                .option("io.compression.codecs", SparkFormats.CODECS).option("inferSchema", "false")
                .load(paths[0]).schema();
        boolean hasHeader = Boolean.parseBoolean(format.options().get("header"));
        Map<String, String> given = SparkFormats.schemaOption(spec);
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < header.fields().length; i++) {
            String name = hasHeader ? header.fields()[i].name() : "col" + (i + 1);
            fields.add(DataTypes.createStructField(name, type(handleId, name, given), true));
        }
        spec.partitionBy().ifPresent(column -> {
            if (fields.stream().noneMatch(f -> f.name().equals(column))) {
                fields.add(DataTypes.createStructField(column, type(handleId, column, given), true));
            }
        });
        return DataTypes.createStructType(fields);
    }

    private static StructType override(String handleId, StructType inferred, Map<String, String> given, DiskSpec spec) {
        List<StructField> fields = new ArrayList<>();
        for (StructField f : inferred.fields()) {
            fields.add(given.containsKey(f.name())
                    ? DataTypes.createStructField(f.name(), type(handleId, f.name(), given), true) : f);
        }
        return DataTypes.createStructType(fields);
    }

    private static org.apache.spark.sql.types.DataType type(String handleId, String column, Map<String, String> given) {
        String name = given.get(column);
        if (name == null) {
            return DataTypes.StringType;
        }
        return SparkTypes.fromOptionName(name).orElseThrow(() -> new SpecException(null, handleId,
                "disk.options.schema", -1, -1, "column '" + column + "' has the unknown type '" + name + "'"));
    }
}
