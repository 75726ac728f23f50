package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datahandle.Catalog;
import org.datahandle.jobs.EventCursor;
import org.datahandle.jobs.Job;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.jobs.JobSpec;
import org.datahandle.jobs.JobState;
import org.datahandle.jobs.JobStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datahandle jobs --prune AGE} and {@code datahandle jobs ID --remove}, as processes. */
class JobPruneCommandTest {
    private static final Pattern STARTED = Pattern.compile("datahandle: job (\\S+) started: ");

    @TempDir
    Path dir;

    private Path workflow() {
        return Workflows.write(dir, "wf.yaml", "samples: {disk: {path: data/samples.csv}}\n");
    }

    private String run(String script) {
        CliProcess.Result run = CliProcess.run(dir, "run", "wf.yaml", "--", "sh", "-c", script);
        Matcher m = STARTED.matcher(run.err());
        assertThat(m.find()).as(run.toString()).isTrue();
        return m.group(1);
    }

    /** Rewrites the end time recorded in the job's status.json. */
    private void endedAt(String id, Instant when) throws Exception {
        Path status = JobRegistry.directoryOf(dir.resolve("wf.yaml")).resolve(id).resolve("status.json");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode n = (ObjectNode) mapper.readTree(status.toFile());
        n.put("updated", when.toString());
        Files.write(status, mapper.writeValueAsBytes(n));
    }

    @Test
    void pruneRemovesTheJobsThatEndedBeforeTheAgeAndSaysWhich() throws Exception {
        workflow();
        String old = run("echo old");
        String failedLongAgo = run("exit 3");
        String recent = run("echo recent");
        endedAt(old, Instant.now().minus(Duration.ofDays(10)));
        endedAt(failedLongAgo, Instant.now().minus(Duration.ofDays(9)));
        endedAt(recent, Instant.now().minus(Duration.ofDays(2)));

        CliProcess.Result prune = CliProcess.run(dir, "jobs", "--prune", "7d");
        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.out()).startsWith("removed " + old + "\nremoved " + failedLongAgo + "\n")
                .contains("removed 2 jobs that ended more than 7d ago from ").doesNotContain(recent);

        CliProcess.Result list = CliProcess.run(dir, "jobs", "--json");
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).path("id").asText()).isEqualTo(recent);

        CliProcess.Result nothing = CliProcess.run(dir, "jobs", "--workflow", "wf.yaml", "--prune", "PT72H");
        assertThat(nothing.exitCode()).as(nothing.toString()).isZero();
        assertThat(nothing.out()).contains("no job in ").contains("ended more than PT72H ago");

        CliProcess.Result all = CliProcess.run(dir, "jobs", "--prune", "0s", "--json");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.json()).hasSize(1);
        assertThat(all.json().get(0).asText()).isEqualTo(recent);
        assertThat(CliProcess.run(dir, "jobs").out()).contains("no jobs in ");
    }

    @Test
    void removeTakesOneEndedJobAndRefusesARunningOne() throws Exception {
        Path wf = workflow();
        String done = run("echo done");
        try (Catalog catalog = Catalog.load(wf); JobRegistry jobs = JobRegistry.forWorkflow(wf)) {
            // a job this test's JVM runs: for the CLI's process, another live engine
            Job live = jobs.start(catalog, JobSpec.command("sh", "-c", "echo started; exec sleep 1000").build());
            try (EventCursor c = live.cursor(0, EnumSet.of(JobStream.STDOUT))) {
                assertThat(c.next(Duration.ofSeconds(30))).isPresent();
            }

            CliProcess.Result refused = CliProcess.run(dir, "jobs", live.id(), "--remove");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.FAILURE);
            assertThat(refused.err()).contains("job '" + live.id() + "'", "has not ended (it is running)");
            CliProcess.Result pruneAll = CliProcess.run(dir, "jobs", "--prune", "0s");
            assertThat(pruneAll.out()).contains("removed " + done).doesNotContain(live.id());
            assertThat(live.status().state()).isEqualTo(JobState.RUNNING);

            live.cancel();
            live.await();
            CliProcess.Result removed = CliProcess.run(dir, "jobs", live.id(), "--remove");
            assertThat(removed.exitCode()).as(removed.toString()).isZero();
            assertThat(removed.out()).isEqualTo("removed " + live.id() + "\n");
            assertThat(jobs.list()).isEmpty();

            CliProcess.Result again = CliProcess.run(dir, "jobs", live.id(), "--remove");
            assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(again.err()).contains("no job '" + live.id() + "'");
        }
    }

    @Test
    void badAgesIdsAndCombinationsAreUsageErrors() {
        workflow();
        run("true");
        CliProcess.Result soon = CliProcess.run(dir, "jobs", "--prune", "soon");
        assertThat(soon.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(soon.err()).contains("cannot read duration 'soon'");
        assertThat(CliProcess.run(dir, "jobs", "--prune", "-1d").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliProcess.run(dir, "jobs", "--remove").err()).contains("--remove takes a job id");
        assertThat(CliProcess.run(dir, "jobs", "20260101-000000-abcdef", "--prune", "1d").err()).contains("takes no job id");
        CliProcess.Result path = CliProcess.run(dir, "jobs", "../x", "--remove");
        assertThat(path.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(path.err()).contains("not a path");
        CliProcess.Result malformed = CliProcess.run(dir, "jobs", "x", "--remove");
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(malformed.err()).contains("no job 'x'", "a job id looks like");
        assertThat(CliProcess.run(dir, "jobs", "--prune", "1d", "--follow").err()).contains("do not take --follow");
        assertThat(CliProcess.run(dir, "jobs", "--json").json()).hasSize(1);
    }
}
