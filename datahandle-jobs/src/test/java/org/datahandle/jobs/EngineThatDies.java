package org.datahandle.jobs;

import java.nio.file.Path;
import org.datahandle.Catalog;

/** An engine in a JVM of its own, for the tests of engines that die: starts a long job, says so, waits to be killed. */
public final class EngineThatDies {
    private EngineThatDies() {}

    /** Starts the engine on {@code dir}; its first line of standard output is the job's id and pid. */
    static Process start(Path dir) throws java.io.IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", cp, EngineThatDies.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Catalog catalog = JobFixture.catalog(dir);
        JobRegistry jobs = JobRegistry.open(dir.resolve("jobs"));
        Job job = jobs.start(catalog, JobSpec.command("sh", "-c", "echo half > \"$1\"; echo started; sleep 1000", "sh", "{out}")
                .outputs("sorted").build());
        try (EventCursor c = job.cursor(0, java.util.EnumSet.of(JobStream.STDOUT))) {
            c.next(java.time.Duration.ofSeconds(60)).orElseThrow();
        }
        System.out.println(job.id() + " " + job.status().pid().orElseThrow());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
