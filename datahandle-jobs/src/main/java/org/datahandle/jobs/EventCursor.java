package org.datahandle.jobs;

import java.time.Duration;
import java.util.Optional;

/**
 * A reader's position in one job's event log. It returns the events of the streams it was opened
 * for, in sequence order, from the position it was opened at; it never blocks the job, and several
 * cursors (in this process or others) read one log independently. When retention has dropped
 * events the cursor had not read yet, it returns a {@link JobEvent.Gap} in their place.
 *
 * <p>Not thread-safe: one cursor per reading thread. Close it to release its open file.
 */
public interface EventCursor extends AutoCloseable {

    /** The sequence number of the next event this cursor will look at. */
    long position();

    /** The next event that is already in the log, without waiting; empty if there is none yet. */
    Optional<JobEvent> poll();

    /**
     * The next event, waiting up to {@code timeout} for the job to write one. Empty when the timeout
     * passed first, or when the log has {@link #ended()}.
     *
     * @throws JobLogException if the log is corrupt or cannot be read
     */
    Optional<JobEvent> next(Duration timeout);

    /**
     * True once the job's terminal status has been read (whatever the streams asked for): no event
     * will follow.
     */
    boolean ended();

    @Override
    void close();
}
