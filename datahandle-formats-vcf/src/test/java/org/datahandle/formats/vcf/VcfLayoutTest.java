package org.datahandle.formats.vcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.datahandle.TableStream;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table shapes: variants, sites, long, dosage (the matrix form), projections, streaming. */
class VcfLayoutTest {
    @TempDir
    Path dir;

    private static Path ex2() {
        return Vcf.corpus().resolve("htsjdk/ex2.vcf");
    }

    @Test
    void variantsLayoutIsTypedByTheHeader() {
        Table t = Vcf.read(ex2());
        assertThat(t.schema().names()).containsExactly("chrom", "pos", "id", "ref", "alt", "qual", "filter", "info",
                "genotypes");
        assertThat(t.schema().field("pos").orElseThrow().type()).isEqualTo(DataType.INT64);
        DataType.Struct info = (DataType.Struct) t.schema().field("info").orElseThrow().type();
        assertThat(info.fields()).extracting(Field::name).containsExactly("NS", "DP", "AF", "AA", "DB", "H2", "HOMSEQ");
        assertThat(info.fields()).extracting(f -> f.type().typeName()).containsExactly("int32", "int32",
                "list<float64>", "string", "boolean", "boolean", "list<string>");
        DataType.Struct sample = (DataType.Struct) ((DataType.ListOf) t.schema().field("genotypes").orElseThrow().type())
                .element();
        assertThat(sample.fields()).extracting(Field::name).containsExactly("GT", "phased", "GQ", "DP", "HQ", "CNL");
        assertThat(t.schema().metadata()).containsEntry("vcf.samples", "NA00001\tNA00002\tNA00003")
                .containsEntry("vcf.layout", "variants");
        assertThat(t.schema().metadata().get("vcf.header")).startsWith("##fileformat=VCFv4.1\n")
                .endsWith("##FORMAT=<ID=CNL,Number=.,Type=Integer>");
    }

    @Test
    void sitesLayoutHasNoGenotypes() {
        Table sites = Vcf.read(ex2(), Map.of("layout", "sites"));
        Table full = Vcf.read(ex2());
        assertThat(sites.schema().names()).doesNotContain("genotypes");
        for (String c : sites.schema().names()) {
            for (int r = 0; r < full.rowCount(); r++) {
                assertThat(sites.get(r, c)).isEqualTo(full.get(r, c));
            }
        }
        assertThat(sites.schema().metadata()).containsEntry("vcf.samples", "");
    }

    @Test
    void longLayoutHasOneRowPerRecordAndSample() {
        Vcf.assumeTool("bcftools");
        Table t = Vcf.read(ex2(), Map.of("layout", "long", "formatFields", List.of("GT", "DP")));
        assertThat(t.schema().names()).containsExactly("chrom", "pos", "id", "ref", "alt", "qual", "filter", "info",
                "sample", "GT", "phased", "DP");
        List<String> expected = Vcf.run(dir, "bcftools", "query", "-f", "[%POS\t%SAMPLE\t%GT\t%DP\n]", ex2().toString());
        assertThat(t.rowCount()).isEqualTo(expected.size()).isEqualTo(15);
        for (int r = 0; r < t.rowCount(); r++) {
            Map<String, Object> row = t.toRows().get(r);
            String ours = row.get("pos") + "\t" + row.get("sample") + "\t" + Oracle.gt(row) + "\t"
                    + (row.get("DP") == null ? "." : row.get("DP"));
            assertThat(ours).isEqualTo(expected.get(r));
        }
    }

    @Test
    void samplesAndFieldsAreProjectedInTheOrderGiven() {
        Table t = Vcf.read(ex2(), Map.of("samples", List.of("NA00003", "NA00001"), "infoFields", "AF,DB",
                "formatFields", List.of("DP", "GT")));
        assertThat(t.schema().metadata()).containsEntry("vcf.samples", "NA00003\tNA00001");
        assertThat(((DataType.Struct) t.schema().field("info").orElseThrow().type()).fields()).extracting(Field::name)
                .containsExactly("AF", "DB");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> g = (List<Map<String, Object>>) t.get(0, "genotypes");
        assertThat(g).hasSize(2);
        assertThat(g.get(0)).containsEntry("DP", 5).containsEntry("GT", java.util.Arrays.asList(null, null));
        assertThat(g.get(1)).containsEntry("DP", 1).containsEntry("GT", List.of(0, 0)).containsKeys("phased");
        assertThat(g.get(1)).doesNotContainKey("GQ");
    }

