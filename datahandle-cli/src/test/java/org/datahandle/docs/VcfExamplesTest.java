package org.datahandle.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/formats-vcf.md's workflow and code, on two chromosome files made by bgzip and tabix. */
class VcfExamplesTest {
    @TempDir
    Path dir;

    private boolean tool(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void theThousandGenomesExampleRunsAsThePageSays() throws Exception {
        Files.createDirectories(dir.resolve("1kg"));
        int regionRecords = 0;
        for (String chrom : new String[] {"21", "22"}) {
            StringBuilder vcf = new StringBuilder("##fileformat=VCFv4.1\n"
                    + "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"AC\">\n"
                    + "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
                    + "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
                    + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tHG00096\tHG00097\n");
            for (int i = 1; i <= 1000; i++) {
                int pos = i * 250;
                String a = i % 3 == 0 ? "0|1" : "0|0";
                String b = i % 7 == 0 ? "1|1" : i % 11 == 0 ? "./." : "0|0";
                vcf.append(chrom).append('\t').append(pos).append("\trs").append(i).append("\tA\tC\t50\tPASS\tAC=1\tGT:DP\t")
                        .append(a).append(":10\t").append(b).append(":12\n");
                if (chrom.equals("22") && pos >= 100000 && pos <= 200000) {
                    regionRecords++;
                }
            }
            Files.writeString(dir.resolve("1kg/ALL.chr" + chrom + ".vcf"), vcf.toString());
            boolean made = tool("bgzip", "-f", "1kg/ALL.chr" + chrom + ".vcf")
                    && tool("tabix", "-p", "vcf", "1kg/ALL.chr" + chrom + ".vcf.gz");
            if (!made && "true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("bgzip/tabix missing; .ci/run installs them");
            }
            assumeThat(made).as("bgzip and tabix").isTrue();
            Files.move(dir.resolve("1kg/ALL.chr" + chrom + ".vcf.gz"), dir.resolve("1kg/ALL.chr" + chrom + ".vcf.bgz"));
            Files.move(dir.resolve("1kg/ALL.chr" + chrom + ".vcf.gz.tbi"),
                    dir.resolve("1kg/ALL.chr" + chrom + ".vcf.bgz.tbi"));
        }
        Path workflow = Files.writeString(dir.resolve("workflow.yaml"), DocPages.block("formats-vcf.md", "yaml", 1));

        VcfExamples.Summary s = VcfExamples.run(workflow);

        assertThat(s.rows()).isEqualTo(2000);
        assertThat(s.regionRows()).isEqualTo(regionRecords).isPositive();
        assertThat(s.dosage()).hasNumberOfRows(2000);
        // samples as the handle orders them: HG00097, then HG00096
        assertThat(s.dosage()[6]).containsExactly(2.0, 0.0);   // i = 7: HG00097 1|1, HG00096 0|0
        assertThat(Double.isNaN(s.dosage()[10][0])).isTrue(); // i = 11: ./. for HG00097
        assertThat(dir.resolve("out/genotypes.parquet")).exists();
        assertThat(dir.resolve("out/calls.chr21.vcf.bgz.tbi")).exists();
        assertThat(dir.resolve("out/calls.chr22.vcf.bgz.tbi")).exists();
        assertThat(tool("tabix", "-l", dir.resolve("out/calls.chr22.vcf.bgz").toString())).isTrue();
    }
}
