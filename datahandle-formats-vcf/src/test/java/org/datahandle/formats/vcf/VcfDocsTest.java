package org.datahandle.formats.vcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.datahandle.Catalog;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/formats-vcf.md's 1000 Genomes workflow, run as the page says. */
class VcfDocsTest {
    @TempDir
    Path dir;

    /** The yaml block right below {@code <!-- yaml: vcf-example -->} in docs/formats-vcf.md. */
    static String exampleWorkflow() throws IOException {
        Path page = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && page == null; d = d.getParent()) {
            if (Files.exists(d.resolve("docs/formats-vcf.md"))) {
                page = d.resolve("docs/formats-vcf.md");
            }
        }
        assertThat(page).as("docs/formats-vcf.md above the working directory").isNotNull();
        String text = Files.readString(page);
        int marker = text.indexOf("<!-- yaml: vcf-example -->");
        int start = text.indexOf("```yaml\n", marker) + "```yaml\n".length();
        return text.substring(start, text.indexOf("```", start));
    }

    @Test
    void theThousandGenomesExampleRuns() throws IOException {
        SyntheticVcf.write(dir.resolve("source.vcf"), List.of("21", "22"), 2000, List.of("HG00096", "HG00097"), 5);
        Table source = Vcf.read(dir.resolve("source.vcf"));
        try (Catalog c = Vcf.catalog(dir, "setup:\n  disk:\n    path: 1kg/ALL.chr*.vcf.bgz\n    partitionBy: chrom\n")) {
            c.get("setup").write(source);
        }
        assertThat(dir.resolve("1kg/ALL.chr22.vcf.bgz.tbi")).exists();

        try (Catalog catalog = Vcf.catalog(dir, exampleWorkflow())) {
            Table all = catalog.get("chromosomes").read();
            assertThat(all.toRows()).isEqualTo(source.toRows());

            Table region = catalog.get("chr22Region").read();
            long expected = 0;
            for (int r = 0; r < all.rowCount(); r++) {
                long pos = (Long) all.get(r, "pos");
                if (all.get(r, "chrom").equals("22") && pos >= 100000 && pos <= 200000) {
                    expected++;
                }
            }
            assertThat((long) region.rowCount()).isEqualTo(expected).isPositive();
            assertThat(region.schema().names()).doesNotContain("genotypes");

            double[][] dosage = catalog.get("dosages").read(double[][].class);
            assertThat(dosage).hasNumberOfRows(4000);
            for (int r = 0; r < 4000; r++) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> g = (List<Map<String, Object>>) all.get(r, "genotypes");
                assertThat(Double.valueOf(dosage[r][0])).isEqualTo(Double.valueOf(dosage(g.get(1))));
                assertThat(Double.valueOf(dosage[r][1])).isEqualTo(Double.valueOf(dosage(g.get(0))));
            }

            catalog.get("genotypesParquet").write(catalog.get("genotypeTable").read());
            Table genotypes = catalog.get("genotypesParquet").read();
            assertThat(genotypes.rowCount()).isEqualTo(8000);
            assertThat(genotypes.schema().names()).contains("sample", "GT", "phased", "DP").doesNotContain("GQ");
            assertThat(genotypes.schema().metadata()).containsEntry("vcf.layout", "long");

            catalog.get("calls").write(all);
        }
        assertThat(dir.resolve("out/calls.chr21.vcf.bgz.tbi")).exists();
        assertThat(dir.resolve("out/calls.chr22.vcf.bgz.tbi")).exists();
        assertThat(Vcf.read(dir.resolve("out/calls.chr22.vcf.bgz")).rowCount()).isEqualTo(2000);
    }

    private static double dosage(Map<String, Object> genotype) {
        List<?> gt = (List<?>) genotype.get("GT");
        if (gt == null) {
            return Double.NaN;
        }
        double d = 0;
        for (Object a : gt) {
            if (a == null) {
                return Double.NaN;
            }
            d += ((Integer) a) > 0 ? 1 : 0;
        }
        return d;
    }
}