    @Test
    void theMatrixMemoryFormIsTheDosageMatrix() {
        Vcf.assumeTool("bcftools");
        Path file = Vcf.corpus().resolve("glow/1000genomes-phase3-1row.vcf");
        double[][] m;
        try (Catalog c = Vcf.catalog(file.getParent(), Vcf.yaml("g", file.toString(), Map.of(), "matrix"))) {
            m = c.get("g").read(double[][].class);
        }
        List<String> gts = List.of(Vcf.run(dir, "bcftools", "query", "-f", "[%GT\t]\n", file.toString()).get(0)
                .split("\t"));
        assertThat(m.length).isEqualTo(1);
        assertThat(m[0]).hasSize(2504);
        for (int s = 0; s < 2504; s++) {
            assertThat(Double.valueOf(m[0][s])).as("sample %d (%s)", s, gts.get(s)).isEqualTo(Double.valueOf(dosage(gts.get(s))));
        }
    }

    @Test
    void dosageLayoutHasOneColumnPerSampleAndNanForMissingCalls() {
        Vcf.assumeTool("bcftools");
        Table t = Vcf.read(ex2(), Map.of("layout", "dosage"));
        assertThat(t.schema().names()).containsExactly("NA00001", "NA00002", "NA00003");
        List<String> lines = Vcf.run(dir, "bcftools", "query", "-f", "[%GT\t]\n", ex2().toString());
        for (int r = 0; r < t.rowCount(); r++) {
            String[] gts = lines.get(r).split("\t");
            for (int s = 0; s < 3; s++) {
                assertThat((Double) t.get(r, s)).as("row %d sample %d", r, s).isEqualTo(Double.valueOf(dosage(gts[s])));
            }
        }
        assertThat((Double) t.get(0, "NA00003")).isNaN();
    }

    /** Alt-allele dosage from a GT as bcftools prints it. */
    private static double dosage(String gt) {
        double d = 0;
        for (String a : gt.split("[/|]")) {
            if (a.equals(".")) {
                return Double.NaN;
            }
            if (!a.equals("0")) {
                d++;
            }
        }
        return d;
    }

    @Test
    void streamingGivesBatchesThatMakeTheWholeTable() throws IOException {
        Path file = dir.resolve("big.vcf");
        SyntheticVcf.write(file, List.of("chr1", "chr2"), 2500, 5, 11);
        Table whole = Vcf.read(file);
        List<Table> batches = new ArrayList<>();
        try (Catalog c = Vcf.catalog(dir, Vcf.yaml("s", "big.vcf", Map.of("batchRows", 1000)));
                TableStream s = c.get("s").stream()) {
            s.forEachRemaining(batches::add);
        }
        assertThat(batches).hasSize(5).allSatisfy(b -> assertThat(b.rowCount()).isEqualTo(1000));
        assertThat(Table.concat(whole.schema(), batches).toRows()).isEqualTo(whole.toRows());
    }

    @Test
    void aGlobOfOneSampleFilesWithDifferentSamplesFailsNamingBothFiles() {
        Path glow = Vcf.corpus().resolve("glow");
        try (Catalog c = Vcf.catalog(glow, Vcf.yaml("chr22", glow.resolve("HG0009*.vcf.bgz").toString(), Map.of()))) {
            assertThatThrownBy(() -> c.get("chr22").read()).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("HG00096.vcf.bgz").hasMessageContaining("HG00097.vcf.bgz")
                    .hasMessageContaining("sample column 1 is 'HG00096' in one and 'HG00097' in the other");
        }
    }

    @Test
    void aListOfChromosomeFilesReadsAsOneTable() throws IOException {
        Path a = dir.resolve("calls.chr1.vcf");
        Path b = dir.resolve("calls.chr2.vcf");
        SyntheticVcf.write(a, List.of("chr1"), 300, 3, 1);
        SyntheticVcf.write(b, List.of("chr2"), 200, 3, 1);
        // the same header, but for the contig lines
        try (Catalog c = Vcf.catalog(dir, Vcf.yaml("all", "calls.chr*.vcf", Map.of()))) {
            Table t = c.get("all").read();
            assertThat(t.rowCount()).isEqualTo(500);
            assertThat(t.get(0, "chrom")).isEqualTo("chr1");
            assertThat(t.get(499, "chrom")).isEqualTo("chr2");
        }
    }
}
