package org.datahandle.fs.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.ExternalWrite;
import org.datahandle.table.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/** Handles on s3:// paths, end to end: publish in place, commit records, globs, external writes, races. */
class S3HandlesTest {
    @RegisterExtension
    static final S3TestServer S3 = new S3TestServer();

    private String bucket;

    @BeforeEach
    void bucket() {
        bucket = S3.newBucket();
    }

    @Test
    void csvGzRoundTripsWithACommitRecordAndNoSecretInTheYaml() {
        String yaml = handle("out", "s3://" + bucket + "/out/data.csv.gz");
        try (Catalog catalog = catalog(yaml)) {
            catalog.get("out").write(rows(100, "w"));
            assertThat(catalog.get("out").state().diskProduced()).isTrue();
            assertThat(catalog.toYaml()).doesNotContain(S3TestServer.SECRET_KEY).doesNotContain(S3TestServer.ACCESS_KEY)
                    .doesNotContain(S3.uri().toString());
        }
        assertThat(keys()).containsExactly("out/.data.csv.gz.datahandle.json", "out/data.csv.gz");
        assertThat(object("out/.data.csv.gz.datahandle.json")).contains("data.csv.gz");
        try (Catalog catalog = catalog(yaml)) {
            Table t = catalog.get("out").read();
            assertThat(t.rowCount()).isEqualTo(100);
            assertThat(t.get(99, "name")).isEqualTo("w-99");
        }
    }

    @Test
    void anObjectReplacedBehindOurBackIsNotProduced() {
        String yaml = handle("out", "s3://" + bucket + "/out/data.csv");
        try (Catalog catalog = catalog(yaml)) {
            catalog.get("out").write(rows(10, "w"));
        }
        put("out/data.csv", "id,name,score\n1,x,1.0\n");
        try (Catalog catalog = catalog(yaml)) {
            assertThat(catalog.get("out").state().diskProduced()).isFalse();
        }
    }

    @Test
    void aHandleOfSeveralObjectsIsProducedOnlyWhenAllExist() {
        String yaml = "parts:\n  disk:\n    path: [s3://" + bucket + "/parts/a.csv, s3://" + bucket + "/parts/b.csv]\n";
        put("parts/a.csv", "id,name\n1,a\n");
        try (Catalog catalog = catalog(yaml)) {
            assertThat(catalog.get("parts").state().diskProduced()).isFalse();
        }
        put("parts/b.csv", "id,name\n2,b\n");
        try (Catalog catalog = catalog(yaml)) {
            assertThat(catalog.get("parts").read().rowCount()).isEqualTo(2);
        }
    }

    @Test
    void aGlobOverKeysIsExpandedByListing() {
        for (String chr : List.of("1", "2", "10")) {
            put("1kg/ALL.chr" + chr + ".csv", "chr,pos\n" + chr + ",100\n" + chr + ",200\n");
        }
        put("1kg/other.csv", "chr,pos\nX,1\n");
        try (Catalog catalog = catalog(handle("chromosomes", "s3://" + bucket + "/1kg/ALL.chr*.csv"))) {
            DataHandle h = catalog.get("chromosomes");
            assertThat(h.disk().pathsForRead()).extracting(URI::toString).containsExactly(
                    "s3://" + bucket + "/1kg/ALL.chr1.csv", "s3://" + bucket + "/1kg/ALL.chr10.csv",
                    "s3://" + bucket + "/1kg/ALL.chr2.csv");
            assertThat(h.read().rowCount()).isEqualTo(6);
        }
    }

    @Test
    void anExternalWriteToS3UrisIsPublishedOnCommit() {
        String yaml = handle("ext", "s3://" + bucket + "/ext/table.csv");
        try (Catalog catalog = catalog(yaml)) {
            DataHandle h = catalog.get("ext");
            try (ExternalWrite write = h.disk().beginExternalWrite()) {
                assertThat(write.paths()).extracting(URI::getScheme).containsOnly("s3");
                URI target = write.paths().get(0);
                put(target.getPath().substring(1), "id,name\n1,external\n");
                try (Catalog other = catalog(yaml)) {
                    assertThat(other.get("ext").state().diskProduced()).as("not before commit").isFalse();
                }
                write.commit();
            }
            assertThat(h.state().diskProduced()).isTrue();
        }
        assertThat(keys()).contains("ext/.table.csv.datahandle.json").doesNotContain("ext/.table.csv.datahandle.lock");
        try (Catalog catalog = catalog(yaml)) {
            assertThat(catalog.get("ext").read().get(0, "name")).isEqualTo("external");
        }
    }

    @Test
    void aPartitionedHandleWritesOneObjectPerValueUnderOneRecord() {
        String yaml = "calls:\n  disk:\n    path: s3://" + bucket + "/calls/chr*.csv\n    partitionBy: chrom\n";
        List<java.util.Map<String, Object>> rows = List.of(
                java.util.Map.of("chrom", "1", "pos", 10), java.util.Map.of("chrom", "2", "pos", 20),
                java.util.Map.of("chrom", "2", "pos", 30));
        try (Catalog catalog = catalog(yaml)) {
            catalog.get("calls").write(rows);
        }
        assertThat(keys()).containsExactly("calls/.chr_.csv.datahandle.json", "calls/chr1.csv", "calls/chr2.csv");
        try (Catalog catalog = catalog(yaml)) {
            assertThat(catalog.get("calls").read().rowCount()).isEqualTo(3);
        }
        put("calls/chr3.csv", "chrom,pos\n3,40\n");
        try (Catalog catalog = catalog(yaml)) {
            assertThat(catalog.get("calls").state().diskProduced()).isFalse();
        }
    }

    @Test
    void twoWritersRacing_exactlyOneWins() throws Exception {
        String yaml = handle("out", "s3://" + bucket + "/race/data.csv");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (String tag : List.of("alpha", "beta")) {
                outcomes.add(pool.submit(() -> {
                    try (Catalog catalog = catalog(yaml)) { // two catalogs: only the S3 lock stands between them
                        DataHandle h = catalog.get("out");
                        start.await();
                        h.write(rows(2_000, tag));
                        return tag;
                    } catch (AlreadyProducedException e) {
                        return "lost";
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(120, TimeUnit.SECONDS));
            }
            assertThat(results).containsOnlyOnce("lost");
            String winner = results.get(0).equals("lost") ? results.get(1) : results.get(0);
            try (Catalog catalog = catalog(yaml)) {
                Table t = catalog.get("out").read();
                assertThat(t.rowCount()).isEqualTo(2_000);
                for (int r = 0; r < t.rowCount(); r += 97) {
                    assertThat(t.get(r, "name")).isEqualTo(winner + "-" + r);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Catalog catalog(String yaml) {
        Catalog.Builder builder = Catalog.builder();
        S3.options().forEach(builder::fileSystemOption);
        return builder.fromYaml(yaml);
    }

    static String handle(String id, String path) {
        return id + ":\n  disk:\n    path: " + path + "\n";
    }

    static List<Map<String, Object>> rows(int n, String tag) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", (long) i);
            row.put("name", tag + "-" + i);
            row.put("score", i * 0.5);
            rows.add(row);
        }
        return rows;
    }

    private void put(String key, String content) {
        S3.client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content, UTF_8));
    }

    private String object(String key) {
        return S3.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    private List<String> keys() {
        return S3.client().listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).sorted().toList();
    }
}
