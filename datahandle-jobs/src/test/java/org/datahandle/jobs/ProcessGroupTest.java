package org.datahandle.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.datahandle.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the command runs: a process group of its own (so cancel reaches everything it started), in
 * the engine's session (so Linux schedules it in the engine's group, beside the threads reading its
 * pipes); and the spool's encoder at a lower priority than the pumps.
 */
class ProcessGroupTest {
    @TempDir
    Path dir;

    @Test
    void theCommandLeadsItsOwnGroupInTheEnginesSession() throws Exception {
        assumeTrue(ProcessTree.sameSession(), "perl and kill are needed for a group in the engine's session");
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "/proc is needed to read the group and session");
        // fields 5 and 6 of /proc/PID/stat: the process group and the session of the command itself ($$)
        Ran ran = run("cut -d' ' -f5,6 /proc/$$/stat");
        assertThat(ran.stdout()).containsExactly(ran.pid() + " " + statField(Path.of("/proc/self/stat"), 6));
    }

    @Test
    void theCommandIgnoresTheTerminalsStopSignalsSoItCannotBeStoppedByReadingIt() throws Exception {
        assumeTrue(ProcessTree.sameSession(), "perl and kill are needed for a group in the engine's session");
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "/proc is needed to read the signal mask");
        List<String> out = run("grep SigIgn /proc/$$/status").stdout();
        assertThat(out).hasSize(1);
        long ignored = Long.parseLong(out.get(0).replace("SigIgn:", "").trim(), 16);
        long ttinAndTtou = (1L << (21 - 1)) | (1L << (22 - 1)); // SIGTTIN 21, SIGTTOU 22 on Linux
        assertThat(ignored & ttinAndTtou).as("SigIgn %s", Long.toHexString(ignored)).isEqualTo(ttinAndTtou);
    }

    /** What a job that ran {@code sh -c script} printed, and its pid. */
    private record Ran(long pid, List<String> stdout) {}

    private Ran run(String script) throws Exception {
        try (Catalog catalog = JobFixture.catalog(dir); JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"))) {
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", script).build());
            JobStatus end = job.await();
            assertThat(end.state()).as(end.toString()).isEqualTo(JobState.SUCCEEDED);
            return new Ran(end.pid().orElseThrow(), JobFixture.lines(JobFixture.readAll(job), JobStream.STDOUT));
        }
    }

    @Test
    void aThreadLowersItsOwnPriorityAndNoOtherOne() throws Exception {
        assumeTrue(BackgroundPriority.currentThreadId().isPresent(), "/proc/thread-self is needed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")) || Files.isExecutable(Path.of("/bin/renice")), "renice is needed");
        long caller = BackgroundPriority.currentThreadId().orElseThrow();
        int before = BackgroundPriority.niceOf(caller).orElseThrow();
        long[] tid = new long[1];
        boolean[] lowered = new boolean[1];
        AtomicReference<Optional<Integer>> nice = new AtomicReference<>();
        Thread t = new Thread(() -> {
            tid[0] = BackgroundPriority.currentThreadId().orElseThrow();
            lowered[0] = BackgroundPriority.lowerCurrentThread();
            nice.set(BackgroundPriority.niceOf(tid[0]));
        });
        t.start();
        t.join();
        assertThat(tid[0]).isNotEqualTo(caller);
        assertThat(lowered[0]).isTrue();
        assertThat(nice.get()).hasValue(BackgroundPriority.NICE);
        assertThat(BackgroundPriority.niceOf(caller)).hasValue(before);
    }

    private static String statField(Path stat, int field) throws Exception {
        String s = Files.readString(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return f[field - 3];
    }
}
