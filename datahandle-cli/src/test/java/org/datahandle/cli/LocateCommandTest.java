package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.datahandle.cli.CliProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datahandle locate}: where a handle's data is, for a process that maps it. */
class LocateCommandTest {
    @TempDir
    Path dir;

    private Path workflow() {
        Workflows.gzip(dir, "data/samples.csv.gz", Workflows.SAMPLES_CSV);
        return Workflows.write(dir, "workflow.yaml", """
                dataHandles:
                  samples:
                    disk: {path: data/samples.csv.gz}
                  table:
                    disk: {path: out/samples.arrow}
                  scratch: {}
                """);
    }

    @Test
    void locatePrintsEachPartWithItsSchemaAsTextAndJson() throws IOException {
        Path wf = workflow();
        Result convert = CliProcess.run(dir, "convert", "--progress=none", wf.toString(), "samples", "table");
        assertThat(convert.exitCode()).as(convert.toString()).isZero();
        Path arrow = dir.resolve("out/samples.arrow");

        Result text = CliProcess.run(dir, "locate", wf.toString(), "table");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("HOST").contains(arrow.toUri().toString())
                .contains(Long.toString(Files.size(arrow))).contains("schema: sample_id: string");

        JsonNode json = CliProcess.run(dir, "locate", "--json", wf.toString(), "table").json();
        assertThat(json.get("format").asText()).isEqualTo("arrow");
        JsonNode part = json.get("locations").get(0);
        assertThat(part.get("uri").asText()).isEqualTo(arrow.toUri().toString());
        assertThat(part.get("offset").asLong()).isZero();
        assertThat(part.get("length").asLong()).isEqualTo(Files.size(arrow));
        assertThat(part.get("host").asText()).isNotBlank();
        assertThat(part.get("schema").get(2).get("name").asText()).isEqualTo("depth");
        assertThat(part.get("schema").get(2).get("type").asText()).isEqualTo("float64");

        // data from outside has no commit record, so no recorded schema
        JsonNode input = CliProcess.run(dir, "locate", "--json", wf.toString(), "samples").json();
        assertThat(input.get("locations").get(0).get("schema").isNull()).isTrue();
    }

    @Test
    void locatingDataThatIsNotThereIsExitCode5AndATemporaryHandleAUsageError() {
        Path wf = workflow();
        Result missing = CliProcess.run(dir, "locate", wf.toString(), "table");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(ExitCodes.NOT_PRODUCED);
        assertThat(missing.err()).contains("table");
        Result temporary = CliProcess.run(dir, "locate", wf.toString(), "scratch");
        assertThat(temporary.exitCode()).as(temporary.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(temporary.err()).contains("temporary");
    }
}
