package org.datahandle.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.NotProducedException;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRegistryTest {
    @TempDir
    Path dir;

    @Test
    void aSucceedingJobPublishesItsOutputAndLogsEveryStream() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            String script = "head -n1 \"$1\" > \"$2\"; tail -n +2 \"$1\" | sort -t, -k2,2n >> \"$2\"; "
                    + "echo sorted; echo 'a warning' >&2; echo '{\"rows\": 3, \"ok\": true}' > \"$DATAHANDLE_ROWS\"";
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", script, "sh", "{in}", "{out}")
                    .inputs("samples").outputs("sorted").name("sort samples").build());
            JobStatus end = job.await();

            assertThat(end.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(end.exitCode()).hasValue(0);
            assertThat(end.message()).hasValue("published sorted");
            Table sorted = catalog.get("sorted").read();
            assertThat(sorted.get(0, "id")).isEqualTo("a");
            assertThat(sorted.get(2, "id")).isEqualTo("c");

            List<JobEvent> events = JobFixture.readAll(job);
            assertThat(JobFixture.states(events)).containsExactly(JobState.PENDING, JobState.RUNNING, JobState.SUCCEEDED);
            assertThat(JobFixture.lines(events, JobStream.STDOUT)).containsExactly("sorted");
            assertThat(JobFixture.lines(events, JobStream.STDERR)).containsExactly("a warning");
            assertThat(events).filteredOn(e -> e instanceof JobEvent.Row).singleElement()
                    .satisfies(e -> assertThat(((JobEvent.Row) e).values()).isEqualTo(Map.of("rows", 3, "ok", true)));
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).seq()).isEqualTo(i);
            }
            assertThat(events.get(events.size() - 1)).isInstanceOf(JobEvent.Status.class);

            JobInfo info = jobs.log(job.id()).info();
            assertThat(info.status().state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(info.name()).hasValue("sort samples");
            assertThat(info.outputs()).containsExactly("sorted");
            assertThat(info.command().get(4)).isEqualTo(dir.resolve("in/samples.csv").toString());
            assertThat(jobs.list()).extracting(JobInfo::id).containsExactly(job.id());
        }
    }

    @Test
    void theCommandGetsItsPathsAndIdInTheEnvironment() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c",
                    "echo \"in=$DATAHANDLE_IN_SAMPLES\"; echo \"id=$DATAHANDLE_JOB_ID\"; echo \"x=$X\"; cp \"$DATAHANDLE_IN_SAMPLES\" \"$DATAHANDLE_OUT_SORTED\"")
                    .inputs("samples").outputs("sorted").environment("X", "42").build());
            assertThat(job.await().state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(JobFixture.lines(JobFixture.readAll(job), JobStream.STDOUT)).containsExactly(
                    "in=" + dir.resolve("in/samples.csv"), "id=" + job.id(), "x=42");
            assertThat(catalog.get("sorted").state().diskProduced()).isTrue();
        }
    }

    @Test
    void anInputThatIsNotProducedStopsTheJobBeforeItExists() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            assertThatThrownBy(() -> jobs.start(catalog, JobSpec.command("true").inputs("missing").outputs("sorted").build()))
                    .isInstanceOf(NotProducedException.class)
                    .hasMessageContaining("missing");
            assertThat(jobs.list()).isEmpty();
            // the output's write was never begun, so another writer can have it
            assertThat(catalog.get("sorted").state().diskProduced()).isFalse();
            catalog.get("sorted").disk().beginExternalWrite().close();
        }
    }

    @Test
    void aFailingCommandPublishesNothing() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", "echo half > \"$1\"; exit 3", "sh", "{out}")
                    .outputs("sorted").build());
            JobStatus end = job.await();
            assertThat(end.state()).isEqualTo(JobState.FAILED);
            assertThat(end.exitCode()).hasValue(3);
            assertThat(end.signal()).isEmpty();
            assertThat(end.message().orElseThrow()).contains("exited with code 3", "nothing published");
            assertThat(catalog.get("sorted").state().diskProduced()).isFalse();
            assertThat(dir.resolve("out")).satisfiesAnyOf(
                    d -> assertThat(Files.exists(d)).isFalse(),
                    d -> assertThat(Files.list(d).filter(p -> p.getFileName().toString().contains("sorted")
                            && !p.getFileName().toString().endsWith(".datahandle.lock"))).isEmpty());
        }
    }

    @Test
    void exitingZeroWithoutWritingEveryOutputPublishesNothing() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", "echo id > \"$1\"", "sh", "{out:sorted}")
                    .outputs("sorted", "counts").build());
            JobStatus end = job.await();
            assertThat(end.state()).isEqualTo(JobState.FAILED);
            assertThat(end.message().orElseThrow()).contains("did not write output 'counts'");
            assertThat(catalog.get("sorted").state().diskProduced()).isFalse();
            assertThat(catalog.get("counts").state().diskProduced()).isFalse();
        }
    }

    @Test
    void placeholdersMustNameDeclaredHandles() {
        assertThatThrownBy(() -> JobSpec.command("cat", "{in:other}").inputs("samples").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'other'");
        assertThatThrownBy(() -> JobSpec.command("cat", "{out}").outputs("a", "b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one output");
        assertThatThrownBy(() -> JobSpec.command("cat").inputs("a").outputs("a").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both an input and an output");
    }

    @Test
    void temporaryHandlesCannotBeBoundToACommand() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            assertThatThrownBy(() -> jobs.start(catalog, JobSpec.command("true").outputs("scratch").build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'scratch' is a temporary handle");
        }
    }

    @Test
    void aReaderInAnotherRegistryFollowsTheJobWhileItRuns() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Path go = dir.resolve("go");
            // the job prints a line, then waits until the test has seen that line
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c",
                    "echo first; while [ ! -e \"$1\" ]; do sleep 0.02; done; echo second", "sh", go.toString()).build());
            JobRegistry other = JobRegistry.open(dir.resolve("jobs")); // as another process would: no in-process signal
            JobLog log = other.log(job.id());
            assertThat(log).isNotInstanceOf(Job.class);
            List<String> seen = new ArrayList<>();
            try (EventCursor c = log.cursor(0, EnumSet.of(JobStream.STDOUT))) {
                seen.add(((JobEvent.Output) c.next(Duration.ofSeconds(30)).orElseThrow()).text());
                assertThat(job.status().state()).isEqualTo(JobState.RUNNING);
                Files.createFile(go);
                seen.add(((JobEvent.Output) c.next(Duration.ofSeconds(30)).orElseThrow()).text());
                assertThat(c.next(Duration.ofSeconds(30))).isEmpty();
                assertThat(c.ended()).isTrue();
            }
            assertThat(seen).containsExactly("first", "second");
            assertThat(job.await().state()).isEqualTo(JobState.SUCCEEDED);
        }
    }

    @Test
    void aCursorStartsAtAnySequenceNumberAndManyReadIndependently() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("seq", "1", "100").build());
            job.await();
            List<JobEvent> all = JobFixture.readAll(job);
            try (EventCursor a = job.cursor(50); EventCursor b = job.cursor(3, EnumSet.of(JobStream.STATUS))) {
                JobEvent first = a.poll().orElseThrow();
                assertThat(first.seq()).isEqualTo(50);
                assertThat(first).isEqualTo(all.get(50));
                assertThat(b.poll().orElseThrow()).isInstanceOf(JobEvent.Status.class)
                        .satisfies(e -> assertThat(((JobEvent.Status) e).status().state()).isEqualTo(JobState.SUCCEEDED));
                assertThat(b.ended()).isTrue();
            }
            try (EventCursor beyond = job.cursor(10_000)) {
                assertThat(beyond.next(Duration.ofMillis(50))).isEmpty();
                assertThat(beyond.ended()).isFalse();
            }
            assertThatThrownBy(() -> job.cursor(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> jobs.log("20260101-000000-abcdef")).isInstanceOf(JobNotFoundException.class)
                    .hasMessageContaining(dir.resolve("jobs").toString());
            assertThatThrownBy(() -> jobs.log("../etc")).isInstanceOf(JobNotFoundException.class);
        }
    }

    @Test
    void retentionDropsOldEventsAndReadersAreToldByAGap() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir);
                JobRegistry jobs = JobRegistry.builder().retentionBytes(16 << 10).segmentBytes(4 << 10).open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("seq", "1", "5000").build());
            assertThat(job.await().state()).isEqualTo(JobState.SUCCEEDED);
            List<JobEvent> events = JobFixture.readAll(job);
            assertThat(events.get(0)).isInstanceOf(JobEvent.Gap.class);
            JobEvent.Gap gap = (JobEvent.Gap) events.get(0);
            assertThat(gap.seq()).isZero();
            assertThat(events.get(1).seq()).isEqualTo(gap.to());
            List<String> lines = JobFixture.lines(events, JobStream.STDOUT);
            assertThat(lines.get(lines.size() - 1)).isEqualTo("5000");
            // consecutive after the gap
            for (int i = 2; i < events.size(); i++) {
                assertThat(events.get(i).seq()).isEqualTo(events.get(i - 1).seq() + 1);
            }
            long onDisk = 0;
            try (var files = Files.list(dir.resolve("jobs").resolve(job.id()))) {
                for (Path p : files.filter(p -> p.getFileName().toString().startsWith("events-")).toList()) {
                    onDisk += Files.size(p);
                }
            }
            assertThat(onDisk).isLessThanOrEqualTo((16 << 10) + 4096);
        }
    }

    @Test
    void aPublisherDeliversOnDemandAndCompletes() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("seq", "1", "10").build());
            List<JobEvent> got = new ArrayList<>();
            CountDownLatch complete = new CountDownLatch(1);
            job.publisher(0, EnumSet.of(JobStream.STDOUT)).subscribe(new Flow.Subscriber<JobEvent>() {
                private Flow.Subscription s;

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    s = subscription;
                    s.request(1);
                }

                @Override
                public void onNext(JobEvent item) {
                    got.add(item);
                    s.request(1);
                }

                @Override
                public void onError(Throwable throwable) {
                    got.clear();
                    complete.countDown();
                }

                @Override
                public void onComplete() {
                    complete.countDown();
                }
            });
            assertThat(complete.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(JobFixture.lines(got, JobStream.STDOUT)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        }
    }

    @Test
    void twoJobsWritingOneOutputOneWins() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Path go = dir.resolve("go");
            Job first = jobs.start(catalog, JobSpec.command("sh", "-c",
                    "while [ ! -e \"$2\" ]; do sleep 0.02; done; echo first > \"$1\"", "sh", "{out}", go.toString())
                    .outputs("sorted").build());
            assertThatThrownBy(() -> jobs.start(catalog, JobSpec.command("sh", "-c", "echo second > \"$1\"", "sh", "{out}")
                    .outputs("sorted").build()))
                    .isInstanceOf(AlreadyProducedException.class)
                    .hasMessageContaining("sorted");
            Files.createFile(go);
            assertThat(first.await().state()).isEqualTo(JobState.SUCCEEDED);
            assertThatThrownBy(() -> jobs.start(catalog, JobSpec.command("true").outputs("sorted").build()))
                    .isInstanceOf(AlreadyProducedException.class);
            assertThat(Files.readString(dir.resolve("out/sorted.csv"))).isEqualTo("first\n");
            assertThat(jobs.list()).hasSize(1);
        }
    }

    /** docs/jobs.md's Python: a script writes rows to DATAHANDLE_ROWS, and reads a job's log files directly. */
    @Test
    void pythonWritesRowsAndReadsTheLogFiles() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("python3") || "true".equals(System.getenv("CI")), "python3 is not on PATH");
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            String write = "import json, os\n"
                    + "with open(os.environ['DATAHANDLE_ROWS'], 'w') as rows:\n"
                    + "    rows.write(json.dumps({'sample': 'S1', 'depth': 31.5}) + '\\n')\n"
                    + "print('caf\\u00e9')\n";
            Job job = jobs.start(catalog, JobSpec.command("python3", "-c", write).environment("PYTHONIOENCODING", "utf-8").build());
            assertThat(job.await().state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(JobFixture.readAll(job)).filteredOn(e -> e instanceof JobEvent.Row).singleElement()
                    .satisfies(e -> assertThat(((JobEvent.Row) e).values()).isEqualTo(Map.of("sample", "S1", "depth", 31.5)));

            String read = "import json, pathlib, sys\n"
                    + "job = pathlib.Path(sys.argv[1])\n"
                    + "for segment in sorted(job.glob('events-*.jsonl')):\n"
                    + "    for line in segment.read_text(encoding='utf-8').splitlines():\n"
                    + "        e = json.loads(line)\n"
                    + "        print(e['seq'], e['type'], e.get('text', e.get('state', e.get('row'))))\n";
            Process p = new ProcessBuilder("python3", "-c", read, dir.resolve("jobs").resolve(job.id()).toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(out).contains("0 status pending", "stdout caf\u00e9", "row {'sample': 'S1', 'depth': 31.5}", "status succeeded");
        }
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d.isEmpty() ? "." : d, program))) {
                return true;
            }
        }
        return false;
    }
}
