package org.datahandle.jobs;

import java.util.Locale;

/**
 * Where a job is in its life. A job moves {@code PENDING → RUNNING →} one terminal state, or straight
 * from {@code PENDING} to {@code FAILED} when its command cannot be started. Outputs are published
 * only on {@link #SUCCEEDED}.
 */
public enum JobState {
    /** Registered, inputs resolved and outputs staged; the command is being started. */
    PENDING,
    /** The command runs. */
    RUNNING,
    /** The command exited 0, wrote every declared output, and the outputs are published. */
    SUCCEEDED,
    /** Non-zero exit, death by a signal, a missing output, a command that could not start, or an engine that ended. */
    FAILED,
    /** {@link Job#cancel()} ended it; its process tree was killed. */
    CANCELLED,
    /** It ran longer than its timeout; its process tree was killed. */
    TIMED_OUT;

    /** True for the states a job never leaves. */
    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }

    /** The name used in event logs and by the CLI: {@code pending}, {@code timedOut}, ... */
    public String wireName() {
        return this == TIMED_OUT ? "timedOut" : name().toLowerCase(Locale.ROOT);
    }

    /** The state of a {@link #wireName()}. */
    public static JobState ofWireName(String name) {
        for (JobState s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown job state '" + name + "'");
    }
}
