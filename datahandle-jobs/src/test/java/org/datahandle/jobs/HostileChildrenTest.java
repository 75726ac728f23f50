package org.datahandle.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.datahandle.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Children that misbehave: the registry stays bounded, ends them, and publishes nothing. */
class HostileChildrenTest {
    @TempDir
    Path dir;

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("printf", "ok \\377\\376 end\\n\\303\\251t\\351\\n").build());
            assertThat(job.await().state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(JobFixture.lines(JobFixture.readAll(job), JobStream.STDOUT))
                    .containsExactly("ok \uFFFD\uFFFD end", "\u00e9t\uFFFD");
            // and the stored log is valid UTF-8 JSON that another reader parses the same way
            assertThat(JobFixture.lines(JobFixture.readAll(JobRegistry.open(dir.resolve("jobs")).log(job.id())), JobStream.STDOUT))
                    .containsExactly("ok \uFFFD\uFFFD end", "\u00e9t\uFFFD");
        }
    }

    @Test
    void aLongLineComesInBoundedPiecesMarkedPartialWithoutSplittingCharacters() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.builder().lineLimit(100).open(dir.resolve("jobs"))) {
            // 1000 two-byte characters and no newline: pieces of at most 100 bytes, never half a character
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", "i=0; while [ $i -lt 1000 ]; do printf '\\303\\251'; i=$((i+1)); done").build());
            assertThat(job.await().state()).isEqualTo(JobState.SUCCEEDED);
            List<JobEvent.Output> pieces = new ArrayList<>();
            for (JobEvent e : JobFixture.readAll(job)) {
                if (e instanceof JobEvent.Output o) {
                    pieces.add(o);
                }
            }
            assertThat(pieces).hasSizeGreaterThan(1);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < pieces.size(); i++) {
                JobEvent.Output o = pieces.get(i);
                assertThat(o.partial()).isEqualTo(i < pieces.size() - 1);
                assertThat(o.text()).doesNotContain("\uFFFD");
                assertThat(o.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(100);
                line.append(o.text());
            }
            assertThat(line.toString()).isEqualTo("\u00e9".repeat(1000));
        }
    }

    @Test
    void aOneGigabyteLineWithNoNewlineIsSplitAndTheLogStaysBounded() throws Exception {
        long gib = 1L << 30;
        long retention = 8L << 20;
        try (Catalog catalog = JobFixture.catalog(dir);
                JobRegistry jobs = JobRegistry.builder().retentionBytes(retention).open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", "head -c " + gib + " /dev/zero | tr '\\000' a").build());
            // a reader follows the whole way; it may fall behind and get gaps, but never blocks the job
            long chars = 0;
            long pieces = 0;
            long gaps = 0;
            boolean sawLast = false;
            try (EventCursor c = job.cursor(0, EnumSet.of(JobStream.STDOUT))) {
                while (!c.ended()) {
                    Optional<JobEvent> e = c.next(Duration.ofSeconds(60));
                    if (e.isEmpty()) {
                        continue;
                    }
                    if (e.get() instanceof JobEvent.Gap) {
                        gaps++;
                    } else {
                        JobEvent.Output o = (JobEvent.Output) e.get();
                        assertThat(o.text().length()).isLessThanOrEqualTo(64 << 10);
                        chars += o.text().length();
                        pieces++;
                        if (!o.partial()) {
                            sawLast = true;
                        }
                    }
                }
            }
            assertThat(job.await().state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(sawLast).isTrue();
            assertThat(pieces).isGreaterThan(0);
            // every piece but the last is full; what a reader did not get, a gap told it about
            assertThat(chars == gib || gaps > 0).as("%d chars read, %d gaps", chars, gaps).isTrue();
            long onDisk = 0;
            try (var files = Files.list(dir.resolve("jobs").resolve(job.id()))) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith("events-")).toList()) {
                    onDisk += Files.size(p);
                }
            }
            assertThat(onDisk).isLessThanOrEqualTo(retention + (1 << 20));
        }
    }

    @Test
    void aFloodWithNoReaderNeverBlocksTheChild() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir);
                JobRegistry jobs = JobRegistry.builder().retentionBytes(4L << 20).open(dir.resolve("jobs"))) {
            // 300,000 lines on stdout and stderr at once, nobody reading, then the child exits on its own
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", "seq 1 300000 >&2 & seq 1 300000; wait").build());
            assertThat(job.await(Duration.ofMinutes(5))).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(JobState.SUCCEEDED));
            List<JobEvent> tail = JobFixture.readAll(job);
            assertThat(tail.get(0)).isInstanceOf(JobEvent.Gap.class);
            // every line of both streams was logged (pending, running, 600,000 lines, succeeded), the oldest dropped
            assertThat(tail.get(tail.size() - 1).seq()).isEqualTo(2L * 300_000 + 2);
            List<String> lastLines = new ArrayList<>(JobFixture.lines(tail, JobStream.STDOUT));
            lastLines.addAll(JobFixture.lines(tail, JobStream.STDERR));
            assertThat(lastLines).contains("300000");
        }
    }

    @Test
    void outputFartherAheadThanTheSpoolWaitsForTheEncoderAndKeepsItsOrder() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir);
                JobRegistry jobs = JobRegistry.builder().spoolBytes(1 << 20).retentionBytes(256L << 20).open(dir.resolve("jobs"))) {
            // 7 MB on stdout and stderr at once through a 1 MiB spool; then, after a pause, a row: it must follow every line
            String script = "seq 1 500000 >&2 & seq 1 500000; wait; sleep 0.3; echo '{\"after\": 1}' > \"$DATAHANDLE_ROWS\"; echo last";
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", script).build());
            assertThat(job.await(Duration.ofMinutes(5))).hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(JobState.SUCCEEDED));
            List<JobEvent> events = JobFixture.readAll(job);
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 500_000; i++) {
                expected.add(Integer.toString(i));
            }
            assertThat(JobFixture.lines(events, JobStream.STDERR)).isEqualTo(expected);
            expected.add("last");
            assertThat(JobFixture.lines(events, JobStream.STDOUT)).isEqualTo(expected);
            int row = -1;
            int lastOutput = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i) instanceof JobEvent.Row) {
                    row = i;
                } else if (events.get(i) instanceof JobEvent.Output o && !o.text().equals("last")) {
                    lastOutput = i;
                }
            }
            assertThat(row).isGreaterThan(lastOutput);
            assertThat(events.get(events.size() - 1)).isInstanceOf(JobEvent.Status.class);
            // the spool is gone with the job's end
            try (var files = Files.list(dir.resolve("jobs").resolve(job.id()))) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".spool"));
            }
        }
    }

    @Test
    void stdoutAndStderrKeepTheOrderTheyArrivedIn() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", "echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three").build());
            assertThat(job.await().state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(JobFixture.readAll(job).stream().filter(e -> e instanceof JobEvent.Output).map(e -> ((JobEvent.Output) e).text()))
                    .containsExactly("one", "two", "three");
        }
    }

    @Test
    void aChildKilledByASignalFails() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", "echo \"$1\" > \"$2\"; kill -KILL $$", "sh", "x", "{out}")
                    .outputs("sorted").build());
            JobStatus end = job.await();
            assertThat(end.state()).isEqualTo(JobState.FAILED);
            assertThat(end.exitCode()).hasValue(128 + 9);
            assertThat(end.signal()).hasValue(9);
            assertThat(catalog.get("sorted").state().diskProduced()).isFalse();
        }
    }

    @Test
    void cancelEndsGrandchildrenEvenOnesThatLeftTheTree() throws Exception {
        assumeTrue(ProcessTree.groups(), "setsid and kill are needed to reach re-parented grandchildren");
        try (Catalog catalog = JobFixture.catalog(dir);
                JobRegistry jobs = JobRegistry.builder().killGrace(Duration.ofSeconds(2)).open(dir.resolve("jobs"))) {
            Path pids = dir.resolve("pids");
            // a grandchild below the shell, and one whose parent exits at once (re-parented: no longer a descendant),
            // one ignoring TERM, then the command sleeps
            String script = "sleep 1000 & echo $! >> \"$1\"; "
                    + "( trap '' TERM; sleep 1000 & echo $! >> \"$1\" ) ; "
                    + "( sh -c 'trap \"\" TERM; while :; do sleep 1; done' & echo $! >> \"$1\" ); "
                    + "echo started; sleep 1000";
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", script, "sh", pids.toString(), "{out}").outputs("sorted").build());
            try (EventCursor c = job.cursor(0, EnumSet.of(JobStream.STDOUT))) {
                assertThat(c.next(Duration.ofSeconds(30))).isPresent();
            }
            List<Long> grandchildren = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
            assertThat(grandchildren).hasSize(3).allSatisfy(pid -> assertThat(JobFixture.running(pid)).isTrue());
            job.cancel();
            JobStatus end = job.await();
            assertThat(end.state()).isEqualTo(JobState.CANCELLED);
            assertThat(grandchildren).allSatisfy(pid -> assertThat(JobFixture.running(pid)).as("grandchild %d", pid).isFalse());
            assertThat(catalog.get("sorted").state().diskProduced()).isFalse();
            assertThat(JobFixture.states(JobFixture.readAll(job))).containsExactly(JobState.PENDING, JobState.RUNNING, JobState.CANCELLED);
        }
    }

    @Test
    void aProcessThatLeftTheSessionAndHoldsThePipesIsGivenUpOnAndTheLogSaysSo() throws Exception {
        assumeTrue(ProcessTree.groups(), "setsid is needed to leave the session");
        Path pid = dir.resolve("escaped.pid");
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            // a daemon in a session of its own, holding stdout and the rows FIFO open after the command exits
            String script = "setsid sh -c 'echo $$ > \"$1\"; exec 3>\"$DATAHANDLE_ROWS\"; sleep 60' sh \"$1\" & "
                    + "while [ ! -s \"$1\" ]; do sleep 0.02; done; echo bye";
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", script, "sh", pid.toString()).timeout(Duration.ofSeconds(60)).build());
            JobStatus end = job.await();
            assertThat(end.state()).as(end.toString()).isEqualTo(JobState.SUCCEEDED);
            assertThat(end.message().orElseThrow()).contains("a process outside its process group still held its output open");
            List<JobEvent> events = JobFixture.readAll(job);
            assertThat(JobFixture.lines(events, JobStream.STDOUT)).containsExactly("bye");
            assertThat(events).filteredOn(e -> e instanceof JobEvent.InvalidRow).singleElement()
                    .satisfies(e -> assertThat(((JobEvent.InvalidRow) e).error()).contains("still held open"));
        } finally {
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(escaped -> {
                    escaped.descendants().forEach(ProcessHandle::destroyForcibly);
                    escaped.destroyForcibly();
                });
            }
        }
    }

    @Test
    void aTimeoutEndsTheTree() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir);
                JobRegistry jobs = JobRegistry.builder().killGrace(Duration.ofSeconds(1)).open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", "sleep 1000 & sleep 1000").timeout(Duration.ofMillis(300)).build());
            JobStatus end = job.await();
            assertThat(end.state()).isEqualTo(JobState.TIMED_OUT);
            assertThat(end.message().orElseThrow()).contains("timeout");
            assertThat(end.pid()).isPresent();
            assertThat(ProcessHandle.of(end.pid().get()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void leftoversOfACommandThatExitedAreEnded() throws Exception {
        assumeTrue(ProcessTree.groups(), "setsid and kill are needed to reach re-parented grandchildren");
        try (Catalog catalog = JobFixture.catalog(dir);
                JobRegistry jobs = JobRegistry.builder().killGrace(Duration.ofSeconds(1)).open(dir.resolve("jobs"))) {
            Path pids = dir.resolve("pids");
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", "sleep 1000 > /dev/null 2>&1 & echo $! > \"$1\"", "sh", pids.toString()).build());
            JobStatus end = job.await();
            assertThat(end.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(end.message().orElseThrow()).contains("processes it left running were ended");
            assertThat(JobFixture.running(Long.parseLong(Files.readString(pids).trim()))).isFalse();
        }
    }

    @Test
    void aCommandThatDoesNotExistFailsWithoutPublishing() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("no-such-command-datahandle", "x").outputs("sorted").build());
            JobStatus end = job.await();
            assertThat(end.state()).isEqualTo(JobState.FAILED);
            assertThat(end.message().orElseThrow()).contains("'no-such-command-datahandle' not found on PATH");
            assertThat(end.exitCode()).isEmpty();
            assertThat(catalog.get("sorted").state().diskProduced()).isFalse();
            assertThat(JobFixture.states(JobFixture.readAll(job))).containsExactly(JobState.PENDING, JobState.FAILED);
            assertThat(jobs.list()).singleElement().satisfies(i -> assertThat(i.status().state()).isEqualTo(JobState.FAILED));

            Job relative = jobs.start(catalog, JobSpec.command("./nope.sh").build());
            assertThat(relative.await().message().orElseThrow()).contains("'./nope.sh' does not exist or is not executable");
        }
    }

    @Test
    void rowsWrittenByOneOpenEachAreAllKept() throws Exception {
        // each echo opens the FIFO, writes one line and closes it: a reader that saw the end of file after
        // each writer and opened the FIFO again lost the lines of writers that came in between
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            String script = "i=0; while [ $i -lt 500 ]; do echo \"{\\\"i\\\": $i}\" > \"$DATAHANDLE_ROWS\"; i=$((i+1)); done";
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", script).build());
            assertThat(job.await().state()).isEqualTo(JobState.SUCCEEDED);
            List<JobEvent> rows = JobFixture.readAll(job).stream().filter(e -> e.belongsTo(EnumSet.of(JobStream.ROWS))).toList();
            assertThat(rows).hasSize(500).allSatisfy(r -> assertThat(r).isInstanceOf(JobEvent.Row.class));
            assertThat(rows.stream().map(r -> ((JobEvent.Row) r).values().get("i")).toList())
                    .isEqualTo(java.util.stream.IntStream.range(0, 500).boxed().toList());
        }
    }

    @Test
    void rowsThatAreNotJsonObjectsAreReportedNotDropped() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.builder().rowLimit(64).open(dir.resolve("jobs"))) {
            String script = "echo '{\"a\": 1}' > \"$DATAHANDLE_ROWS\"; echo 'not json' > \"$DATAHANDLE_ROWS\"; "
                    + "echo '[1,2]' > \"$DATAHANDLE_ROWS\"; printf '{\"b\": \"%0100d\"}\\n{\"c\": 2}\\n' 0 > \"$DATAHANDLE_ROWS\"";
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", script).build());
            assertThat(job.await().state()).isEqualTo(JobState.SUCCEEDED);
            List<JobEvent> rows = JobFixture.readAll(job).stream().filter(e -> e.belongsTo(EnumSet.of(JobStream.ROWS))).toList();
            assertThat(rows).hasSize(5);
            assertThat(rows.get(0)).isInstanceOf(JobEvent.Row.class);
            assertThat(((JobEvent.InvalidRow) rows.get(1)).text()).isEqualTo("not json");
            assertThat(((JobEvent.InvalidRow) rows.get(2)).error()).contains("one JSON object per line");
            assertThat(((JobEvent.InvalidRow) rows.get(3)).error()).contains("longer than 64 bytes");
            assertThat(((JobEvent.Row) rows.get(4)).values()).containsEntry("c", 2);
        }
    }

    @Test
    void aJobWhoseEngineDiedIsClosedAsFailedByTheNextReader() throws Exception {
        // a job folder as an engine that was killed leaves it: status running, no terminal event
        Process engine = new ProcessBuilder("true").start();
        engine.waitFor();
        Path jobs = dir.resolve("jobs");
        String id = "20260101-000000-abcdef";
        Path job = Files.createDirectories(jobs.resolve(id));
        Files.writeString(job.resolve("job.json"), "{\"id\":\"" + id + "\",\"command\":[\"sleep\",\"1000\"],\"inputs\":{},\"outputs\":[],"
                + "\"created\":\"2026-01-01T00:00:00Z\",\"engine\":{\"pid\":" + engine.pid() + "}}");
        Files.writeString(job.resolve("status.json"), "{\"state\":\"running\",\"updated\":\"2026-01-01T00:00:01Z\"}");
        Files.writeString(job.resolve("events-00000000000000000000.jsonl"),
                "{\"seq\":0,\"time\":\"2026-01-01T00:00:00Z\",\"type\":\"status\",\"state\":\"pending\"}\n"
                + "{\"seq\":1,\"time\":\"2026-01-01T00:00:01Z\",\"type\":\"status\",\"state\":\"running\"}\n"
                + "{\"seq\":2,\"time\":\"2026-01-01T00:00:01Z\",\"type\":\"stdout\",\"text\":\"half a li"); // cut mid-line
        Files.writeString(job.resolve("events-00000000000000000002.jsonl"), ""); // a segment begun, nothing written
        JobRegistry registry = JobRegistry.open(jobs);
        JobInfo info = registry.list().get(0);
        assertThat(info.status().state()).isEqualTo(JobState.FAILED);
        assertThat(info.status().message().orElseThrow()).contains("engine that ran this job (pid " + engine.pid() + ") ended");
        List<JobEvent> events = JobFixture.readAll(registry.log(id));
        assertThat(JobFixture.states(events)).containsExactly(JobState.PENDING, JobState.RUNNING, JobState.FAILED);
        assertThat(events.get(2).seq()).isEqualTo(2);
    }
}
