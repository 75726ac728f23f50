package org.datahandle.jobs;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A job's state with what explains it.
 *
 * @param state where the job is
 * @param exitCode the command's exit code, once it exited (a death by signal N is reported by the
 *     JVM as 128+N, as shells do)
 * @param signal the signal number when the exit code says the command died of a signal (exit code
 *     129..192); the command may also have exited with such a code itself, which no one can tell
 *     apart from outside
 * @param pid the command's process id, once it started
 * @param message a sentence for people: why it failed, what was published
 */
public record JobStatus(JobState state, OptionalInt exitCode, OptionalInt signal, Optional<Long> pid, Optional<String> message) {

    public JobStatus {
        requireNonNull(state, "state is null");
        requireNonNull(exitCode, "exitCode is null");
        requireNonNull(signal, "signal is null");
        requireNonNull(pid, "pid is null");
        requireNonNull(message, "message is null");
    }

    /** A status with only a state. */
    public static JobStatus of(JobState state) {
        return new JobStatus(state, OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    /** A status with a state and a message. */
    public static JobStatus of(JobState state, String message) {
        return new JobStatus(state, OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.of(message));
    }

    /** The status of a command that exited with {@code exitCode}. */
    static JobStatus exited(JobState state, int exitCode, long pid, String message) {
        OptionalInt signal = exitCode > 128 && exitCode <= 128 + 64 ? OptionalInt.of(exitCode - 128) : OptionalInt.empty();
        return new JobStatus(state, OptionalInt.of(exitCode), signal, Optional.of(pid), Optional.of(message));
    }

    /** One line for people: {@code failed (exit code 3): ...}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(state.wireName());
        if (exitCode.isPresent()) {
            sb.append(" (exit code ").append(exitCode.getAsInt());
            signal.ifPresent(s -> sb.append(", signal ").append(s));
            sb.append(')');
        }
        message.ifPresent(m -> sb.append(": ").append(m));
        return sb.toString();
    }
}
