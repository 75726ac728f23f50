package org.datahandle.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.datahandle.jobs.EventCursor;
import org.datahandle.jobs.JobEvent;
import org.datahandle.jobs.JobState;
import org.datahandle.jobs.JobStream;

/**
 * Prints a job's events as {@code run} and {@code jobs ID} show them: the command's stdout on
 * standard output and its stderr on standard error as they were written, status changes, rows and
 * gaps on standard error with a {@code datahandle: job ID} prefix; with one stream asked for, that
 * stream on standard output (lines bare, statuses as sentences, rows as JSON); or, with
 * {@code --json}, every event as one JSON line on standard output (the log's own format).
 */
final class JobPrinter {
    private final Output output;
    private final String jobId;
    private final boolean json;
    /** One stream asked for: print it all on standard output, bare, so it can be redirected to a file. */
    private final boolean single;

    JobPrinter(Output output, String jobId, boolean json) {
        this(output, jobId, json, false);
    }

    JobPrinter(Output output, String jobId, boolean json, boolean single) {
        this.output = output;
        this.jobId = jobId;
        this.json = json;
        this.single = single;
    }

    /**
     * Prints events until the log ends, or (when not following) until no event is there now.
     * Answers the cursor's position afterwards.
     */
    long print(EventCursor cursor, boolean follow) {
        while (!cursor.ended()) {
            Optional<JobEvent> e = follow ? cursor.next(Duration.ofMillis(500)) : cursor.poll();
            if (e.isEmpty()) {
                if (!follow) {
                    break;
                }
                continue;
            }
            print(e.get());
        }
        output.out.flush();
        output.err.flush();
        return cursor.position();
    }

    void print(JobEvent e) {
        if (json) {
            output.out.println(e.toJson());
            output.out.flush();
            return;
        }
        if (e instanceof JobEvent.Output o) {
            java.io.PrintWriter w = o.stream() == JobStream.STDOUT || single ? output.out : output.err;
            if (o.partial()) {
                w.print(o.text());
            } else {
                w.println(o.text());
            }
            w.flush();
        } else if (single && e instanceof JobEvent.Row r) {
            output.out.println(JobEventsJson.row(r));
            output.out.flush();
        } else if (single && e instanceof JobEvent.Status s) {
            output.out.println(s.status());
            output.out.flush();
        } else if (e instanceof JobEvent.Status s) {
            boolean failed = s.status().state().isTerminal() && s.status().state() != JobState.SUCCEEDED;
            if (output.quiet && !failed) {
                return; // --quiet: the end of a job that did not succeed is an error, the rest is progress
            }
            note(s.status().toString() + (s.status().pid().isPresent() && !s.status().state().isTerminal()
                    ? " (pid " + s.status().pid().get() + ")" : ""));
        } else if (output.quiet) {
            return;
        } else if (e instanceof JobEvent.Row r) {
            note("row " + JobEventsJson.row(r));
        } else if (e instanceof JobEvent.InvalidRow r) {
            note("invalid row: " + r.error() + (r.text().isEmpty() ? "" : ": " + r.text()));
        } else if (e instanceof JobEvent.Gap g) {
            note("events " + g.seq() + " to " + (g.to() - 1) + " are no longer in the log (retention)");
        }
    }

    private void note(String text) {
        output.out.flush();
        output.err.println("datahandle: job " + jobId + " " + text);
        output.err.flush();
    }

    /** The streams a {@code --stream} list names; all four when none. */
    static Set<JobStream> streams(java.util.List<String> names) {
        if (names == null || names.isEmpty()) {
            return java.util.EnumSet.allOf(JobStream.class);
        }
        Set<JobStream> s = java.util.EnumSet.noneOf(JobStream.class);
        for (String n : names) {
            for (String part : n.split(",")) {
                try {
                    s.add(JobStream.ofWireName(part.trim()));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
        }
        return s;
    }

    /** Rows as compact JSON. */
    static final class JobEventsJson {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

        private JobEventsJson() {}

        static String row(JobEvent.Row r) {
            try {
                return MAPPER.writeValueAsString(r.values());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return r.values().toString();
            }
        }
    }
}
