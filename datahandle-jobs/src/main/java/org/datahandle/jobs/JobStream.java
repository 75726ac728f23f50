package org.datahandle.jobs;

import java.util.Locale;

/** The four streams multiplexed in a job's event log; a reader may ask for any subset. */
public enum JobStream {
    /** Lines the command wrote to standard output. */
    STDOUT,
    /** Lines the command wrote to standard error. */
    STDERR,
    /** Status changes: pending, running, and the terminal state. */
    STATUS,
    /** Rows the command wrote to its rows channel ({@code DATAHANDLE_ROWS}), and lines there that were not JSON objects. */
    ROWS;

    /** {@code stdout}, {@code stderr}, {@code status} or {@code rows}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stream of a {@link #wireName()}, case-insensitively. */
    public static JobStream ofWireName(String name) {
        for (JobStream s : values()) {
            if (s.wireName().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown job stream '" + name + "' (expected stdout, stderr, status or rows)");
    }
}
