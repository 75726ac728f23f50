package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.datahandle.cli.CliProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** head, schema, infer, convert and delete on real files, with their failures. */
class DataCommandsTest {
    @TempDir
    Path dir;

    @Test
    void headPrintsTheFirstRows() {
        Path wf = Workflows.standard(dir);
        Result r = CliProcess.run(dir, "head", wf.toString(), "samples", "-n", "2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines()).hasSize(4);
        assertThat(r.out()).endsWith("(2 rows shown; more not read)\n").contains("sample_id").contains("S1").contains("S2").doesNotContain("S3");

        JsonNode json = CliProcess.run(dir, "head", "--json", wf.toString(), "samples").json();
        assertThat(json.get("rows")).hasSize(4);
        assertThat(json.get("rows").get(2).get("depth").asDouble()).isEqualTo(35.25);
        assertThat(json.get("rows").get(1).get("passed_qc").asBoolean()).isFalse();
    }

    @Test
    void schemaPrintsInferredTypes() {
        Path wf = Workflows.standard(dir);
        Result r = CliProcess.run(dir, "schema", wf.toString(), "samples");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("depth\\s+float64").containsPattern("passed_qc\\s+boolean");
        JsonNode json = CliProcess.run(dir, "schema", "--json", wf.toString(), "parts").json();
        assertThat(json.get("columns").get(0).get("name").asText()).isEqualTo("pos");
    }

    @Test
    void anUnknownHandleIsAUsageErrorWithASuggestion() {
        Path wf = Workflows.standard(dir);
        Result r = CliProcess.run(dir, "head", wf.toString(), "sampels");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("sampels").contains("did you mean 'samples'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aCorruptGzipIsADataErrorNamingTheFile() throws IOException {
        Path wf = Workflows.standard(dir);
        byte[] gz = Files.readAllBytes(dir.resolve("data/samples.csv.gz"));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
        Files.write(dir.resolve("data/samples.csv.gz"), cut);
        Result r = CliProcess.run(dir, "head", wf.toString(), "samples");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.DATA);
        assertThat(r.err()).contains("samples.csv.gz").contains("corrupt or truncated");
    }

    @Test
    void readingDataThatIsNotThereIsExitCode5() {
        Path wf = Workflows.standard(dir);
        Result r = CliProcess.run(dir, "schema", wf.toString(), "summary");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NOT_PRODUCED);
        assertThat(r.err()).contains("summary").contains("not produced");
    }

    @Test
    void anUnreadableWorkflowIsAFailure() throws IOException {
        Files.createDirectories(dir.resolve("folder.yaml"));
        Result r = CliProcess.run(dir, "status", "folder.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("cannot read workflow file").contains("folder.yaml");
    }

    @Test
    void anUnreadableDataFileIsAFailureNamingIt() throws IOException {
        Path wf = Workflows.standard(dir);
        Path data = dir.resolve("data/parts/chr1.csv");
        Files.setPosixFilePermissions(data, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(data),
                "running as root: permissions do not stop reading, so this case cannot be made");
        Result r = CliProcess.run(dir, "head", wf.toString(), "parts");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("chr1.csv");
    }

    @Test
    void inferDescribesAPathWithoutAWorkflow() {
        Workflows.gzip(dir, "x/calls.tsv.gz", "a\tb\n1\t2\n");
        Result r = CliProcess.run(dir, "infer", "x/calls.tsv.gz", "y/missing.csv.zst");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("format       tsv").contains("compression  gz").contains("produced (1 file")
                .contains("compression  zst").contains("not produced");
        JsonNode json = CliProcess.run(dir, "infer", "--json", "hdfs:///d/ALL.chr*.vcf.bgz").json();
        assertThat(json.get(0).get("fileSystem").asText()).isEqualTo("hdfs");
        assertThat(json.get(0).get("format").asText()).isEqualTo("vcf");
        assertThat(json.get(0).get("compression").asText()).isEqualTo("bgz");
        assertThat(json.get(0).get("glob").asBoolean()).isTrue();
    }

    @Test
    void inferOfAnUnknownSuffixIsASpecError() {
        Result r = CliProcess.run(dir, "infer", "notes.docx");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SPEC);
        assertThat(r.err()).contains("notes.docx");
    }

