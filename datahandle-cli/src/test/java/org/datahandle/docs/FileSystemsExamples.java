package org.datahandle.docs;

// tag::imports[]
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.datahandle.Catalog;
import org.datahandle.table.Table;
// end::imports[]

/**
 * The code of docs/filesystems.md. DocsSnippetsTest checks the page shows these regions;
 * ReferenceExamplesTest runs them against the page's workflows with the remote paths made local
 * (the HDFS and S3 adapters are not on this module's class path, and their own modules test them
 * against in-process servers). The file-system options are then unused, as they are for any
 * handle that does not live on that file system.
 */
public final class FileSystemsExamples {
    private FileSystemsExamples() {}

    // tag::mixed[]
    static void run(Path workflow) {
        try (Catalog catalog = Catalog.builder()
                .fileSystemOption("s3.region", "eu-west-1")           // or AWS_REGION / a profile
                .fileSystemOption("dfs.client.use.datanode.hostname", "true")
                .load(workflow)) {
            Table reads = catalog.get("reads").read();             // every chromosome file, as one table
            catalog.get("calls").write(callVariants(reads));       // multipart upload, record written last
            catalog.get("summary").write(summarise(reads));
        }
    }
    // end::mixed[]

    // tag::hdfs[]
    static void runOnHdfs(Path workflow) {
        try (Catalog catalog = Catalog.builder()
                .fileSystemOption("fs.defaultFS", "hdfs://namenode.example.org:8020")   // for hdfs:///...
                .fileSystemOption("dfs.replication", "2")
                .fileSystemOption("hdfs.lockTimeout", "60s")
                .load(workflow)) {
            Table reads = catalog.get("reads").read();
            catalog.get("summary").write(summarise(reads));
        }
    }
    // end::hdfs[]

    // tag::s3[]
    static void runOnS3(Path workflow) {
        try (Catalog catalog = Catalog.builder()
                .fileSystemOption("s3.endpoint", "http://minio.internal:9000")   // leave out for AWS
                .fileSystemOption("s3.region", "us-east-1")
                .fileSystemOption("s3.lockTimeout", "5m")      // writers may stall for a while
                .load(workflow)) {
            Table samples = catalog.get("samples").read();
            catalog.get("scores").write(score(samples));        // published in place, record last
        }
    }
    // end::s3[]

    /** Reads with at least 10x depth are calls: chrom, pos, depth. */
    static List<Map<String, Object>> callVariants(Table reads) {
        List<Map<String, Object>> calls = new ArrayList<>();
        for (int r = 0; r < reads.rowCount(); r++) {
            if (((Number) reads.get(r, "depth")).longValue() >= 10) {
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("chrom", reads.get(r, "chrom"));
                call.put("pos", reads.get(r, "pos"));
                call.put("depth", reads.get(r, "depth"));
                calls.add(call);
            }
        }
        return calls;
    }

    /** Reads per chromosome. */
    static List<Map<String, Object>> summarise(Table reads) {
        Map<String, Long> perChrom = new TreeMap<>();
        for (int r = 0; r < reads.rowCount(); r++) {
            perChrom.merge(String.valueOf(reads.get(r, "chrom")), 1L, Long::sum);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        perChrom.forEach((chrom, count) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("chrom", chrom);
            row.put("reads", count);
            rows.add(row);
        });
        return rows;
    }

    /** A score per sample: its depth over the cohort's mean depth, rounded to two places. */
    static List<Map<String, Object>> score(Table samples) {
        double total = 0;
        for (int r = 0; r < samples.rowCount(); r++) {
            total += ((Number) samples.get(r, "depth")).doubleValue();
        }
        double mean = total / samples.rowCount();
        List<Map<String, Object>> scores = new ArrayList<>();
        for (int r = 0; r < samples.rowCount(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sample_id", samples.get(r, "sample_id"));
            row.put("score", Math.round(((Number) samples.get(r, "depth")).doubleValue() / mean * 100) / 100.0);
            scores.add(row);
        }
        return scores;
    }
}
