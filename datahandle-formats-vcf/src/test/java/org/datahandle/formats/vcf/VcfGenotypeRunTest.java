package org.datahandle.formats.vcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.datahandle.DataFormatException;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GT-only records take a fast path (a run of diploid calls of alleles 0-7 appended in bulk) that hands
 * over to the general parser at the first call it does not take. Every hand-over point must give
 * the same values and the same errors as the general parser.
 */
class VcfGenotypeRunTest {
    @TempDir
    Path dir;

    private static final String HEADER = "##fileformat=VCFv4.2\n##contig=<ID=1>\n"
            + "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\tS3\tS4\tS5\n";

    private Path file(String... records) throws IOException {
        Path f = dir.resolve("run.vcf");
        Files.writeString(f, HEADER + String.join("\n", records) + "\n");
        return f;
    }

    private static String record(int pos, String alt, String... calls) {
        return "1\t" + pos + "\t.\tA\t" + alt + "\t.\t.\t.\tGT\t" + String.join("\t", calls);
    }

    /** The GT lists and phased flags of one row, as "[0, 1]|" / "[0, 1]/" / "null" strings. */
    @SuppressWarnings("unchecked")
    private static List<String> calls(Table t, int row) {
        List<String> out = new ArrayList<>();
        for (Object g : (List<Object>) t.get(row, "genotypes")) {
            Map<String, Object> call = (Map<String, Object>) g;
            Object phased = call.get("phased");
            out.add(call.get("GT") + (phased == null ? "" : (Boolean) phased ? "|" : "/"));
        }
        return out;
    }

    @Test
    void everyHandOverPointGivesTheGeneralParsersValues() throws IOException {
        String alts10 = "C,G,T,AC,AG,AT,CA,CC,CG,CT";
        Table t = Vcf.read(file(
                record(1, "C", "0|0", "0|1", "1/0", "1|1", "0/0"),
                record(2, "C", "0|1", "./.", "1|1", "0", "1|0"),
                record(3, "C", "0|0", "0|0", "0|0", "0|0", "1"),
                record(4, alts10, "0|10", "10|0", "9|9", "1/2", "0|0"),
                record(5, ".", "0|0", "0/0", ".|.", "0|0", "0|0"),
                record(6, "C,G", "0|0|1", "2|1", "0/2", ".", "2/2"),
                record(7, "C", "0|0", "0|0", "0|0", "0|0", "0|1"),
                // a code holds alleles 0 to 7: 8 and 9 hand over
                record(8, alts10, "7|7", "0/7", "8|1", "7|0", "9/9")));
        assertThat(t.rowCount()).isEqualTo(8);
        assertThat(calls(t, 0)).containsExactly("[0, 0]|", "[0, 1]|", "[1, 0]/", "[1, 1]|", "[0, 0]/");
        assertThat(calls(t, 1)).containsExactly("[0, 1]|", "[null, null]/", "[1, 1]|", "[0]/", "[1, 0]|");
        assertThat(calls(t, 2)).containsExactly("[0, 0]|", "[0, 0]|", "[0, 0]|", "[0, 0]|", "[1]/");
        assertThat(calls(t, 3)).containsExactly("[0, 10]|", "[10, 0]|", "[9, 9]|", "[1, 2]/", "[0, 0]|");
        assertThat(calls(t, 4)).containsExactly("[0, 0]|", "[0, 0]/", "[null, null]|", "[0, 0]|", "[0, 0]|");
        assertThat(calls(t, 5)).containsExactly("[0, 0, 1]|", "[2, 1]|", "[0, 2]/", "[null]/", "[2, 2]/");
        assertThat(calls(t, 6)).containsExactly("[0, 0]|", "[0, 0]|", "[0, 0]|", "[0, 0]|", "[0, 1]|");
        assertThat(calls(t, 7)).containsExactly("[7, 7]|", "[0, 7]/", "[8, 1]|", "[7, 0]|", "[9, 9]/");
    }

