package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datahandle head --region}: a VCF region through its tabix index. */
class HeadRegionTest {
    @TempDir
    Path dir;

    private static boolean run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void headOfARegionReadsOnlyThatRegion() throws Exception {
        StringBuilder vcf = new StringBuilder("##fileformat=VCFv4.2\n"
                + "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
                + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        for (String chrom : new String[] {"20", "21"}) {
            for (int i = 1; i <= 2000; i++) {
                vcf.append(chrom).append('\t').append(i * 100).append("\t.\tA\tG\t50\tPASS\tDP=").append(i).append('\n');
            }
        }
        Files.writeString(dir.resolve("calls.vcf"), vcf.toString());
        boolean tools = run(dir, "bgzip", "-f", "calls.vcf") && run(dir, "tabix", "-p", "vcf", "calls.vcf.gz");
        if (!tools && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("bgzip/tabix missing; .ci/run installs them");
        }
        assumeThat(tools).as("bgzip and tabix").isTrue();
        // bgzip names it .gz; the handle says bgz, which the file is
        Files.move(dir.resolve("calls.vcf.gz"), dir.resolve("calls.vcf.bgz"));
        Files.move(dir.resolve("calls.vcf.gz.tbi"), dir.resolve("calls.vcf.bgz.tbi"));
        Path wf = dir.resolve("workflow.yaml");
        Files.writeString(wf, "calls:\n  disk:\n    path: calls.vcf.bgz\n");

        CliProcess.Result r = CliProcess.run(dir, "head", "--json", wf.toString(), "calls", "-n", "5", "--region",
                "21:150000-");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode rows = r.json().get("rows");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).get("chrom").asText()).isEqualTo("21");
        assertThat(rows.get(0).get("pos").asLong()).isEqualTo(150000);
        assertThat(rows.get(4).get("pos").asLong()).isEqualTo(150400);

        CliProcess.Result text = CliProcess.run(dir, "head", wf.toString(), "calls", "-r", "20:1000-1200", "-r",
                "21:100-100");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        // the column names, 3 + 1 records and the row count
        assertThat(text.out().lines()).hasSize(6).last().isEqualTo("(4 rows)");
    }
}
