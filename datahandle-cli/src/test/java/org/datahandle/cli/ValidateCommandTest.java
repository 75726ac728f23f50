package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.datahandle.cli.CliProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datahandle validate} as a process: valid files, every error with file:line:column, exit codes. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    @Test
    void aValidWorkflowExitsZero() {
        Path wf = Workflows.standard(dir);
        Result r = CliProcess.run(dir, "validate", wf.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("valid");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void reportsTheErrorOfEveryHandleNotJustTheFirst() {
        Path wf = Workflows.write(dir, "wf.yaml", """
                dataHandles:
                  a:
                    disk: {path: a.csv, format: parquet}
                  ok: {disk: {path: b.csv}}
                  c:
                    memory: {format: rowz}
                  d:
                    disk: {path: d.csv, options: {hedaer: true}}
                """);
        Result r = CliProcess.run(dir, "validate", "wf.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SPEC);
        assertThat(r.out()).contains(wf + ":3:").contains("handle 'a'").contains("parquet")
                .contains(wf + ":6:").contains("handle 'c'").contains("rowz")
                .contains("handle 'd'").contains("did you mean 'header'").contains("3 errors");
    }

    @Test
    void theSchemaFindsEveryStructuralErrorWithItsPosition() {
        Path wf = Workflows.write(dir, "wf.yaml", """
                a:
                  disk: {path: a.csv, fromat: csv}
                b:
                  disk: {path: b.csv, isProduced: maybe}
                c:
                  memory: {format: rows}
                  dsik: {path: c.csv}
                """);
        Result r = CliProcess.run(dir, "validate", "--json", wf.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SPEC);
        JsonNode json = r.json();
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("errors")).hasSize(3);
        assertThat(json.get("errors").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(json.get("errors").get(0).get("column").asInt()).isEqualTo(23);
        assertThat(json.get("errors").get(0).get("field").asText()).isEqualTo("disk.fromat");
        assertThat(json.get("errors").get(1).get("handle").asText()).isEqualTo("b");
        assertThat(json.get("errors").get(1).get("field").asText()).isEqualTo("disk.isProduced");
        assertThat(json.get("errors").get(1).get("line").asInt()).isEqualTo(4);
        assertThat(json.get("errors").get(2).get("field").asText()).isEqualTo("dsik");
        assertThat(json.get("errors").get(2).get("line").asInt()).isEqualTo(7);
        assertThat(json.get("errors").get(2).get("column").asInt()).isEqualTo(3);
    }

    @Test
    void malformedYamlIsOneErrorWithTheParsersPosition() {
        Workflows.write(dir, "bad.yaml", "dataHandles:\n  a:\n    disk: {path: [a.csv, b.csv}\n");
        Result r = CliProcess.run(dir, "validate", "bad.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SPEC);
        assertThat(r.out()).contains("bad.yaml:3:").contains("malformed YAML").contains("1 error");
    }

    @Test
    void aMissingFileIsASpecErrorNamingIt() {
        Result r = CliProcess.run(dir, "validate", "nope.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SPEC);
        assertThat(r.out()).contains("nope.yaml").contains("does not exist");
    }

    @Test
    void declaredProducedDataThatIsMissingIsAnError() {
        Workflows.write(dir, "wf.yaml", "a: {disk: {path: gone.csv, isProduced: true}}\n");
        Result r = CliProcess.run(dir, "validate", "wf.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SPEC);
        assertThat(r.out()).contains("wf.yaml:1:").contains("isProduced");
    }

    @Test
    void credentialsInAPathAreRefusedAndNeverPrinted() {
        Workflows.write(dir, "wf.yaml", """
                dataHandles:
                  calls:
                    disk: {path: 's3://AKIAEXAMPLEKEY:wJalrXUtnFEMIsecret@bucket/calls.csv'}
                """);
        for (String command : new String[] {"validate", "status", "head", "verify"}) {
            Result r = command.equals("head") ? CliProcess.run(dir, command, "wf.yaml", "calls")
                    : CliProcess.run(dir, command, "wf.yaml");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.SPEC);
            assertThat(r.out() + r.err()).as(command).contains("credentials").contains("s3.secretKey")
                    .doesNotContain("wJalrXUtnFEMIsecret").doesNotContain("AKIAEXAMPLEKEY");
        }
    }
}