    @Test
    void manyFastRecordsAcrossPagesKeepTheirOrderAroundASlowOne() throws IOException {
        int samples = 3000; // 87 records per 256 KiB page of pending calls: 300 records fill four
        StringBuilder text = gtHeader(samples);
        String[] kinds = {"0|0", "0|1", "1/0", "1|1", "0/0"};
        for (int r = 0; r < 300; r++) {
            text.append("1\t").append(r + 1).append("\t.\tA\tC\t.\t.\t.\tGT");
            for (int i = 0; i < samples; i++) {
                // record 150 has one haploid call near its end: it goes through the general path
                text.append('\t').append(r == 150 && i == samples - 2 ? "1" : kinds[(r * 7 + i) % kinds.length]);
            }
            text.append('\n');
        }
        Path f = dir.resolve("pages.vcf");
        Files.writeString(f, text);
        Table t = Vcf.read(f);
        assertThat(t.rowCount()).isEqualTo(300);
        for (int r = 0; r < 300; r++) {
            List<String> calls = calls(t, r);
            assertThat(calls).hasSize(samples);
            for (int i = 0; i < samples; i++) {
                String k = r == 150 && i == samples - 2 ? "1" : kinds[(r * 7 + i) % kinds.length];
                String expected = k.length() == 1 ? "[" + k + "]/"
                        : "[" + k.charAt(0) + ", " + k.charAt(2) + "]" + k.charAt(1);
                if (!calls.get(i).equals(expected)) {
                    assertThat(calls.get(i)).as("record %d sample %d", r, i).isEqualTo(expected);
                }
            }
        }
    }

    /** 300 GT-only records of 3,000 samples (3.6 MB: several chunks scanned ahead); record {@code r} is line 5 + r. */
    private Path bigFile(String name, int badInfoAt, int badAlleleAt) throws IOException {
        int samples = 3000;
        StringBuilder text = gtHeader(samples);
        for (int r = 0; r < 300; r++) {
            text.append("1\t").append(r + 1).append("\t.\tA\tC\t.\t.\t").append(r == badInfoAt ? "Z=1" : ".")
                    .append("\tGT");
            for (int i = 0; i < samples; i++) {
                text.append('\t').append(r == badAlleleAt && i == 1234 ? "0|2" : i % 3 == 0 ? "0|1" : "0|0");
            }
            text.append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void theFirstBadLineInFileOrderIsNamedThoughLaterChunksAreScannedAhead() throws IOException {
        Path both = bigFile("both.vcf", 200, 250);
        Path late = bigFile("late.vcf", -1, 250);
        Path lastRecord = bigFile("last.vcf", -1, 299);
        for (int round = 0; round < 3; round++) {
            assertThatThrownBy(() -> Vcf.read(both)).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("line 205").hasMessageContaining("INFO key 'Z'");
            assertThatThrownBy(() -> Vcf.read(late)).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("line 255").hasMessageContaining("sample S1234")
                    .hasMessageContaining("allele index 2");
            assertThatThrownBy(() -> Vcf.read(lastRecord)).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("line 304").hasMessageContaining("sample S1234");
        }
        assertThat(Vcf.read(bigFile("good.vcf", -1, -1)).rowCount()).isEqualTo(300);
    }

    @Test
    void anAlleleIndexPastAltIsAnErrorWhereverItStands() throws IOException {
        for (int at = 0; at < 5; at++) {
            String[] calls = new String[5];
            Arrays.fill(calls, "0|1");
            calls[at] = "0|2";
            Path f = file(record(1, "C", calls));
            String sample = "S" + (at + 1);
            assertThatThrownBy(() -> Vcf.read(f)).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("line 5").hasMessageContaining("sample " + sample)
                    .hasMessageContaining("allele index 2");
        }
    }

    @Test
    void tooFewOrTooManySampleColumnsAreCountedAfterAFastRun() throws IOException {
        Path few = file(record(1, "C", "0|0", "0|0", "0|0", "0|0"));
        assertThatThrownBy(() -> Vcf.read(few)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("the record has 13 columns").hasMessageContaining("(5 samples)");
        Path many = file(record(1, "C", "0|0", "0|0", "0|0", "0|0", "0|0", "0|0"));
        assertThatThrownBy(() -> Vcf.read(many)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("the record has 15 columns");
        Path trailingTab = file(record(1, "C", "0|0", "0|0", "0|0", "0|0", "0|0") + "\t");
        assertThatThrownBy(() -> Vcf.read(trailingTab)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("the record has 15 columns");
    }

    /** The header of a GT-only file of {@code samples} samples S0, S1, ..., its last line ended. */
    private static StringBuilder gtHeader(int samples) {
        StringBuilder text = new StringBuilder("##fileformat=VCFv4.2\n##contig=<ID=1>\n"
                + "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
                + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        for (int i = 0; i < samples; i++) {
            text.append("\tS").append(i);
        }
        return text.append('\n');
    }
}
