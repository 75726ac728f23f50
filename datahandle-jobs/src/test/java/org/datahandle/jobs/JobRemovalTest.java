package org.datahandle.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.datahandle.Catalog;
import org.datahandle.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JobRegistry#remove(String)} and {@link JobRegistry#prune(Duration)}: only ended jobs go, nothing outside the folder. */
class JobRemovalTest {
    @TempDir
    Path dir;

    @Test
    void removingAnEndedJobDeletesItsFolderAndItLeavesTheList() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job kept = ended(jobs, catalog, "echo kept");
            Job gone = ended(jobs, catalog, "echo gone; echo oops >&2; exit 3");
            assertThat(gone.status().state()).isEqualTo(JobState.FAILED);

            jobs.remove(gone.id());

            assertThat(dir.resolve("jobs").resolve(gone.id())).doesNotExist();
            assertThat(jobs.list()).extracting(JobInfo::id).containsExactly(kept.id());
            assertThatThrownBy(() -> jobs.log(gone.id())).isInstanceOf(JobNotFoundException.class);
            assertThatThrownBy(() -> jobs.remove(gone.id())).isInstanceOf(JobNotFoundException.class)
                    .hasMessageContaining(gone.id());
            // nothing but the kept job is left in the folder: no hidden leftovers
            try (var files = Files.list(dir.resolve("jobs"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly(kept.id());
            }
            assertThat(JobFixture.lines(JobFixture.readAll(jobs.log(kept.id())), JobStream.STDOUT)).containsExactly("kept");
        }
    }

    @Test
    void aRunningJobIsNotRemovedAndKeepsRunningWithItsLog() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", "echo started; exec sleep 1000").build());
            try (EventCursor c = job.cursor(0, EnumSet.of(JobStream.STDOUT))) {
                assertThat(c.next(Duration.ofSeconds(30))).as("the command printed its first line").isPresent();
            }

            assertThatThrownBy(() -> jobs.remove(job.id()))
                    .isInstanceOf(JobStillRunningException.class)
                    .hasMessageContaining(job.id()).hasMessageContaining("running").hasMessageContaining("has not ended")
                    .satisfies(e -> assertThat(((JobStillRunningException) e).code()).isEqualTo(ErrorCode.INVALID_OPERATION));
            assertThat(jobs.prune(Duration.ZERO)).isEmpty();
            // a second registry on the folder (as another process would) refuses too
            try (JobRegistry other = JobRegistry.open(dir.resolve("jobs"))) {
                assertThatThrownBy(() -> other.remove(job.id())).isInstanceOf(JobStillRunningException.class);
                assertThat(other.prune(Duration.ZERO)).isEmpty();
            }

            assertThat(job.status().state()).isEqualTo(JobState.RUNNING);
            assertThat(JobFixture.running(job.status().pid().orElseThrow())).isTrue();
            assertThat(jobs.list()).extracting(JobInfo::id).containsExactly(job.id());
            assertThat(Files.exists(dir.resolve("jobs").resolve(job.id()).resolve("job.json"))).isTrue();

