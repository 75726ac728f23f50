package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.datahandle.cli.CliProcess.Result;
import org.datahandle.exchange.ExchangeClient;
import org.datahandle.table.Table;
import org.datahandle.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that takes a handle also takes a path or glob, with the same inference and flags
 * ({@code status}, {@code validate}, {@code verify}, {@code run}, {@code serve}); {@code jobs} and
 * standard input say in the user's terms why a path does not apply. Real processes on corpus files.
 */
class PathEveryCommandTest {
    @TempDir
    Path dir;

    @Test
    void validateOfAPathChecksWhatIsInferredAndTheFlagsAsTheLoaderDoes() {
        Path csv = TestData.assumeCorpus("csv-spectrum").resolve("csvs/simple.csv");
        Result ok = CliProcess.run(dir, "validate", csv.toString(), "--delimiter", ";");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).isEqualTo(csv + ": valid: format csv, compression none, file system local, options "
                + "delimiter=; (rows not read)\n");

        Result bad = CliProcess.run(dir, "validate", csv.toString(), "--delimiter", ";;");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCodes.SPEC);
        assertThat(bad.out()).startsWith("--delimiter: option 'delimiter' must be one ASCII character")
                .endsWith("1 error\n").doesNotContain("handle 'path'").doesNotContain("dataHandles");
        // one validation, two callers: reading the data refuses the same flag with the same words
        Result head = CliProcess.run(dir, "head", csv.toString(), "--delimiter", ";;");
        assertThat(head.exitCode()).isEqualTo(ExitCodes.SPEC);
        assertThat(head.err()).contains(bad.out().lines().findFirst().orElseThrow());

        Result unknown = CliProcess.run(dir, "validate", csv.toString(), "--option", "nope=1", "--json");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.SPEC);
        JsonNode json = unknown.json();
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("errors").get(0).get("problem").asText()).startsWith("--option nope: ")
                .contains("has no option 'nope'");

        Path parquet = TestData.assumeCorpus("parquet-testing").resolve("alltypes_plain.parquet");
        JsonNode spec = CliProcess.run(dir, "validate", parquet.toString(), "--json").json();
        assertThat(spec.get("valid").asBoolean()).isTrue();
        assertThat(spec.get("spec").get("format").asText()).isEqualTo("parquet");

        Result wrongFormat = CliProcess.run(dir, "validate", parquet.toString(), "--format", "csv");
        assertThat(wrongFormat.exitCode()).isEqualTo(ExitCodes.SPEC);
        assertThat(wrongFormat.out()).startsWith("--format: ");
    }

    @Test
    void validateStatusAndVerifySayWhyStandardInputAndFlagsWithAWorkflowDoNotApply() {
        Path wf = Workflows.standard(dir);
        for (String command : new String[] {"validate", "status", "verify", "serve"}) {
            Result stdin = CliProcess.run(dir, command, "-");
            assertThat(stdin.exitCode()).as(stdin.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(stdin.err()).contains("'" + command + "' looks at data on disk; standard input ('-') has none");
            Result flag = CliProcess.run(dir, command, wf.toString(), "--delimiter", ";");
            assertThat(flag.exitCode()).as(flag.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(flag.err()).contains("--delimiter applies to a path");
        }
        Result twoForValidate = CliProcess.run(dir, "validate", wf.toString(), "samples");
        assertThat(twoForValidate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(twoForValidate.err()).contains("validate checks a whole workflow");
    }

    @Test
    void statusOfAPathOrOfSomeHandlesOfAWorkflow() throws IOException {
        Path parquet = TestData.assumeCorpus("parquet-testing").resolve("alltypes_plain.parquet");
        Result text = CliProcess.run(dir, "status", parquet.toString());
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).startsWith("DATA ").contains("parquet").contains("produced")
                .contains(Output.bytes(Files.size(parquet))).contains("absent").doesNotContain("'path'");
        JsonNode json = CliProcess.run(dir, "status", "--json", parquet.toString()).json();
        assertThat(json.get("data").get(0).asText()).isEqualTo(parquet.toString());
        JsonNode h = json.get("handles").get(0);
        assertThat(h.get("id").asText()).isEqualTo(parquet.toString());
        assertThat(h.get("size").asLong()).isEqualTo(Files.size(parquet));
        assertThat(h.get("commitRecord").asText()).isEqualTo("absent");

        Result missing = CliProcess.run(dir, "status", "no-such.csv");
        assertThat(missing.exitCode()).as(missing.toString()).isZero();
        assertThat(missing.out()).contains("not produced").contains("no-such.csv: ").contains("does not exist")
                .doesNotContain("handle 'path'");

        Path wf = Workflows.standard(dir);
        Result some = CliProcess.run(dir, "status", wf.toString(), "samples");
        assertThat(some.exitCode()).as(some.toString()).isZero();
        assertThat(some.out()).startsWith("HANDLE ").contains("samples").doesNotContain("summary");
        Result typo = CliProcess.run(dir, "status", wf.toString(), "sampels");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("samples");
    }

    @Test
    void verifyOfAPathReadsItAndAdoptsOnlyWhenAsked() throws IOException {
        Path corpus = TestData.assumeCorpus("parquet-testing").resolve("alltypes_plain.parquet");
        Result asIs = CliProcess.run(dir, "verify", corpus.toString());
        assertThat(asIs.exitCode()).as(asIs.toString()).isZero();
        assertThat(asIs.out()).startsWith("DATA ").contains("no record");

        // adopting writes a record beside the file: on a copy, never in the corpus
        Path copy = Files.copy(corpus, dir.resolve("plain.parquet"));
        Result adopted = CliProcess.run(dir, "verify", "plain.parquet", "--adopt");
        assertThat(adopted.out()).contains("adopted");
        Result ok = CliProcess.run(dir, "verify", "--json", "plain.parquet");
        assertThat(ok.json().get("handles").get(0).get("result").asText()).isEqualTo("ok");
        byte[] bytes = Files.readAllBytes(copy);
        bytes[bytes.length / 2] ^= 1; // same size, same time would not tell: verify reads the content
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(copy);
        Files.write(copy, bytes);
        Files.setLastModifiedTime(copy, time);
        Result changed = CliProcess.run(dir, "verify", "plain.parquet");
        assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(ExitCodes.NOT_PRODUCED);
        assertThat(changed.out()).contains("mismatch").doesNotContain("handle 'path'");
    }

    @Test
    void runBindsPathsNamedAfterTheirFilesAndJobsFindsTheJobThere() throws IOException {
        Path csv = TestData.assumeCorpus("csv-spectrum").resolve("csvs/simple.csv");
        Files.copy(csv, dir.resolve("simple.csv"));
        Result r = CliProcess.run(dir, "run", "--in", "simple.csv", "--out", "upper-case.csv", "--",
                "sh", "-c", "tr a-z A-Z < {in:simple} > \"$DATAHANDLE_OUT_UPPER_CASE\" && echo done");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("done\n");
        assertThat(r.err()).contains("succeeded (exit code 0): published upper_case")
                .contains(dir.resolve(".datahandle/jobs").toString());
        assertThat(dir.resolve("upper-case.csv")).hasContent(Files.readString(csv).toUpperCase(java.util.Locale.ROOT));

        Result jobs = CliProcess.run(dir, "jobs");
        assertThat(jobs.exitCode()).as(jobs.toString()).isZero();
        assertThat(jobs.out()).contains("succeeded").contains("upper_case");
        Result status = CliProcess.run(dir, "status", "upper-case.csv");
        assertThat(status.out()).contains("matches");

        // the output is there now: the library's refusal, in the command's terms
        Result again = CliProcess.run(dir, "run", "--in", "simple.csv", "--out", "upper-case.csv", "--", "true");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.ALREADY_PRODUCED);
        assertThat(again.err()).contains("'datahandle delete'").doesNotContain("deleteDisk");

        Result quiet = CliProcess.run(dir, "-q", "run", "--in", "simple.csv", "--out", "q.csv", "--", "cp", "{in}",
                "{out}");
        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        assertThat(quiet.err()).isEmpty();
        Result failing = CliProcess.run(dir, "run", "--quiet", "--in", "simple.csv", "--", "sh", "-c", "exit 3");
        assertThat(failing.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(failing.err()).as("a job that fails is an error, printed even with --quiet")
                .contains("failed (exit code 3)").doesNotContain("running");

        Result clash = CliProcess.run(dir, "run", "--in", "simple.csv", "--in", "sub/simple.tsv", "--", "true");
        assertThat(clash.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(clash.err()).contains("would both be named 'simple'");
        Result nothing = CliProcess.run(dir, "run", "--", "true");
        assertThat(nothing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nothing.err()).contains("datahandle run --in PATH --out PATH -- COMMAND");
        Result badFlag = CliProcess.run(dir, "run", "--in", "simple.csv", "--delimiter", "ab", "--", "true");
        assertThat(badFlag.exitCode()).isEqualTo(ExitCodes.SPEC);
        assertThat(badFlag.err()).contains("--delimiter: ");
    }

    @Test
    void jobsOfAPathSaysWhereJobsAre() throws IOException {
        Path csv = Files.copy(TestData.assumeCorpus("csv-spectrum").resolve("csvs/simple.csv"), dir.resolve("s.csv"));
        Result r = CliProcess.run(dir, "jobs", csv.getFileName().toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("jobs takes a job id").contains("--workflow").contains("datahandle run --in PATH");
    }

    @Test
    void serveOfPathsServesEachAsAHandleNamedAfterItsFile() throws Exception {
        Path csv = TestData.assumeCorpus("csv-spectrum").resolve("csvs/simple.csv");
        Path parquet = TestData.assumeCorpus("parquet-testing").resolve("alltypes_plain.parquet");
        Path conn = dir.resolve("conn.json");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", CliProcess.classPath(), Main.class.getName(), "serve", csv.toString(), parquet.toString(),
                "--connection-file", conn.toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertThat(first).startsWith("serving " + csv + " as 'simple', " + parquet + " as 'alltypes_plain' at "
                    + "http://127.0.0.1:");
            ExchangeClient client = ExchangeClient.fromConnectionFile(conn);
            Table simple = client.pull("simple");
            assertThat(simple.rowCount()).isEqualTo(1);
            assertThat(simple.schema().fields().get(0).name()).isEqualTo("a");
            assertThat(client.pull("alltypes_plain").rowCount()).isEqualTo(8);
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(conn).doesNotExist();
            assertThat(dir.resolve(".datahandle")).as("no jobs folder for paths").doesNotExist();
        } finally {
            p.destroyForcibly();
        }
    }
}
