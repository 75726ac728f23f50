package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datahandle run} and {@code datahandle jobs}, as processes. */
class JobCommandsTest {
    private static final Pattern STARTED = Pattern.compile("datahandle: job (\\S+) started: ");

    @TempDir
    Path dir;

    private Path workflow() {
        Workflows.write(dir, "data/samples.csv", "id,depth\nb,20\na,10\n");
        return Workflows.write(dir, "wf.yaml", "samples: {disk: {path: data/samples.csv}}\nsorted: {disk: {path: out/sorted.csv}}\n"
                + "missing: {disk: {path: data/none.csv}}\n");
    }

    @Test
    void runShowsTheLiveOutputAndTheIdThenJobsListsAndReplaysIt() throws Exception {
        workflow();
        CliProcess.Result run = CliProcess.run(dir, "run", "wf.yaml", "--in", "samples", "--out", "sorted", "--name", "sort",
                "--", "sh", "-c", "echo sorting; echo careful >&2; sort \"$1\" > \"$2\"; echo '{\"n\": 2}' > \"$DATAHANDLE_ROWS\"",
                "sh", "{in}", "{out}");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("sorting\n");
        Matcher m = STARTED.matcher(run.err());
        assertThat(m.find()).as(run.toString()).isTrue();
        String id = m.group(1);
        assertThat(run.err()).contains("careful", "datahandle: job " + id + " running (pid ",
                "datahandle: job " + id + " row {\"n\":2}", "datahandle: job " + id + " succeeded (exit code 0): published sorted");
        assertThat(Files.readString(dir.resolve("out/sorted.csv"))).isEqualTo("a,10\nb,20\nid,depth\n");

        CliProcess.Result list = CliProcess.run(dir, "jobs", "--workflow", "wf.yaml");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("ID", "STATE", id, "succeeded", "sorted", "sort: sh -c");

        CliProcess.Result listFromHere = CliProcess.run(dir, "jobs", "--json");
        JsonNode jobs = listFromHere.json();
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).path("id").asText()).isEqualTo(id);
        assertThat(jobs.get(0).path("state").asText()).isEqualTo("succeeded");

        CliProcess.Result stdout = CliProcess.run(dir, "jobs", id, "--stream", "stdout");
        assertThat(stdout.out()).isEqualTo("sorting\n");
        assertThat(stdout.err()).isEmpty();

        CliProcess.Result stderr = CliProcess.run(dir, "jobs", id, "--stream", "stderr");
        assertThat(stderr.out()).isEqualTo("careful\n");
        CliProcess.Result rows = CliProcess.run(dir, "jobs", id, "--stream", "rows");
        assertThat(rows.out()).isEqualTo("{\"n\":2}\n");

        CliProcess.Result events = CliProcess.run(dir, "jobs", id, "--follow", "--json", "--stream", "status,rows");
        ObjectMapper mapper = new ObjectMapper();
        String[] lines = events.out().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(mapper.readTree(lines[0]).path("state").asText()).isEqualTo("pending");
        assertThat(mapper.readTree(lines[2]).path("row").path("n").asInt()).isEqualTo(2);
        assertThat(mapper.readTree(lines[3]).path("state").asText()).isEqualTo("succeeded");
        long lastSeq = mapper.readTree(lines[3]).path("seq").asLong();

        CliProcess.Result fromEnd = CliProcess.run(dir, "jobs", id, "--from", Long.toString(lastSeq), "--json");
        assertThat(fromEnd.out().trim().split("\n")).hasSize(1);
    }

    @Test
    void aFailingCommandExitsOneAndPublishesNothing() {
        workflow();
        CliProcess.Result run = CliProcess.run(dir, "run", "wf.yaml", "--out", "sorted", "--", "sh", "-c", "echo x > \"$1\"; exit 7", "sh", "{out}");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("failed (exit code 7): exited with code 7; nothing published");
        assertThat(dir.resolve("out/sorted.csv")).doesNotExist();
    }

    @Test
    void anUnproducedInputIsTheReadError() {
        workflow();
        CliProcess.Result run = CliProcess.run(dir, "run", "wf.yaml", "--in", "missing", "--", "cat", "{in}");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NOT_PRODUCED);
        assertThat(run.err()).contains("missing");
    }

    @Test
    void unknownJobsAndStreamsAreUsageErrors() {
        workflow();
        assertThat(CliProcess.run(dir, "jobs", "--dir", ".").exitCode()).isZero();
        CliProcess.Result unknown = CliProcess.run(dir, "jobs", "--dir", ".", "20260101-000000-abcdef");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no job '20260101-000000-abcdef'");
        CliProcess.Result stream = CliProcess.run(dir, "jobs", "--dir", ".", "20260101-000000-abcdef", "--stream", "stdin");
        assertThat(stream.exitCode()).isEqualTo(ExitCodes.USAGE);
        CliProcess.Result timeout = CliProcess.run(dir, "run", "wf.yaml", "--timeout", "soon", "--", "true");
        assertThat(timeout.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(timeout.err()).contains("cannot read duration 'soon'");
    }
}
