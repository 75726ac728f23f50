package org.datahandle.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.DiskSpec;
import org.datahandle.ErrorLocation;
import org.datahandle.SpecException;
import org.datahandle.UnsupportedFormatException;

/**
 * How a handle's disk format and options map onto Spark's data sources: {@code csv} and {@code tsv}
 * on {@code csv} (tab for tsv), {@code jsonl} on {@code json}, {@code json} (whole documents) on
 * {@code json} with {@code multiLine}, {@code parquet} on {@code parquet}.
 *
 * @param source Spark's data source name
 * @param options Spark options for the format's own settings
 * @param csvLike true for csv and tsv, whose columns are untyped text
 */
record SparkFormats(String source, Map<String, String> options, boolean csvLike) {

    /** Codecs Spark must know for our compressions (research/spark-db-vcf.md A5). */
    static final String CODECS = BgzCodec.class.getName() + "," + ZstdJniCodec.class.getName();

    /** CSV options of real-world files that Spark's reader is not given (docs/formats.md). */
    static final List<String> NOT_MAPPED = List.of("encoding", "decimal", "thousands", "dateFormat", "timestampFormat",
            "skipRows", "comment", "columns", "inferRows", "badRows");

    static SparkFormats of(String handleId, DiskSpec spec) {
        Map<String, String> o = new LinkedHashMap<>();
        Map<String, Object> given = spec.options();
        switch (spec.format()) {
            case "csv", "tsv" -> {
                o.put("header", String.valueOf(bool(given.getOrDefault("header", true), "header", handleId)));
                String delimiter = given.containsKey("delimiter") ? text(given.get("delimiter"))
                        : spec.format().equals("tsv") ? "\t" : ",";
                o.put("sep", delimiter.equals("tab") ? "\t" : delimiter);
                if (given.containsKey("quote")) {
                    String quote = text(given.get("quote"));
                    // our empty quote turns quoting off; Spark spells that as the NUL character
                    o.put("quote", quote.isEmpty() ? "\u0000" : quote);
                }
                if (given.containsKey("nullValue")) {
                    o.put("nullValue", nullValue(given.get("nullValue"), handleId));
                }
                for (String option : NOT_MAPPED) {
                    if (given.containsKey(option)) {
                        // read by DataHandle's own codec; Spark would silently read the file without it
                        throw new UnsupportedFormatException(handleId, ErrorLocation.of(spec), "option '"
                                + option + "' is read by DataHandle's csv codec, not mapped onto Spark's CSV reader; use"
                                + " memory.format table for this handle, or convert the file first");
                    }
                }
                // bad data fails the job instead of becoming null, and a header that differs from the
                // schema's column names is an error, not a silent positional mapping
                o.put("mode", "FAILFAST");
                o.put("enforceSchema", "false");
                return new SparkFormats("csv", o, true);
            }
            case "jsonl" -> {
                o.put("mode", "FAILFAST");
                return new SparkFormats("json", o, false);
            }
            case "json" -> {
                o.put("multiLine", "true");
                o.put("mode", "FAILFAST");
                return new SparkFormats("json", o, false);
            }
            case "parquet" -> {
                return new SparkFormats("parquet", o, false);
            }
            default -> throw new UnsupportedFormatException(handleId, ErrorLocation.of(spec), "format '" + spec.format()
                    + "' has no Spark data source here; Spark reads and writes csv, tsv, json, jsonl and parquet"
                    + " handles. External tools can still use disk().pathsForRead() and disk().beginExternalWrite().");
        }
    }

    /** Our {@code schema} option: column name to type name. */
    static Map<String, String> schemaOption(DiskSpec spec) {
        Object schema = spec.options().get("schema");
        Map<String, String> out = new LinkedHashMap<>();
        if (schema instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    static boolean inferTypes(DiskSpec spec, String handleId) {
        return bool(spec.options().getOrDefault("inferTypes", true), "inferTypes", handleId);
    }

    /** Spark's {@code compression} option for writing this handle's compression. */
    static Optional<String> writeCompression(String handleId, DiskSpec spec, boolean csvLike) {
        String c = spec.compression();
        return switch (c) {
            case "none" -> csvLike || spec.format().startsWith("json") ? Optional.of("none") : Optional.empty();
            case "gz" -> Optional.of("gzip");
            case "zst" -> Optional.of(ZstdJniCodec.class.getName());
            default -> throw new UnsupportedFormatException(handleId, ErrorLocation.of(spec),
                    "Spark cannot write compression '" + c + "'"
                            + (c.equals("bgz") ? " (Hadoop's gzip encoder does not make BGZF blocks); use .gz" : ""));
        };
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }

    private static String nullValue(Object value, String handleId) {
        if (value instanceof List<?> list) {
            if (list.size() == 1) {
                return String.valueOf(list.get(0));
            }
            throw new SpecException(null, handleId, "disk.options.nullValue", -1, -1,
                    "Spark's CSV reader takes one nullValue, not " + list);
        }
        return String.valueOf(value);
    }

    private static boolean bool(Object value, String option, String handleId) {
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equals(String.valueOf(value)) || "false".equals(String.valueOf(value))) {
            return Boolean.parseBoolean(String.valueOf(value));
        }
        throw new SpecException(null, handleId, "disk.options." + option, -1, -1,
                "must be true or false, not " + value);
    }
}
