package org.datahandle.jobs;

import java.time.Duration;
import java.util.Optional;

/**
 * A job started by this process's {@link JobRegistry}: its log, plus control. The command runs on
 * threads of its own; {@link #await()} waits for its end.
 */
public interface Job extends JobLog {

    /** The status now. */
    JobStatus status();

    /**
     * Asks the job to end: its whole process tree gets TERM, then KILL after the registry's grace
     * period; the state becomes {@link JobState#CANCELLED} and nothing is published. No effect on a
     * job that has ended. Does not wait; {@link #await()} does.
     */
    void cancel();

    /**
     * Waits for the end and answers the terminal status. When it returns, the outputs are published
     * (succeeded) or their staged files removed (any other end), and the log holds the terminal
     * status as its last event.
     *
     * @throws InterruptedException if this thread is interrupted while waiting
     */
    JobStatus await() throws InterruptedException;

    /** Like {@link #await()}, but gives up after {@code timeout}: empty if the job is still running. */
    Optional<JobStatus> await(Duration timeout) throws InterruptedException;
}
