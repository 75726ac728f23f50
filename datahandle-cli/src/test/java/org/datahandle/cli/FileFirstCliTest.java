package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.datahandle.cli.CliProcess.Result;
import org.datahandle.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 point 1: any file looked at in one command, no workflow written first. */
class FileFirstCliTest {
    @TempDir
    Path dir;

    @Test
    void headOfACorpusParquetFileNeedsNoWorkflow() {
        Path parquet = TestData.assumeCorpus("parquet-testing").resolve("alltypes_plain.parquet");
        Result r = CliProcess.run(dir, "head", parquet.toString(), "-n", "3");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines()).hasSize(5).first().asString().startsWith("id  bool_col");
        assertThat(r.out()).contains("(3 rows shown; more not read)");

        JsonNode json = CliProcess.run(dir, "head", parquet.toString(), "-n", "2", "--output", "json").json();
        assertThat(json.get("rows")).hasSize(2);
        assertThat(json.get("rows").get(0).get("id").asInt()).isEqualTo(4);
        assertThat(json.get("more").asBoolean()).isTrue();
        Result schema = CliProcess.run(dir, "schema", parquet.toString());
        assertThat(schema.out()).containsPattern("id\\s+int32");
    }

    @Test
    void catOfCorpusCsvPrintsEveryRowInEachOutputForm() {
        Path csv = TestData.assumeCorpus("csv-spectrum").resolve("csvs/quotes_and_newlines.csv");
        Result asCsv = CliProcess.run(dir, "cat", csv.toString(), "-o", "csv");
        assertThat(asCsv.exitCode()).as(asCsv.toString()).isZero();
        assertThat(asCsv.out()).isEqualTo("a,b\n1,\"ha \n\"\"ha\"\" \nha\"\n3,4\n");

        Result jsonl = CliProcess.run(dir, "cat", csv.toString(), "--output", "jsonl");
        assertThat(jsonl.out()).isEqualTo("{\"a\":1,\"b\":\"ha \\n\\\"ha\\\" \\nha\"}\n{\"a\":3,\"b\":\"4\"}\n");
        Result tsv = CliProcess.run(dir, "cat", csv.toString(), "--output", "tsv");
        assertThat(tsv.out()).isEqualTo("a\tb\n1\tha \\n\"ha\" \\nha\n3\t4\n");
        Result md = CliProcess.run(dir, "cat", csv.toString(), "--output", "markdown");
        assertThat(md.out()).startsWith("| a | b |\n| ---: | --- |\n| 1 | ha \\n\"ha\" \\nha |\n");
        Result table = CliProcess.run(dir, "cat", csv.toString());
        assertThat(table.out()).endsWith("(2 rows)\n");
    }

    @Test
    void aGlobQuotedOrExpandedByTheShellIsOnePieceOfData() throws IOException {
        Path simple = TestData.assumeCorpus("csv-spectrum").resolve("csvs/simple.csv");
        Files.createDirectories(dir.resolve("parts"));
        Files.copy(simple, dir.resolve("parts/a.csv"));
        Files.writeString(dir.resolve("parts/b.csv"), "a,b,c\n4,5,6\n");
        Result quoted = CliProcess.run(dir, "cat", "parts/*.csv", "-o", "csv");
        assertThat(quoted.exitCode()).as(quoted.toString()).isZero();
        assertThat(quoted.out()).isEqualTo("a,b,c\n1,2,3\n4,5,6\n");
        Result expanded = CliProcess.run(dir, "cat", "parts/a.csv", "parts/b.csv", "-o", "csv");
        assertThat(expanded.out()).isEqualTo(quoted.out());
    }

    @Test
    void codecOptionsAreFlagsAndTheirErrorsNameTheFlag() throws IOException {
        Files.writeString(dir.resolve("semi.csv"), "x;y\n1,5;a\n2,5;b\n");
        Result r = CliProcess.run(dir, "cat", "semi.csv", "--delimiter", ";", "-o", "jsonl");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("{\"x\":\"1,5\",\"y\":\"a\"}\n{\"x\":\"2,5\",\"y\":\"b\"}\n");
        Result noHeader = CliProcess.run(dir, "cat", "semi.csv", "--delimiter", ";", "--no-header", "-o", "csv");
        assertThat(noHeader.out().lines()).hasSize(4);

        Result bad = CliProcess.run(dir, "head", "semi.csv", "--delimiter", ";;");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCodes.SPEC);
        assertThat(bad.err()).startsWith("datahandle: error: --delimiter: ").contains("';;'")
                .doesNotContain("yaml").doesNotContain("handle 'path'");
        Result unknown = CliProcess.run(dir, "head", "semi.csv", "--option", "delimeter=;");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.SPEC);
        assertThat(unknown.err()).contains("--option delimeter").contains("delimiter");
        Result missing = CliProcess.run(dir, "head", "nothere.csv");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_PRODUCED);
        assertThat(missing.err()).contains("nothere.csv does not exist").doesNotContain("handle 'path'");
    }

    @Test
    void standardInputAndOutputAreADash() throws IOException {
        String simple = Files.readString(TestData.assumeCorpus("csv-spectrum").resolve("csvs/simple.csv"));
        Result in = CliProcess.runWithInput(dir, simple, "cat", "-", "--format", "csv", "-o", "jsonl");
        assertThat(in.exitCode()).as(in.toString()).isZero();
        assertThat(in.out()).isEqualTo("{\"a\":1,\"b\":2,\"c\":3}\n");

        Result noFormat = CliProcess.runWithInput(dir, simple, "head", "-");
        assertThat(noFormat.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFormat.err()).contains("--format");

        Path parquet = TestData.assumeCorpus("parquet-testing").resolve("alltypes_plain.parquet");
        Result out = CliProcess.run(dir, "convert", parquet.toString(), "-", "--to-format", "jsonl");
        assertThat(out.exitCode()).as(out.toString()).isZero();
        assertThat(out.out().lines()).hasSize(8).allMatch(l -> l.startsWith("{\"id\":"));
        assertThat(out.err()).contains("converted").contains("8 rows");
        try (var left = Files.list(dir)) {
            assertThat(left).as("nothing left in the working folder").isEmpty();
        }
        Result noToFormat = CliProcess.run(dir, "convert", parquet.toString(), "-");
        assertThat(noToFormat.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noToFormat.err()).contains("--to-format");
    }

    @Test
    void convertBetweenPathsAndBackThroughTheLibrary() {
        Path parquet = TestData.assumeCorpus("parquet-testing").resolve("alltypes_plain.parquet");
        Result r = CliProcess.run(dir, "--quiet", "convert", parquet.toString(), "copy.csv.gz");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as("--quiet: no progress").isEmpty();
        assertThat(dir.resolve("copy.csv.gz")).exists();
        Result back = CliProcess.run(dir, "head", "copy.csv.gz", "-n", "1", "-o", "jsonl");
        assertThat(back.out()).startsWith("{\"id\":4,\"bool_col\":true,");
    }

    @Test
    void theWorkflowFormStaysAndSaysWhatIsMissing() {
        Path wf = Workflows.standard(dir);
        Result r = CliProcess.run(dir, "cat", wf.toString(), "samples", "-o", "csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(Workflows.SAMPLES_CSV);

        Result noHandle = CliProcess.run(dir, "head", wf.toString());
        assertThat(noHandle.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noHandle.err()).contains("name one of its handles").contains("samples");
        Result flag = CliProcess.run(dir, "head", wf.toString(), "samples", "--delimiter", ";");
        assertThat(flag.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(flag.err()).contains("--delimiter applies to a path");
    }

    @Test
    void verboseSaysWhatWasInferredAndQuietSaysNothing() {
        Path parquet = TestData.assumeCorpus("parquet-testing").resolve("alltypes_plain.parquet");
        Result v = CliProcess.run(dir, "head", "--verbose", parquet.toString(), "-n", "1");
        assertThat(v.exitCode()).as(v.toString()).isZero();
        assertThat(v.err()).contains("as format parquet, compression none, file system local");
        Result q = CliProcess.run(dir, "-q", "head", parquet.toString(), "-n", "1");
        assertThat(q.err()).isEmpty();
        Result badV = CliProcess.run(dir, "head", "-v", "nothere.parquet");
        assertThat(badV.err()).contains("NotProducedException").contains("\tat org.datahandle");
    }

    @Test
    void quietSilencesTheLibrarysWarningsButNotTheError() throws IOException {
        Files.writeString(dir.resolve("in.csv"), "a,b\n1,2\n");
        assertThat(CliProcess.run(dir, "-q", "convert", "in.csv", "out.csv").exitCode()).isZero();
        Files.writeString(dir.resolve("out.csv"), "a,b\n1,2\n3,4\n"); // changed after it was published
        Result loud = CliProcess.run(dir, "head", "out.csv");
        assertThat(loud.exitCode()).as(loud.toString()).isEqualTo(ExitCodes.NOT_PRODUCED);
        assertThat(loud.err()).contains("datahandle: warning: the data is not produced").doesNotContain("handle 'path'")
                .doesNotContain("WARNING");
        Result quiet = CliProcess.run(dir, "head", "--quiet", "out.csv");
        assertThat(quiet.exitCode()).isEqualTo(ExitCodes.NOT_PRODUCED);
        assertThat(quiet.err().lines()).hasSize(1).first().asString().startsWith("datahandle: error: ");
    }

    @Test
    void helpSaysWhatItMeans() {
        Result infer = CliProcess.run(dir, "infer", "--help");
        assertThat(infer.out()).contains("${VAR} and ~ are expanded");
        Result schema = CliProcess.run(dir, "schema", "--help");
        assertThat(schema.out().replaceAll("\\s+", " ")).contains("not whether this data has any");
        Result cat = CliProcess.run(dir, "cat", "--help");
        assertThat(cat.exitCode()).isZero();
        assertThat(cat.out()).contains("--output").contains("--delimiter").contains("--quiet").contains("Exit codes:");
    }
}
