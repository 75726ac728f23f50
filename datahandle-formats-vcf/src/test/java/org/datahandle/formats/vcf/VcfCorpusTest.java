package org.datahandle.formats.vcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.datahandle.DataFormatException;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the shared VCF corpus (htsjdk, glow, bcftools test data) is read here; values
 * are compared with Debian's {@code bcftools query}, and the files that break the specification
 * fail with a {@link DataFormatException} naming the line.
 */
class VcfCorpusTest {
    @TempDir
    Path tmp;

    /** Files read in full with default options (bcftools reads them too, some after a header-whitespace fix). */
    static final List<String> READABLE = List.of(
            "bcftools/annotate.escape.1.vcf", "bcftools/annotate.missing-append.vcf", "bcftools/annotate.vcf",
            "bcftools/annotate13.vcf", "bcftools/annotate17.1.vcf", "bcftools/annotate18.2.vcf",
            "bcftools/annotate20.dst.vcf", "bcftools/annotate23.vcf", "bcftools/annotate26.vcf",
            "bcftools/annotate34.vcf", "bcftools/annotate9.vcf", "bcftools/concat.2.b.vcf", "bcftools/concat.3.d.vcf",
            "bcftools/concat.4.b.vcf", "bcftools/convert.23andme.vcf", "bcftools/csq.2.vcf", "bcftools/csq.yychr.vcf",
            "bcftools/filter.11.vcf", "bcftools/filter.3.vcf", "bcftools/filter.7.vcf", "bcftools/isec-miss.1.1.vcf",
            "bcftools/isec-miss.2.2.vcf", "bcftools/isec.match-id.1.1.vcf", "bcftools/merge.11.a.vcf",
            "bcftools/merge.2.a.vcf", "bcftools/merge.4.a.vcf", "bcftools/merge.6.a.vcf", "bcftools/merge.8.a.vcf",
            "bcftools/merge.LPL.a.vcf", "glow/1000genomes-phase3-1row.vcf", "glow/HG00096.vcf.bgz",
            "glow/HG00097.vcf.bgz", "glow/NA12878_21_10002403.g.vcf", "glow/VCFv4.3.vcf", "glow/snpeff.vcf",
            "glow/vep.vcf", "htsjdk/HiSeq.10000.vcf.bgz", "htsjdk/VCF4_4HeaderTest.vcf", "htsjdk/all43Features.vcf",
            "htsjdk/dbsnp_135.b37.1000.vcf", "htsjdk/ex2.vcf", "htsjdk/structuralvariants.vcf");

    /** Files that need option lenient: keys the header does not define, or no ##fileformat line. */
    static final List<String> LENIENT = List.of("htsjdk/vcf43.vcf", "bcftools/convert.gt.noHead.vcf");

    /** Files that break the specification, the 1-based line we must name, and what we must say. */
    static final Map<String, Object[]> BROKEN = Map.of(
            "htsjdk/corrupt_file_that_starts_with_#.vcf", new Object[] {1L, "not a VCF file"},
            "htsjdk/test_withNanQual.vcf", new Object[] {5L, "FORMAT GQ of sample NA12878 value 'NaN' is not an Integer"},
            "htsjdk/test_withNegInfQual.vcf", new Object[] {5L, "value '-Infinity' is not an Integer"},
            "htsjdk/ILLUMINA.wex.broad_phase2_baseline.20111114.both.exome.genotypes.1000.vcf",
            new Object[] {128L, "FORMAT GQ of sample HG00335 value '3.01' is not an Integer"});

    /** Other files beside the data: the corpus notes and the index, read by the region tests. */
    static final Set<String> NOT_VCF = Set.of("SOURCE", "htsjdk/HiSeq.10000.vcf.bgz.tbi");