            job.cancel();
            assertThat(job.await().state()).isEqualTo(JobState.CANCELLED);
            assertThat(JobFixture.lines(JobFixture.readAll(jobs.log(job.id())), JobStream.STDOUT)).containsExactly("started");
            jobs.remove(job.id());
            assertThat(jobs.list()).isEmpty();
        }
    }

    @Test
    void aJobWhoseLiveEngineHasNotWrittenTheLogsLastLineIsStillFinishing() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = ended(jobs, catalog, "echo done");
            // as an engine sees it between writing status.json and the log's terminal line: its engine (this
            // process) lives and the log does not end with the terminal status yet
            Path folder = jobs.directory().resolve(job.id());
            Path last = Segments.list(folder).lastEntry().getValue();
            List<String> lines = Files.readAllLines(last);
            assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"status\"", "\"state\":\"succeeded\"");
            Files.write(last, lines.subList(0, lines.size() - 1));

            assertThatThrownBy(() -> jobs.remove(job.id())).isInstanceOf(JobStillRunningException.class)
                    .hasMessageContaining("has succeeded but its engine is still closing its log");
            assertThat(jobs.prune(Duration.ZERO)).isEmpty();
            assertThat(folder.resolve("job.json")).exists();

            Files.write(last, lines); // the engine wrote it
            assertThat(jobs.prune(Duration.ZERO)).containsExactly(job.id());
        }
    }

    @Test
    void aJobRunByAnotherLiveProcessIsRefusedUntilThatEngineDies() throws Exception {
        Process engine = EngineThatDies.start(dir);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            assertThat(line).as("the engine's job started").isNotNull();
            String id = line.split(" ")[0];
            long child = Long.parseLong(line.split(" ")[1]);
            JobRegistry jobs = JobRegistry.builder().killGrace(Duration.ofSeconds(1)).open(dir.resolve("jobs"));

            assertThatThrownBy(() -> jobs.remove(id)).isInstanceOf(JobStillRunningException.class).hasMessageContaining("running");
            assertThat(jobs.prune(Duration.ZERO)).isEmpty();
            assertThat(JobFixture.running(child)).isTrue();

            engine.destroyForcibly();
            assertThat(engine.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // the job now reads as failed (its orphaned command is ended), so it can go
            jobs.remove(id);
            assertThat(JobFixture.running(child)).isFalse();
            assertThat(jobs.list()).isEmpty();
            assertThat(dir.resolve("jobs").resolve(id)).doesNotExist();
        } finally {
            engine.destroyForcibly();
        }
    }

    @Test
    void idsThatAreNotJobIdsAreRefusedAndNothingOutsideIsTouched() throws Exception {
        Path jobsDir = dir.resolve("jobs");
        Files.createDirectories(jobsDir);
        Path outside = Files.createDirectories(dir.resolve("x"));
        Files.writeString(outside.resolve("job.json"), "{}");
        Files.writeString(jobsDir.resolve("job.json"), "{}");
        try (JobRegistry jobs = JobRegistry.open(jobsDir)) {
            for (String bad : List.of("../x", "", "a/b", "..", ".", "/tmp", "20261130-091812-3fa9c2/..", "x", "20261130-091812-3fa9c2")) {
                assertThatThrownBy(() -> jobs.remove(bad)).as(bad)
                        .isInstanceOf(JobNotFoundException.class)
                        .hasMessageContaining("no job '" + bad + "' in " + jobsDir);
            }
            assertThatThrownBy(() -> jobs.remove("../x")).hasMessageContaining("a job id looks like");
            assertThatThrownBy(() -> jobs.remove(null)).isInstanceOf(NullPointerException.class);
        }
        assertThat(outside.resolve("job.json")).exists();
        assertThat(jobsDir.resolve("job.json")).exists();
    }

    @Test
    void pruneRemovesOnlyEndedJobsThatEndedBeforeTheThreshold() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job old1 = ended(jobs, catalog, "echo old");
            Job old2 = ended(jobs, catalog, "exit 2");
            Job recent = ended(jobs, catalog, "echo recent");
            Job live = jobs.start(catalog, JobSpec.command("sh", "-c", "echo started; exec sleep 1000").build());
            try (EventCursor c = live.cursor(0, EnumSet.of(JobStream.STDOUT))) {
                assertThat(c.next(Duration.ofSeconds(30))).isPresent();
            }
            Instant now = Instant.now();
            endedAt(jobs, old1, now.minus(Duration.ofDays(10)));
            endedAt(jobs, old2, now.minus(Duration.ofDays(8)));
            endedAt(jobs, recent, now.minus(Duration.ofDays(6)));
            // a running job whose status.json claims an old time is still running: kept
            setUpdated(jobs.directory().resolve(live.id()), now.minus(Duration.ofDays(30)));

            assertThat(jobs.prune(Duration.ofDays(7))).containsExactly(old1.id(), old2.id());

            assertThat(jobs.list()).extracting(JobInfo::id).containsExactly(recent.id(), live.id());
            assertThat(jobs.prune(Duration.ofDays(7))).isEmpty();
            assertThat(live.status().state()).isEqualTo(JobState.RUNNING);
            assertThatThrownBy(() -> jobs.prune(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
            live.cancel();
            live.await();
            assertThat(jobs.prune(Duration.ZERO)).containsExactly(recent.id(), live.id());
            assertThat(jobs.list()).isEmpty();
        }
    }

    @Test
    void pruneSkipsFoldersItCannotReadAndFinishesInterruptedRemovals() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job good = ended(jobs, catalog, "echo good");
            Path jobsDir = jobs.directory();
            // a folder whose job.json is cut short, one being created (no job.json yet), and a removal a crash interrupted
            Path corrupt = Files.createDirectories(jobsDir.resolve("20200101-000000-aaaaaa"));
            Files.writeString(corrupt.resolve("job.json"), "{\"id\": \"20200101-0");
            Path creating = Files.createDirectories(jobsDir.resolve("20200101-000000-bbbbbb"));
            Path interrupted = Files.createDirectories(jobsDir.resolve(".removing-20200101-000000-cccccc-0badf00d/sub"));
            Files.writeString(interrupted.resolve("events-00000000000000000000.jsonl"), "{\"seq\":0}\n");

            assertThat(jobs.prune(Duration.ZERO)).containsExactly(good.id());

            assertThat(corrupt.resolve("job.json")).exists();
            assertThat(creating).exists();
            assertThat(jobsDir.resolve(".removing-20200101-000000-cccccc-0badf00d")).doesNotExist();
            assertThatThrownBy(() -> jobs.remove(corrupt.getFileName().toString())).isInstanceOf(JobLogException.class)
                    .hasMessageContaining(corrupt.toString());
        }
    }

    @Test
    void aJobWithoutStatusWhoseEngineIsGoneCanBeRemoved() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = ended(jobs, catalog, "echo done");
            Path folder = jobs.directory().resolve(job.id());
            Files.delete(folder.resolve("status.json")); // as a partial rm -r, or an engine that died before writing it
            assertThat(jobs.list()).singleElement().satisfies(i -> assertThat(i.status().state()).isEqualTo(JobState.PENDING));
            // its engine (this process) lives: it may still be starting it
            assertThatThrownBy(() -> jobs.remove(job.id())).isInstanceOf(JobStillRunningException.class)
                    .hasMessageContaining("it is pending");

            ObjectNode description = (ObjectNode) EventCodec.MAPPER.readTree(folder.resolve("job.json").toFile());
            ((ObjectNode) description.get("engine")).put("pid", deadPid());
            Files.write(folder.resolve("job.json"), EventCodec.MAPPER.writeValueAsBytes(description));

            assertThat(jobs.prune(Duration.ofDays(1))).as("it counts as ended when it was created").isEmpty();
            jobs.remove(job.id());
            assertThat(jobs.list()).isEmpty();
        }
    }

    /** The pid of a process that has ended (and was reaped). */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.pid();
    }

    @Test
    void symbolicLinksInAJobFolderAreDeletedNotFollowed() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(outside.resolve("data.csv"), "a,b\n1,2\n");
        Path outsideFile = Files.writeString(dir.resolve("precious.txt"), "keep me");
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = ended(jobs, catalog, "mkdir -p \"$DATAHANDLE_JOB_DIR/nested\"; "
                    + "ln -s " + outside + " \"$DATAHANDLE_JOB_DIR/link-to-dir\"; "
                    + "ln -s " + outsideFile + " \"$DATAHANDLE_JOB_DIR/nested/link-to-file\"");
            assertThat(job.status().state()).isEqualTo(JobState.SUCCEEDED);
            Path folder = jobs.directory().resolve(job.id());
            assertThat(Files.isSymbolicLink(folder.resolve("link-to-dir"))).isTrue();

            jobs.remove(job.id());

            assertThat(folder).doesNotExist();
            assertThat(outside.resolve("data.csv")).hasContent("a,b\n1,2\n");
            assertThat(outsideFile).hasContent("keep me");
        }
    }

    @Test
    void aJobFolderThatIsItselfALinkLosesTheLinkNotItsTarget() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = ended(jobs, catalog, "echo moved");
            Path folder = jobs.directory().resolve(job.id());
            Path elsewhere = dir.resolve("elsewhere");
            Files.move(folder, elsewhere);
            Files.createSymbolicLink(folder, elsewhere);
            assertThat(jobs.list()).extracting(JobInfo::id).containsExactly(job.id());

            jobs.remove(job.id());

            assertThat(Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThat(elsewhere.resolve("job.json")).exists();
        }
    }

    @Test
    void aRegistryBuiltToKeepEndedJobsForAWhilePrunesOnOpen() throws Exception {
        Job old;
        Job recent;
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            old = ended(jobs, catalog, "echo old");
            recent = ended(jobs, catalog, "echo recent");
            endedAt(jobs, old, Instant.now().minus(Duration.ofHours(3)));
        }
        try (JobRegistry plain = JobRegistry.open(dir.resolve("jobs"))) {
            assertThat(plain.list()).hasSize(2); // the default removes nothing
        }
        try (JobRegistry jobs = JobRegistry.builder().keepEndedJobsFor(Duration.ofHours(1)).open(dir.resolve("jobs"))) {
            assertThat(jobs.list()).extracting(JobInfo::id).containsExactly(recent.id());
        }
        assertThatThrownBy(() -> JobRegistry.builder().keepEndedJobsFor(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listingWhileJobsAreRemovedSkipsTheRemovedOnes() throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job kept = ended(jobs, catalog, "echo kept");
            Path original = jobs.directory().resolve(kept.id());
            java.util.concurrent.atomic.AtomicReference<Throwable> listingFailed = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread lister = new Thread(() -> {
                try {
                    while (!done.get()) {
                        assertThat(jobs.list()).extracting(JobInfo::id).contains(kept.id());
                    }
                } catch (Throwable t) {
                    listingFailed.set(t);
                }
            });
            lister.start();
            try {
                for (int i = 0; i < 300 && listingFailed.get() == null; i++) {
                    // copies of the ended job under new ids, removed while the other thread lists the folder
                    // (made whole under a name that is not an id, then renamed: the lister sees only whole jobs)
                    String id = String.format("20200101-000000-%06x", i);
                    Path copy = Files.createDirectory(jobs.directory().resolve(".copy-" + id));
                    try (var files = Files.list(original)) {
                        for (Path f : files.toList()) {
                            if (Files.isRegularFile(f)) {
                                Files.copy(f, copy.resolve(f.getFileName()));
                            }
                        }
                    }
                    Files.move(copy, jobs.directory().resolve(id), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    jobs.remove(id);
                }
            } finally {
                done.set(true);
                lister.join();
            }
            assertThat(listingFailed.get()).as("a listing that met a job being removed").isNull();
        }
    }

    private static Job ended(JobRegistry jobs, Catalog catalog, String script) throws InterruptedException {
        Job job = jobs.start(catalog, JobSpec.command("sh", "-c", script).build());
        assertThat(job.await().state().isTerminal()).isTrue();
        return job;
    }

    /** Sets the end time recorded in the job's status.json, as if it had ended at {@code when}. */
    private static void endedAt(JobRegistry jobs, Job job, Instant when) throws Exception {
        assertThat(job.status().state().isTerminal()).isTrue();
        setUpdated(jobs.directory().resolve(job.id()), when);
    }

    private static void setUpdated(Path folder, Instant when) throws Exception {
        Path status = folder.resolve("status.json");
        ObjectNode n = (ObjectNode) EventCodec.MAPPER.readTree(status.toFile());
        n.put("updated", when.toString());
        Files.write(status, EventCodec.MAPPER.writeValueAsBytes(n));
    }
}
