package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.datahandle.cli.CliProcess.Result;
import org.datahandle.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 point 2: what data can do to a terminal through {@code head} and {@code cat}. */
class TableRenderingTest {
    @TempDir
    Path dir;

    @Test
    void controlCharactersAreEscapedAndNullIsNotText() throws IOException {
        Files.writeString(dir.resolve("q.csv"), "name,score,note\n"
                + "alice,3.5,\"has\r\ncr\"\n"
                + "bob,12,\u001b[31mred\u001b[0m\u0007\n"
                + "carol,,null\n"
                + "dan,7,NULL\n"
                + "eve,1,\u202Eevil\u009b\n");
        Result r = CliProcess.run(dir, "head", "q.csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u0007")
                .doesNotContain("\u202E").doesNotContain("\u009b");
        List<String> lines = r.out().lines().toList();
        assertThat(lines).containsExactly(
                "name   score  note",
                "alice    3.5  has\\r\\ncr",
                "bob     12.0  \\x1B[31mred\\x1B[0m\\x07",
                "carol   NULL  null",
                "dan      7.0  \"NULL\"",
                "eve      1.0  \\u202Eevil\\u009B",
                "(5 rows)");
    }

    @Test
    void longCellsAreCutWithAnEllipsisAndTheLimitIsAFlag() throws IOException {
        String longText = "x".repeat(3145);
        Files.writeString(dir.resolve("wide.csv"), "id,text\n1," + longText + "\n22,short\n");
        Result r = CliProcess.run(dir, "head", "wide.csv");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(1)).isEqualTo(" 1  " + "x".repeat(39) + "…");
        assertThat(lines.get(2)).isEqualTo("22  short");
        assertThat(lines).allMatch(l -> l.length() <= 44);
        Result narrow = CliProcess.run(dir, "head", "wide.csv", "--max-width", "5");
        assertThat(narrow.out().lines().toList().get(1)).isEqualTo(" 1  xxxx…");
        Result unlimited = CliProcess.run(dir, "head", "wide.csv", "--max-width", "0");
        assertThat(unlimited.out()).contains(longText);
        Result csv = CliProcess.run(dir, "cat", "wide.csv", "-o", "csv");
        assertThat(csv.out()).as("machine forms are never cut").contains(longText);
    }

    @Test
    void nestedParquetValuesPrintAsJson() {
        Path parquet = TestData.assumeCorpus("parquet-testing").resolve("list_columns.parquet");
        Result r = CliProcess.run(dir, "cat", parquet.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
                "int64_list  utf8_list",
                "[1,2,3]     [\"abc\",\"efg\",\"hij\"]",
                "[null,1]    NULL",
                "[4]         [\"efg\",null,\"hij\",\"xyz\"]",
                "(3 rows)");
    }

    @Test
    void numbersAreRightAlignedInACorpusFile() {
        Path parquet = TestData.assumeCorpus("parquet-testing").resolve("alltypes_plain.parquet");
        Result r = CliProcess.run(dir, "head", parquet.toString(), "-n", "2");
        List<String> lines = r.out().lines().toList();
        int end = lines.get(0).indexOf("bigint_col") + "bigint_col".length();
        assertThat(lines.get(1).substring(0, end)).endsWith(" 0");
        assertThat(lines.get(2).substring(0, end)).endsWith(" 10");
        assertThat(lines.get(3)).isEqualTo("(2 rows shown; more not read)");
    }
}