    @Test
    void convertStreamsIntoAHandleAndRefusesToOverwrite() {
        Path wf = Workflows.standard(dir);
        Result r = CliProcess.run(dir, "convert", "--progress=log", wf.toString(), "samples", "summary");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("converted 'samples' to 'summary': 4 rows")
                .contains(dir.resolve("out/summary.tsv.gz").toString());
        assertThat(r.err()).contains("progress: done, 4 rows");
        Result head = CliProcess.run(dir, "head", "--json", wf.toString(), "summary");
        assertThat(head.json().get("rows").get(3).get("sample_id").asText()).isEqualTo("S4");

        Result again = CliProcess.run(dir, "convert", "--progress=none", wf.toString(), "samples", "summary");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.ALREADY_PRODUCED);
        assertThat(again.err()).contains("summary");
    }

    @Test
    void convertToAPathInfersItsFormatAndShowsABarOnRequest() {
        Path wf = Workflows.standard(dir);
        Result r = CliProcess.run(dir, "convert", "--progress=bar", wf.toString(), "parts", "copy/parts.csv.zst");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("\r").contains("3 rows");
        Result infer = CliProcess.run(dir, "infer", "--json", "copy/parts.csv.zst");
        assertThat(infer.json().get(0).get("produced").asBoolean()).isTrue();
    }

    @Test
    void deleteAsksAndDoesNothingWithoutAnAnswer() {
        Path wf = Workflows.standard(dir);
        Path data = dir.resolve("data/samples.csv.gz");
        Result refused = CliProcess.run(dir, "delete", "--allow-external", wf.toString(), "samples");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.NOT_CONFIRMED);
        assertThat(refused.err()).contains("[y/N]").contains("--yes");
        assertThat(data).exists();

        Result no = CliProcess.runWithInput(dir, "n\n", "delete", "--allow-external", wf.toString(), "samples");
        assertThat(no.exitCode()).as(no.toString()).isEqualTo(ExitCodes.NOT_CONFIRMED);
        assertThat(data).exists();

        Result yes = CliProcess.runWithInput(dir, "y\n", "delete", "--allow-external", wf.toString(), "samples");
        assertThat(yes.exitCode()).as(yes.toString()).isZero();
        assertThat(yes.out()).contains("deleted handle 'samples'");
        assertThat(data).doesNotExist();
    }

    @Test
    void deleteListsEveryFileItRemovesAndLeavesNothing() throws java.io.IOException {
        Path wf = Workflows.standard(dir);
        Result converted = CliProcess.run(dir, "convert", "--progress=none", wf.toString(), "samples", "summary");
        assertThat(converted.exitCode()).as(converted.toString()).isZero();
        // a staging file a crashed writer left, and the output changed behind the library's back
        java.nio.file.Files.writeString(dir.resolve("out/.staging-dead0000.summary.tsv.gz"), "half");
        java.nio.file.Files.write(dir.resolve("out/summary.tsv.gz"), new byte[] {1, 2, 3});
        Result no = CliProcess.runWithInput(dir, "n\n", "delete", wf.toString(), "summary");
        assertThat(no.err()).contains(dir.resolve("out/summary.tsv.gz").toString())
                .contains(dir.resolve("out/.summary.tsv.gz.datahandle.json").toString())
                .contains(dir.resolve("out/.staging-dead0000.summary.tsv.gz").toString());
        Result yes = CliProcess.run(dir, "delete", "--yes", wf.toString(), "summary");
        assertThat(yes.exitCode()).as(yes.toString()).isZero();
        assertThat(yes.out()).contains("3 files");
        try (var left = java.nio.file.Files.list(dir.resolve("out"))) {
            assertThat(left.map(p -> p.getFileName().toString())).isEmpty();
        }
    }

    @Test
    void deleteWithYesDeletesEveryPart() {
        Path wf = Workflows.standard(dir);
        Result r = CliProcess.run(dir, "delete", "--yes", "--allow-external", wf.toString(), "parts");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("2 files");
        assertThat(dir.resolve("data/parts/chr1.csv")).doesNotExist();
        assertThat(dir.resolve("data/parts/chr2.csv")).doesNotExist();
        Result temp = CliProcess.run(dir, "delete", "--yes", wf.toString(), "scratch");
        assertThat(temp.exitCode()).as(temp.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(temp.err()).contains("temporary");
    }

    @Test
    void helpWorksEverywhereAndDocumentsExitCodes() {
        for (String command : new String[] {"validate", "status", "infer", "head", "schema", "convert", "delete",
                "json-schema"}) {
            Result r = CliProcess.run(dir, command, "--help");
            assertThat(r.exitCode()).as(command + "\n" + r).isZero();
            assertThat(r.out()).as(command).contains("Usage: datahandle " + command).contains("Exit codes:")
                    .contains("5   Not produced");
        }
        Result top = CliProcess.run(dir, "--help");
        assertThat(top.out()).contains("validate").contains("convert");
        Result none = CliProcess.run(dir);
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        Result bad = CliProcess.run(dir, "status", "wf.yaml", "--bogus");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("Unknown option: '--bogus'");
    }

    @Test
    void jsonSchemaPrintsTheShippedSchema() throws IOException {
        Result r = CliProcess.run(dir, "json-schema");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        Path docs = Path.of(System.getProperty("datahandle.docs", "../docs"));
        assertThat(r.out()).isEqualTo(Files.readString(docs.resolve("workflow.schema.json")));
    }
}
