package org.datahandle.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.datahandle.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's JVM is killed (SIGKILL) while its job runs: nothing is published, and the next reader cleans up. */
class EngineDeathTest {
    @TempDir
    Path dir;

    @Test
    void aKilledEnginePublishesNothingAndTheNextReaderEndsItsOrphanedCommand() throws Exception {
        Process engine = EngineThatDies.start(dir);
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
            assertThat(line).as("the engine's job started").isNotNull();
            String[] parts = line.split(" ");
            String id = parts[0];
            long child = Long.parseLong(parts[1]);
            assertThat(JobFixture.running(child)).isTrue();

            engine.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertThat(engine.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(JobFixture.running(child)).as("the command outlives its engine (its own process group)").isTrue();

            JobRegistry jobs = JobRegistry.builder().killGrace(java.time.Duration.ofSeconds(1)).open(dir.resolve("jobs"));
            JobInfo info = jobs.list().get(0);
            assertThat(info.id()).isEqualTo(id);
            assertThat(info.status().state()).isEqualTo(JobState.FAILED);
            assertThat(info.status().message().orElseThrow()).contains("engine that ran this job", "ended",
                    "was still running and has been ended");
            assertThat(JobFixture.running(child)).isFalse();
            List<JobEvent> events = JobFixture.readAll(jobs.log(id));
            assertThat(JobFixture.states(events)).containsExactly(JobState.PENDING, JobState.RUNNING, JobState.FAILED);
            assertThat(JobFixture.lines(events, JobStream.STDOUT)).containsExactly("started");
            try (Catalog catalog = org.datahandle.Catalog.fromYaml(JobFixture.YAML, dir)) {
                assertThat(catalog.get("sorted").state().diskProduced()).isFalse();
            }
            assertThat(new File(dir.resolve("out/sorted.csv").toString())).doesNotExist();
        } finally {
            engine.destroyForcibly();
        }
    }
}