    @Test
    void everyCorpusFileIsCoveredByATest() throws IOException {
        Path corpus = Vcf.corpus();
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            files.filter(Files::isRegularFile).forEach(f -> present.add(corpus.relativize(f).toString()));
        }
        Set<String> covered = new TreeSet<>(READABLE);
        covered.addAll(LENIENT);
        covered.addAll(BROKEN.keySet());
        covered.addAll(NOT_VCF);
        assertThat(present).isEqualTo(covered);
    }

    static Stream<Arguments> readable() {
        return Stream.concat(READABLE.stream().map(f -> Arguments.of(f, false)),
                LENIENT.stream().map(f -> Arguments.of(f, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void readsLikeBcftools(String name, boolean lenient) throws IOException {
        Vcf.assumeTool("bcftools");
        Path file = Vcf.corpus().resolve(name);
        Table t = Vcf.read(file, lenient ? Map.of("lenient", true) : Map.of());
        String samples = t.schema().metadata().get("vcf.samples");
        List<String> sampleNames = samples.isEmpty() ? List.of() : Arrays.asList(samples.split("\t"));
        Path forBcftools = Oracle.bcftoolsReadable(file, tmp);
        if (name.endsWith("noHead.vcf")) {
            // bcftools needs the ##fileformat line that lenient lets us do without
            Files.writeString(forBcftools, "##fileformat=VCFv4.2\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"GT\">\n"
                    + Files.readString(forBcftools));
        }
        Oracle.assertAgrees(t, forBcftools, sampleNames);
        assertThat(t.schema().metadata().get("vcf.header")).startsWith(name.endsWith("noHead.vcf") ? "" : "##fileformat=");
    }

    static Stream<Arguments> broken() {
        return BROKEN.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()[0], e.getValue()[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenFilesFailNamingTheLine(String name, long line, String message) {
        Path file = Vcf.corpus().resolve(name);
        assertThatThrownBy(() -> Vcf.read(file)).isInstanceOfSatisfying(DataFormatException.class, e -> {
            assertThat(e.line()).hasValue(line);
            assertThat(e.path()).hasValue(file.toUri());
        }).hasMessageContaining("handle 'calls'").hasMessageContaining(file.toString())
                .hasMessageContaining("line " + line).hasMessageContaining(message);
    }

    @Test
    void theCorruptFileFailsEvenWhenLenient() {
        Path file = Vcf.corpus().resolve("htsjdk/corrupt_file_that_starts_with_#.vcf");
        assertThatThrownBy(() -> Vcf.read(file, Map.of("lenient", true)))
                .isInstanceOfSatisfying(DataFormatException.class, e -> assertThat(e.line()).hasValue(1L))
                .hasMessageContaining("missing '#CHROM' header line");
    }

    @Test
    void qualNanAndInfinityReadAsDoublesInTheSitesLayout() {
        Table nan = Vcf.read(Vcf.corpus().resolve("htsjdk/test_withNanQual.vcf"), Map.of("layout", "sites"));
        assertThat(nan.rowCount()).isEqualTo(4);
        for (int r = 0; r < 4; r++) {
            assertThat((Double) nan.get(r, "qual")).isNaN();
        }
        Table inf = Vcf.read(Vcf.corpus().resolve("htsjdk/test_withNegInfQual.vcf"), Map.of("layout", "sites"));
        for (int r = 0; r < 4; r++) {
            assertThat((Double) inf.get(r, "qual")).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void theWideExomeMatrixReadsWithoutItsMistypedField() throws IOException {
        Path file = Vcf.corpus().resolve(
                "htsjdk/ILLUMINA.wex.broad_phase2_baseline.20111114.both.exome.genotypes.1000.vcf");
        Table t = Vcf.read(file, Map.of("formatFields", List.of("GT", "AD", "DP", "PL")));
        assertThat(t.rowCount()).isEqualTo(122);
        List<String> samples = List.of(t.schema().metadata().get("vcf.samples").split("\t"));
        assertThat(samples).hasSize(1182).startsWith("HG00096");
        // an independent reading of the GTs: split the text, as anyone would
        List<String> records = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
        for (int r = 0; r < records.size(); r++) {
            String[] cols = records.get(r).split("\t");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> gts = (List<Map<String, Object>>) t.get(r, "genotypes");
            for (int s = 0; s < samples.size(); s++) {
                assertThat(Oracle.gt(gts.get(s))).as("record %d sample %s", r + 1, samples.get(s))
                        .isEqualTo(cols[9 + s].split(":")[0]);
            }
        }
    }
}
