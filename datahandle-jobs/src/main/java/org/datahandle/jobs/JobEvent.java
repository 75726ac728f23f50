package org.datahandle.jobs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One entry of a job's event log. Every event but {@link Gap} is stored, with a sequence number
 * that starts at 0 and grows by one per event, so {@code seq} is a cursor position: reading from
 * {@code seq + 1} continues after this event, in this process or another one.
 *
 * <p>{@link #toJson()} is the line the log stores (docs/jobs.md, "Event format"), which a server
 * can pass through as NDJSON unchanged.
 */
public sealed interface JobEvent permits JobEvent.Status, JobEvent.Output, JobEvent.Row, JobEvent.InvalidRow, JobEvent.Gap {

    /** The event's sequence number (for a {@link Gap}, the first one missing). */
    long seq();

    /** When the library recorded it (for a {@link Gap}, when the reader noticed it). */
    Instant time();

    /**
     * True if a reader asking for {@code streams} should see this event. A {@link Gap} belongs to
     * every stream: whatever a reader follows, it must learn that events are missing.
     */
    boolean belongsTo(Set<JobStream> streams);

    /** The event as one line of JSON, without the newline. */
    default String toJson() {
        return EventCodec.toJson(this);
    }

    /** A status change. The last event of every finished job is a terminal status. */
    record Status(long seq, Instant time, JobStatus status) implements JobEvent {
        public Status {
            requireNonNull(time, "time is null");
            requireNonNull(status, "status is null");
        }

        @Override
        public boolean belongsTo(Set<JobStream> streams) {
            return streams.contains(JobStream.STATUS);
        }
    }

    /**
     * A line of standard output or error, without its newline, decoded as UTF-8 (bytes that are not
     * UTF-8 become U+FFFD). A line longer than the registry's line limit comes in pieces: every
     * piece but the last has {@code partial} true, meaning "the line goes on in the next event of
     * this stream".
     */
    record Output(long seq, Instant time, JobStream stream, String text, boolean partial) implements JobEvent {
        public Output {
            requireNonNull(time, "time is null");
            requireNonNull(stream, "stream is null");
            requireNonNull(text, "text is null");
            if (stream != JobStream.STDOUT && stream != JobStream.STDERR) {
                throw new IllegalArgumentException("an output event is stdout or stderr, not " + stream.wireName());
            }
        }

        @Override
        public boolean belongsTo(Set<JobStream> streams) {
            return streams.contains(stream);
        }
    }

    /** A row the command wrote to its rows channel: one JSON object, as maps, lists, strings, numbers, booleans and nulls. */
    record Row(long seq, Instant time, Map<String, Object> values) implements JobEvent {
        public Row {
            requireNonNull(time, "time is null");
            requireNonNull(values, "values is null");
        }

        @Override
        public boolean belongsTo(Set<JobStream> streams) {
            return streams.contains(JobStream.ROWS);
        }
    }

    /** A line of the rows channel that is not a JSON object (cut to the line limit), and why. */
    record InvalidRow(long seq, Instant time, String text, String error) implements JobEvent {
        public InvalidRow {
            requireNonNull(time, "time is null");
            requireNonNull(text, "text is null");
            requireNonNull(error, "error is null");
        }

        @Override
        public boolean belongsTo(Set<JobStream> streams) {
            return streams.contains(JobStream.ROWS);
        }
    }

    /**
     * Events {@code seq} (inclusive) to {@code to} (exclusive) are no longer in the log: retention
     * dropped them before this reader got to them. Never stored; a reader gets it instead of the
     * missing events and then continues at {@code to}.
     */
    record Gap(long seq, Instant time, long to) implements JobEvent {
        public Gap {
            requireNonNull(time, "time is null");
            if (to <= seq) {
                throw new IllegalArgumentException("a gap must end after it starts: " + seq + ".." + to);
            }
        }

        @Override
        public boolean belongsTo(Set<JobStream> streams) {
            return true;
        }
    }
}
