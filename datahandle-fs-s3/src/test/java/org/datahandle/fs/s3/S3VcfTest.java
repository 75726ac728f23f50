package org.datahandle.fs.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.datahandle.Catalog;
import org.datahandle.table.Table;
import org.datahandle.testing.TestData;
import org.datahandle.testing.VcfText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/** A bgzipped, indexed VCF on S3: region queries through ranged GETs, per-chromosome indexed writes. */
class S3VcfTest {
    @RegisterExtension
    static final S3TestServer S3 = new S3TestServer();

    private String bucket;

    @BeforeEach
    void bucket() {
        bucket = S3.newBucket();
    }

    private Catalog catalog(String yaml) {
        Catalog.Builder builder = Catalog.builder();
        S3.options().forEach(builder::fileSystemOption);
        return builder.fromYaml(yaml);
    }

    @Test
    void aTabixIndexedVcfOnS3AnswersRegionQueries() {
        Path corpus = TestData.assumeCorpus("vcf").resolve("htsjdk");
        S3.client().putObject(b -> b.bucket(bucket).key("in/input.vcf.bgz"),
                RequestBody.fromFile(corpus.resolve("HiSeq.10000.vcf.bgz")));
        S3.client().putObject(b -> b.bucket(bucket).key("in/input.vcf.bgz.tbi"),
                RequestBody.fromFile(corpus.resolve("HiSeq.10000.vcf.bgz.tbi")));
        String path = "s3://" + bucket + "/in/input.vcf.bgz";
        // a region query is another handle over the same file: a catalog of its own, since within one
        // catalog two handles cannot own one file
        try (Catalog c = catalog("inputVCF:\n  disk:\n    path: " + path + "\n");
                Catalog q = catalog("region:\n  disk:\n    path: " + path + "\n"
                        + "    options: {regions: ['chr1:1000000-2000000'], layout: sites}\n")) {
            assertThat(c.get("inputVCF").read().rowCount()).isEqualTo(9965);
            assertThat(q.get("region").read().rowCount()).isEqualTo(1490);
        }
    }

    @Test
    void perChromosomeIndexedObjectsAreWrittenAndQueried() {
        S3.client().putObject(b -> b.bucket(bucket).key("src/calls.vcf"),
                RequestBody.fromString(VcfText.of(List.of("20", "21"), 300), UTF_8));
        Table calls;
        try (Catalog c = catalog("in:\n  disk:\n    path: s3://" + bucket + "/src/calls.vcf\n")) {
            calls = c.get("in").read();
        }
        String glob = "s3://" + bucket + "/out/calls.chr*.vcf.bgz";
        try (Catalog c = catalog("calls:\n  disk:\n    path: " + glob + "\n    partitionBy: chrom\n");
                Catalog q = catalog("chr20:\n  disk:\n    path: " + glob + "\n    options: {regions: ['20:97-970']}\n")) {
            c.get("calls").write(calls);
            assertThat(q.get("chr20").read().rowCount()).isEqualTo(10);
            assertThat(c.get("calls").read().rowCount()).isEqualTo(600);
        }
        List<String> keys = S3.client().listObjectsV2(b -> b.bucket(bucket).prefix("out/")).contents().stream()
                .map(o -> o.key()).sorted().toList();
        assertThat(keys).contains("out/calls.chr20.vcf.bgz", "out/calls.chr20.vcf.bgz.tbi", "out/calls.chr21.vcf.bgz",
                "out/calls.chr21.vcf.bgz.tbi");
    }
}
