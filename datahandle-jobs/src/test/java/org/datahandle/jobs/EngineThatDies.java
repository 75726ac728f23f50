package org.datahandle.jobs;

import java.nio.file.Path;
import org.datahandle.Catalog;

/** An engine for {@link EngineDeathTest}: starts a long job, says so, then waits to be killed. */
public final class EngineThatDies {
    private EngineThatDies() {}

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
