package org.datahandle.docs;

// tag::imports[]
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;
import org.datahandle.Catalog;
import org.datahandle.jobs.EventCursor;
import org.datahandle.jobs.Job;
import org.datahandle.jobs.JobEvent;
import org.datahandle.jobs.JobLog;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.jobs.JobSpec;
import org.datahandle.jobs.JobState;
import org.datahandle.jobs.JobStatus;
import org.datahandle.jobs.JobStream;
// end::imports[]

/** The code of docs/jobs.md; JobsDocsTest runs it against the YAML the page shows. */
public final class JobsExamples {
    private JobsExamples() {}

    // tag::start[]
    /** Runs awk as a job bound to two handles and prints its events as they happen. */
    static JobStatus keepDeepSamples(Path workflow) throws InterruptedException {
        try (Catalog catalog = Catalog.load(workflow);
                JobRegistry jobs = JobRegistry.forWorkflow(workflow)) {   // .datahandle/jobs beside the YAML
            Job job = jobs.start(catalog, JobSpec
                    .command("sh", "-c", "awk -F, 'NR == 1 || $3 > 30' \"$1\" > \"$2\"; echo kept", "sh", "{in}", "{out}")
                    .inputs("samples")                    // must be produced, or start() throws
                    .outputs("deepSamples")               // staged; published only on exit 0
                    .timeout(Duration.ofMinutes(10))
                    .build());
            System.out.println("job " + job.id());
            try (EventCursor events = job.cursor(0)) {    // from the first event, every stream
                while (!events.ended()) {
                    events.next(Duration.ofSeconds(1)).ifPresent(e -> System.out.println(e.toJson()));
                }
            }
            return job.await();                           // SUCCEEDED: deepSamples is produced
        }
    }
    // end::start[]

    // tag::replay[]
    /** Another process (or a restarted engine) reads a job's stdout by id. */
    static List<String> stdoutOf(Path workflow, String jobId) {
        JobRegistry jobs = JobRegistry.forWorkflow(workflow);
        JobLog log = jobs.log(jobId);                     // JobNotFoundException if there is none
        System.out.println(log.info().status());          // e.g. "succeeded (exit code 0): published deepSamples"
        List<String> lines = new java.util.ArrayList<>();
        try (EventCursor stdout = log.cursor(0, EnumSet.of(JobStream.STDOUT))) {
            while (!stdout.ended()) {
                stdout.next(Duration.ofSeconds(5)).ifPresent(e -> {
                    if (e instanceof JobEvent.Output line) {
                        lines.add(line.text());
                    } else if (e instanceof JobEvent.Gap gap) {
                        lines.add("(events " + gap.seq() + ".." + (gap.to() - 1) + " dropped by retention)");
                    }
                });
            }
        }
        return lines;
    }
    // end::replay[]

    // tag::publisher[]
    /** An engine that wants pushes: a Flow.Subscriber gets the status changes of a job. */
    static void watchStatus(JobLog job, Flow.Subscriber<JobEvent> subscriber) {
        Set<JobStream> status = EnumSet.of(JobStream.STATUS);
        job.publisher(0, status).subscribe(subscriber);   // one cursor per subscriber; demand is honoured
    }
    // end::publisher[]

    // tag::prune[]
    /** Removes one ended job, then every job that ended more than {@code age} ago; answers the latter's ids. */
    static List<String> removeOldJobs(Path workflow, String jobId, Duration age) {
        JobRegistry jobs = JobRegistry.forWorkflow(workflow);
        jobs.remove(jobId);                               // JobStillRunningException while it runs
        return jobs.prune(age);                           // running jobs and unreadable folders are left
    }

    /** A registry that removes, when opened, the jobs that ended more than a week ago (default: never). */
    static JobRegistry keepingAWeek(Path workflow) {
        return JobRegistry.builder().keepEndedJobsFor(Duration.ofDays(7)).open(JobRegistry.directoryOf(workflow));
    }
    // end::prune[]

    static boolean succeeded(JobStatus s) {
        return s.state() == JobState.SUCCEEDED;
    }
}
