package org.datahandle.fs.hdfs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.datahandle.Catalog;
import org.datahandle.table.Table;
import org.datahandle.spi.Location;
import org.datahandle.testing.TestData;
import org.datahandle.testing.VcfText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The seed's first handle: a bgzipped VCF on HDFS, read whole and by region, written per chromosome. */
class HdfsVcfTest {
    @RegisterExtension
    static final MiniDfs DFS = new MiniDfs();

    private Location folder;

    @BeforeEach
    void freshFolder() {
        folder = DFS.freshFolder();
    }

    private static Catalog catalog(String yaml) {
        Catalog.Builder builder = Catalog.builder();
        MiniDfs.FAST_CLIENT.forEach(builder::fileSystemOption);
        return builder.fromYaml(yaml);
    }

    private void upload(Path local, Location target) throws IOException {
        try (OutputStream out = DFS.client().create(DFS.path(target), true)) {
            Files.copy(local, out);
        }
    }

    @Test
    void aTabixIndexedVcfOnHdfsAnswersRegionQueries() throws IOException {
        Path corpus = TestData.assumeCorpus("vcf").resolve("htsjdk");
        upload(corpus.resolve("HiSeq.10000.vcf.bgz"), folder.child("input.vcf.bgz"));
        upload(corpus.resolve("HiSeq.10000.vcf.bgz.tbi"), folder.child("input.vcf.bgz.tbi"));
        // a region query is another handle over the same file: a catalog of its own, since within one
        // catalog two handles cannot own one file
        try (Catalog c = catalog("inputVCF:\n  disk:\n    path: " + folder.child("input.vcf.bgz") + "\n");
                Catalog q = catalog("region:\n  disk:\n    path: " + folder.child("input.vcf.bgz") + "\n"
                        + "    options: {regions: ['chr1:1000000-2000000'], layout: sites}\n")) {
            assertThat(c.get("inputVCF").read().rowCount()).isEqualTo(9965);
            assertThat(q.get("region").read().rowCount()).isEqualTo(1490);
        }
    }

    @Test
    void perChromosomeIndexedFilesAreWrittenAndQueried() throws IOException {
        Path local = Files.createTempFile("calls", ".vcf");
        try {
            Files.writeString(local, VcfText.of(List.of("20", "21", "22"), 400));
            Table calls;
            try (Catalog c = catalog("in:\n  disk:\n    path: " + local.toUri() + "\n")) {
                calls = c.get("in").read();
            }
            try (Catalog c = catalog("calls:\n  disk:\n    path: " + folder.child("calls.chr*.vcf.bgz")
                    + "\n    partitionBy: chrom\n");
                    Catalog q = catalog("chr21:\n  disk:\n    path: " + folder.child("calls.chr*.vcf.bgz") + "\n"
                            + "    options: {regions: ['21:1000-20000']}\n")) {
                c.get("calls").write(calls);
                for (String chrom : List.of("20", "21", "22")) {
                    assertThat(DFS.client().exists(DFS.path(folder.child("calls.chr" + chrom + ".vcf.bgz.tbi")))).isTrue();
                }
                Table region = q.get("chr21").read();
                long expected = java.util.stream.IntStream.range(0, calls.rowCount())
                        .filter(r -> calls.get(r, "chrom").equals("21") && (Long) calls.get(r, "pos") >= 1000
                                && (Long) calls.get(r, "pos") <= 20000).count();
                assertThat(region.rowCount()).isEqualTo((int) expected).isPositive();
            }
            try (InputStream in = DFS.client().open(DFS.path(folder.child(".calls.chr_.vcf.bgz.datahandle.json")))) {
                assertThat(new String(in.readAllBytes(), UTF_8)).contains("calls.chr21.vcf.bgz.tbi");
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
