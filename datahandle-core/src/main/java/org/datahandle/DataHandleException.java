package org.datahandle;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Root of every exception DataHandle throws. Unchecked: a workflow engine decides at its top level
 * what to do with a failed handle; nothing in between needs to declare it.
 *
 * <p>Besides its message, every exception carries its facts as fields a program can read without
 * parsing text: an {@link ErrorCode} ({@link #code()}), the handle it concerns ({@link #handleId()}),
 * where the problem is ({@link #location()}: path, line, column, byte offset) and the problem alone
 * ({@link #problem()}). The message is built from those fields in one place, so every message reads
 * the same way:
 *
 * <pre>
 * handle 'samples': /data/samples.csv line 3 (byte offset 40): row 3 has 4 values, the header 3
 * flow.yaml:7:13: handle 'samples', field 'disk.format': ...            (a {@link SpecException})
 * </pre>
 *
 * <p>Each code belongs to one class: {@link SpecException}, {@link HandleNotFoundException},
 * {@link NotProducedException}, {@link AlreadyProducedException} ({@code ALREADY_PRODUCED} or
 * {@code CONFLICT}), {@link UnsupportedFormatException}, {@link DataFormatException} and
 * {@link StorageException} carry their own; this class itself carries {@link ErrorCode#CONFIGURATION},
 * {@link ErrorCode#INVALID_OPERATION}, {@link ErrorCode#LIMIT_EXCEEDED} and {@link ErrorCode#INTERNAL}.
 * The constructors that take a whole message (kept for providers written against the first API) give
 * no handle or location, and the root's gives {@link ErrorCode#INTERNAL}.
 */
public class DataHandleException extends RuntimeException {
    private static final long serialVersionUID = 2L;

    private final ErrorCode code;
    private final @Nullable String handleId;
    private final ErrorLocation location;
    private final String problem;

    /**
     * An error with a code of the root's own ({@code CONFIGURATION}, {@code INVALID_OPERATION},
     * {@code LIMIT_EXCEEDED} or {@code INTERNAL}).
     *
     * @param handleId the handle concerned, or null when none is (a catalog-wide setting)
     * @param location where the problem is, or {@link ErrorLocation#UNKNOWN}
     * @param problem what is wrong, without the handle or the location
     * @throws IllegalArgumentException if the code belongs to a subclass (use that class)
     */
    public DataHandleException(ErrorCode code, @Nullable String handleId, ErrorLocation location, String problem) {
        this(code, handleId, location, problem, null);
    }

    /**
     * As {@link #DataHandleException(ErrorCode, String, ErrorLocation, String)}, with the cause.
     *
     * @throws IllegalArgumentException if the code belongs to a subclass (use that class)
     */
    public DataHandleException(ErrorCode code, @Nullable String handleId, ErrorLocation location, String problem,
            @Nullable Throwable cause) {
        this(rootCode(code), handleId, null, location, problem, cause);
    }

    /** A whole message with code {@link ErrorCode#INTERNAL}, no handle and no location. */
    public DataHandleException(String message) {
        this(message, null);
    }

    /** A whole message with code {@link ErrorCode#INTERNAL}, no handle and no location. */
    public DataHandleException(String message, @Nullable Throwable cause) {
        this(ErrorCode.INTERNAL, null, ErrorLocation.UNKNOWN, message, cause, message);
    }

    /** For the subclasses: the message is built from the fields, with the spec field if there is one. */
    DataHandleException(ErrorCode code, @Nullable String handleId, @Nullable String field, ErrorLocation location,
            String problem, @Nullable Throwable cause) {
        this(code, handleId, location, problem, cause, message(code, handleId, field, location, problem));
    }

    /** For the subclasses: every field and the message as given. */
    DataHandleException(ErrorCode code, @Nullable String handleId, ErrorLocation location, String problem,
            @Nullable Throwable cause, String message) {
        super(message, cause);
        this.code = requireNonNull(code, "code is null");
        this.handleId = handleId;
        this.location = requireNonNull(location, "location is null");
        this.problem = requireNonNull(problem, "problem is null");
    }

    private static ErrorCode rootCode(ErrorCode code) {
        requireNonNull(code, "code is null");
        if (!code.carriedByRoot()) {
            throw new IllegalArgumentException("error code " + code + " belongs to a subclass of DataHandleException");
        }
        return code;
    }

    /**
     * The one place messages are built. A spec error reads like a compiler's
     * ({@code file:line:column: handle 'h', field 'f': problem}); every other error names the handle,
     * then the place ({@code handle 'h': path line 3, column 5 (byte offset 40): problem}).
     */
    static String message(ErrorCode code, @Nullable String handleId, @Nullable String field, ErrorLocation at,
            String problem) {
        StringBuilder sb = new StringBuilder();
        if (code == ErrorCode.SPEC_INVALID) {
            at.path().ifPresent(sb::append);
            if (at.line().isPresent()) {
                sb.append(sb.length() > 0 ? ":" : "line ").append(at.line().getAsLong());
                at.column().ifPresent(c -> sb.append(':').append(c));
            }
            if (sb.length() > 0) {
                sb.append(": ");
            }
            appendWho(sb, handleId, field);
            return sb.append(problem).toString();
        }
        appendWho(sb, handleId, field);
        StringBuilder place = new StringBuilder();
        at.path().ifPresent(place::append);
        if (at.line().isPresent()) {
            place.append(place.length() > 0 ? " " : "").append("line ").append(at.line().getAsLong());
            at.column().ifPresent(c -> place.append(", column ").append(c));
        }
        if (at.byteOffset().isPresent()) {
            long offset = at.byteOffset().getAsLong();
            place.append(at.line().isPresent() ? " (byte offset " + offset + ")"
                    : (place.length() > 0 ? " " : "") + "byte offset " + offset);
        }
        if (place.length() > 0) {
            sb.append(place).append(": ");
        }
        return sb.append(problem).toString();
    }

    private static void appendWho(StringBuilder sb, @Nullable String handleId, @Nullable String field) {
        if (handleId != null) {
            sb.append("handle '").append(handleId).append("'");
            if (field != null) {
                sb.append(", field '").append(field).append("'");
            }
            sb.append(": ");
        } else if (field != null) {
            sb.append("field '").append(field).append("': ");
        }
    }

    /** What kind of failure this is; never null. */
    public ErrorCode code() {
        return code;
    }

    /** The handle the problem concerns, if one does. */
    public Optional<String> handleId() {
        return Optional.ofNullable(handleId);
    }

    /** Where the problem is, as far as known; {@link ErrorLocation#UNKNOWN} when not at all. */
    public ErrorLocation location() {
        return location;
    }

    /** The problem alone, without the handle and the location the message puts in front. */
    public String problem() {
        return problem;
    }
}
