package org.datahandle.formats.vcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad VCF input: each case a typed error naming the handle, the file and the line. */
class VcfBadInputTest {
    @TempDir
    Path dir;

    private static final String HEADER = """
            ##fileformat=VCFv4.3
            ##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
            ##INFO=<ID=AF,Number=A,Type=Float,Description="Frequency">
            ##INFO=<ID=AD,Number=R,Type=Integer,Description="Depths">
            ##INFO=<ID=DB,Number=0,Type=Flag,Description="dbSNP">
            ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
            ##FORMAT=<ID=HQ,Number=2,Type=Integer,Description="Haplotype quality">
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2
            """;
    /** Line 9 is the first record after {@link #HEADER}. */
    private static final String GOOD = "20\t100\t.\tA\tG\t50\tPASS\tDP=3;AF=0.5\tGT:HQ\t0|1:10,20\t1/1:5,5\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, content, line, message
                Arguments.of("no #CHROM line", "##fileformat=VCFv4.3\n20\t100\t.\tA\tG\t.\t.\t.\n", 2,
                        "missing '#CHROM' header line"),
                Arguments.of("ends in the header", "##fileformat=VCFv4.3\n##INFO=<ID=DP,Number=1,Type=Integer>\n", 3,
                        "missing '#CHROM' header line"),
                Arguments.of("no ##fileformat", "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", 1,
                        "the first line must be '##fileformat=VCFv4.x'"),
                Arguments.of("VCF 3.3", "##fileformat=VCFv3.3\n", 1, "unsupported fileformat=VCFv3.3"),
                Arguments.of("not text at all", "\u0001\u0002PK\u0003garbage", 1, "not a VCF file"),
                Arguments.of("wrong #CHROM column", "##fileformat=VCFv4.3\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tINFO\n", 2,
                        "VCF needs at least 8"),
                Arguments.of("renamed #CHROM column", "##fileformat=VCFv4.3\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTERS\tINFO\n",
                        2, "column 7 of the #CHROM line is 'FILTERS', expected 'FILTER'"),
                Arguments.of("a sample twice", HEADER.replace("S2", "S1"), 8, "sample 'S1' appears twice"),
                Arguments.of("header redefines a key", HEADER.replace("##FORMAT=<ID=GT",
                        "##INFO=<ID=DP,Number=1,Type=Float,Description=\"Depth\">\n##FORMAT=<ID=GT"), 6,
                        "INFO DP is defined again as ID=DP,Number=1,Type=Float, but line 2 defined it as"),
                Arguments.of("unknown Type", HEADER.replace("Type=Flag", "Type=Boolean"), 5, "has Type=Boolean"),
                Arguments.of("bad Number", HEADER.replace("Number=R", "Number=X"), 4, "has Number=X"),
                Arguments.of("FORMAT Flag", HEADER.replace("##FORMAT=<ID=HQ,Number=2,Type=Integer",
                        "##FORMAT=<ID=HQ,Number=0,Type=Flag"), 7, "Type=Flag, which VCF allows only in INFO"),
                Arguments.of("fewer columns", HEADER + "20\t100\t.\tA\tG\t50\tPASS\n", 9,
                        "the record has 7 tab-separated columns, VCF needs at least 8"),
                Arguments.of("a sample column missing", HEADER + GOOD + "20\t101\t.\tA\tG\t50\tPASS\tDP=3\tGT\t0|1\n", 10,
                        "the record has 10 columns, but the header's #CHROM line has 11"),
                Arguments.of("a sample column too many", HEADER + "20\t101\t.\tA\tG\t50\tPASS\tDP=3\tGT\t0|1\t0|0\t1|1\n",
                        9, "the record has 12 columns"),
                Arguments.of("POS not a number", HEADER + "20\t1e5\t.\tA\tG\t50\tPASS\tDP=3\tGT\t0|1\t0|0\n", 9,
                        "POS '1e5' is not a position"),
                Arguments.of("empty REF", HEADER + "20\t100\t.\t\tG\t50\tPASS\tDP=3\tGT\t0|1\t0|0\n", 9, "REF is empty"),
                Arguments.of("QUAL not a number", HEADER + "20\t100\t.\tA\tG\thigh\tPASS\tDP=3\tGT\t0|1\t0|0\n", 9,
                        "QUAL 'high' is not a number"),
                Arguments.of("GT past ALT", HEADER + GOOD + "20\t101\t.\tA\tG\t50\tPASS\tDP=3\tGT\t0|2\t0|0\n", 10,
                        "GT '0|2' of sample S1 has allele index 2, but the record has only 1 ALT allele"),
                Arguments.of("GT not a genotype", HEADER + "20\t101\t.\tA\tG\t50\tPASS\tDP=3\tGT\t0|1\tx/y\n", 9,
                        "GT 'x/y' of sample S2 is not a genotype"),
                Arguments.of("INFO Integer of the wrong type", HEADER + "20\t100\t.\tA\tG\t50\tPASS\tDP=3.5\tGT\t0|1\t0|0\n",
                        9, "INFO DP value '3.5' is not an Integer"),
                Arguments.of("INFO Integer too large", HEADER + "20\t100\t.\tA\tG\t50\tPASS\tDP=99999999999\tGT\t0|1\t0|0\n",
                        9, "INFO DP value '99999999999' is not an Integer (32-bit)"),
                Arguments.of("INFO Float of the wrong type", HEADER + "20\t100\t.\tA\tG\t50\tPASS\tAF=half\tGT\t0|1\t0|0\n",
                        9, "INFO AF value 'half' is not a Float"),
                Arguments.of("Number=A of the wrong length", HEADER + "20\t100\t.\tA\tG,T\t50\tPASS\tAF=0.5\tGT\t0|1\t0|0\n",
                        9, "INFO AF has 1 value ('0.5'), but Number=A needs 2 (one per ALT allele; the record has 2)"),
                Arguments.of("Number=R of the wrong length", HEADER + "20\t100\t.\tA\tG\t50\tPASS\tAD=1,2,3\tGT\t0|1\t0|0\n",
                        9, "INFO AD has 3 values ('1,2,3'), but Number=R needs 2"),
                Arguments.of("Number=2 of the wrong length", HEADER + "20\t100\t.\tA\tG\t50\tPASS\tDP=1\tGT:HQ\t0|1:5\t0|0:1,2\n",
                        9, "FORMAT HQ of sample S1 has 1 value ('5'), but Number=2 needs 2"),
                Arguments.of("INFO key not in the header", HEADER + "20\t100\t.\tA\tG\t50\tPASS\tXX=1\tGT\t0|1\t0|0\n", 9,
                        "INFO key 'XX' is not defined in the header"),
                Arguments.of("FORMAT key not in the header", HEADER + "20\t100\t.\tA\tG\t50\tPASS\tDP=1\tGT:YY\t0|1:1\t0|0:2\n",
                        9, "FORMAT key 'YY' is not defined in the header"),
                Arguments.of("a Flag with a value", HEADER + "20\t100\t.\tA\tG\t50\tPASS\tDB=yes\tGT\t0|1\t0|0\n", 9,
                        "INFO DB is a Flag and takes no value, but has 'yes'"),
                Arguments.of("an INFO key twice", HEADER + "20\t100\t.\tA\tG\t50\tPASS\tDP=1;DP=2\tGT\t0|1\t0|0\n", 9,
                        "INFO DP appears twice in one record"),
                Arguments.of("a FORMAT key twice", HEADER + "20\t100\t.\tA\tG\t50\tPASS\tDP=1\tGT:GT\t0|1:0|1\t0|0:0|0\n", 9,
                        "FORMAT key GT appears twice"),
                Arguments.of("more sample values than keys", HEADER + "20\t100\t.\tA\tG\t50\tPASS\tDP=1\tGT\t0|1:7\t0|0\n", 9,
                        "sample S1 has more ':'-separated values than the 1 FORMAT keys"),
                Arguments.of("a header line among records", HEADER + GOOD + "##INFO=<ID=X,Number=1,Type=String>\n", 10,
                        "a header line after the first record"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsNamingHandleFileAndLine(String name, String content, int line, String message) throws IOException {
        Path file = dir.resolve("bad.vcf");
        Files.writeString(file, content);
        assertThatThrownBy(() -> Vcf.read(file)).as(name).isInstanceOfSatisfying(DataFormatException.class, e -> {
            assertThat(e.line()).hasValue(line);
            assertThat(e.path()).hasValue(file.toUri());
        }).hasMessageContaining("handle 'calls'").hasMessageContaining(file.toString())
                .hasMessageContaining("line " + line + ":").hasMessageContaining(message);
    }

    @Test
    void lenientSkipsKeysMissingFromTheHeader() throws IOException {
        Path file = dir.resolve("lenient.vcf");
        Files.writeString(file, HEADER + "20\t100\t.\tA\tG\t50\tPASS\tXX=1;DP=4\tGT:YY\t0|1:1\t0|0:2\n");
        var t = Vcf.read(file, Map.of("lenient", true));
        assertThat(t.get(0, "info").toString()).contains("DP=4").doesNotContain("XX");
    }

    @Test
    void optionsNamingWhatTheFileLacksAreErrors() throws IOException {
        Path file = dir.resolve("ok.vcf");
        Files.writeString(file, HEADER + GOOD);
        assertThatThrownBy(() -> Vcf.read(file, Map.of("samples", List.of("S9"))))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("option 'samples' names 'S9'")
                .hasMessageContaining("[S1, S2]");
        assertThatThrownBy(() -> Vcf.read(file, Map.of("infoFields", List.of("MQ"))))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("option 'infoFields' names INFO 'MQ'");
        assertThatThrownBy(() -> Vcf.read(file, Map.of("layout", "wide")))
                .hasMessageContaining("option 'layout' must be one of variants, sites, long, dosage");
        assertThatThrownBy(() -> Vcf.read(file, Map.of("colour", "red"))).hasMessageContaining("colour");
    }

    @Test
    void partsWithDifferentSamplesFailNamingBothFiles() throws IOException {
        Files.writeString(dir.resolve("a.vcf"), HEADER + GOOD);
        Files.writeString(dir.resolve("b.vcf"), HEADER.replace("\tS1\tS2", "\tS2\tS1") + GOOD);
        try (Catalog c = Vcf.catalog(dir, Vcf.yaml("calls", List.of("a.vcf", "b.vcf"), Map.of()))) {
            assertThatThrownBy(() -> c.get("calls").read()).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining(dir.resolve("a.vcf").toString())
                    .hasMessageContaining(dir.resolve("b.vcf").toString())
                    .hasMessageContaining("sample column 1 is 'S1' in one and 'S2' in the other (same samples in another order)");
        }
    }

    @Test
    void partsWithDifferentDefinitionsFailNamingBothFiles() throws IOException {
        Files.writeString(dir.resolve("a.vcf"), HEADER + GOOD);
        Files.writeString(dir.resolve("b.vcf"), HEADER.replace("ID=DP,Number=1,Type=Integer", "ID=DP,Number=1,Type=Float")
                + GOOD);
        try (Catalog c = Vcf.catalog(dir, Vcf.yaml("calls", "*.vcf", Map.of()))) {
            assertThatThrownBy(() -> c.get("calls").read()).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("a.vcf").hasMessageContaining("b.vcf")
                    .hasMessageContaining("INFO DP is ID=DP,Number=1,Type=Integer in one and ID=DP,Number=1,Type=Float");
        }
    }

    @Test
    void aTruncatedBgzfFileIsADataFormatError() throws IOException {
        Path good = dir.resolve("good.vcf");
        SyntheticVcf.write(good, List.of("chr1"), 3000, 10, 1);
        try (Catalog c = Vcf.catalog(dir, Vcf.yaml("w", "whole.vcf.bgz", Map.of("index", false)))) {
            c.get("w").write(Vcf.read(good));
        }
        byte[] whole = Files.readAllBytes(dir.resolve("whole.vcf.bgz"));
        Path cut = dir.resolve("cut.vcf.bgz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> Vcf.read(cut)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("cut.vcf.bgz");
    }
}
