package org.datahandle.jobs;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * A job's record as anyone can read it by id: its description, status and event log. Works the
 * same for a job running in this process, one running in another process, and one long finished.
 */
public interface JobLog {

    /** The job id. */
    String id();

    /**
     * What the jobs folder says now. A job whose engine ended before the job did is reported
     * {@link JobState#FAILED} (and its log is closed with that status the first time anyone looks).
     *
     * @throws JobLogException if the job's folder cannot be read
     */
    JobInfo info();

    /**
     * A cursor at sequence number {@code from} (0 = the first event) over the events of
     * {@code streams}. A position beyond the end waits for the job to get there; a position that
     * retention dropped starts with a {@link JobEvent.Gap}.
     *
     * @throws IllegalArgumentException if {@code from} is negative
     */
    EventCursor cursor(long from, Set<JobStream> streams);

    /** A cursor at {@code from} over every stream. */
    default EventCursor cursor(long from) {
        return cursor(from, EnumSet.allOf(JobStream.class));
    }

    /**
     * The events of {@code streams} from {@code from}, as a {@link Flow.Publisher} for engines that
     * want pushes: each subscriber gets its own cursor, read on {@code executor} as it requests
     * events, and {@code onComplete} after the terminal status. A subscriber that requests nothing
     * holds nothing but its cursor: the job never waits for it.
     */
    Flow.Publisher<JobEvent> publisher(long from, Set<JobStream> streams, Executor executor);

    /** {@link #publisher(long, Set, Executor)} with one new daemon thread per subscriber. */
    default Flow.Publisher<JobEvent> publisher(long from, Set<JobStream> streams) {
        return publisher(from, streams, r -> {
            Thread t = new Thread(r, "datahandle-job-" + id() + "-subscriber");
            t.setDaemon(true);
            t.start();
        });
    }
}
