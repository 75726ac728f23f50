package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.datahandle.cli.CliProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datahandle status}: states, expanded globs, sizes and the commit-record check. */
class StatusCommandTest {
    @TempDir
    Path dir;

    @Test
    void showsEveryHandleWithGlobsExpandedAndSizes() {
        Path wf = Workflows.standard(dir);
        Result r = CliProcess.run(dir, "status", wf.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("HANDLE").contains("samples").contains("csv").contains("gz")
                .contains(dir.resolve("data/parts/chr1.csv").toString())
                .contains(dir.resolve("data/parts/chr2.csv").toString())
                .contains("temporary")
                .contains("summary: ").contains("does not exist");
    }

    @Test
    void jsonTellsWhetherTheCommitRecordStillMatches() throws IOException {
        Path wf = Workflows.standard(dir);
        Result converted = CliProcess.run(dir, "convert", "--progress=none", wf.toString(), "samples", "summary");
        assertThat(converted.exitCode()).as(converted.toString()).isZero();

        JsonNode handles = CliProcess.run(dir, "status", "--json", wf.toString()).json().get("handles");
        JsonNode samples = handles.get(0);
        assertThat(samples.get("id").asText()).isEqualTo("samples");
        assertThat(samples.get("disk").asText()).isEqualTo("produced");
        assertThat(samples.get("commitRecord").asText()).isEqualTo("absent");
        assertThat(samples.get("size").asLong()).isEqualTo(Files.size(dir.resolve("data/samples.csv.gz")));
        assertThat(handles.get(1).get("files")).hasSize(2);
        JsonNode summary = handles.get(2);
        assertThat(summary.get("disk").asText()).isEqualTo("produced");
        assertThat(summary.get("commitRecord").asText()).isEqualTo("matches");
        assertThat(handles.get(3).get("temporary").asBoolean()).isTrue();

        // replaced behind the library's back: no longer produced, and status says why
        Files.write(dir.resolve("out/summary.tsv.gz"), new byte[] {1, 2, 3});
        Result after = CliProcess.run(dir, "status", "--json", wf.toString());
        JsonNode changed = after.json().get("handles").get(2);
        assertThat(changed.get("disk").asText()).isEqualTo("not_produced");
        assertThat(changed.get("commitRecord").asText()).isEqualTo("mismatch");
        assertThat(changed.get("problem").asText()).contains("3 bytes");

        Result text = CliProcess.run(dir, "status", wf.toString());
        assertThat(text.out()).contains("mismatch").contains("no longer match the commit record");
        // status prints each problem once, in its own notes; the library's log warning would repeat it
        assertThat(text.err()).doesNotContainIgnoringCase("warning");
        assertThat(text.out().split("no longer match the commit record", -1)).hasSize(2);
    }

    @Test
    void aSpecErrorStopsStatusWithExitCode3() {
        Workflows.write(dir, "wf.yaml", "a: {disk: {path: a.csv, format: parquet}}\n");
        Result r = CliProcess.run(dir, "status", "wf.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SPEC);
        assertThat(r.err()).contains("wf.yaml:1:").contains("parquet");
    }
}
