package org.datahandle;

import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A workflow spec is invalid ({@link ErrorCode#SPEC_INVALID}): malformed YAML, an unknown key, a
 * value of the wrong type, a given value that contradicts what the path implies, or data declared
 * produced that does not exist.
 *
 * <p>The message reads {@code file:line:column: handle 'id', field 'disk.format': what is wrong}.
 * Line and column are 1-based and absent only for specs built without YAML. {@link #location()}
 * holds the workflow file, line and column.
 */
public class SpecException extends DataHandleException {
    private static final long serialVersionUID = 2L;

    private final @Nullable String field;

    /**
     * @param source the workflow file or {@code <yaml>}; may be null
     * @param handleId the handle, or null for a document-level problem
     * @param field the dotted field name ({@code disk.format}), or null
     * @param line 1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param problem what is wrong, in words a YAML author understands
     */
    public SpecException(@Nullable String source, @Nullable String handleId, @Nullable String field, int line,
            int column, String problem) {
        this(source, handleId, field, line, column, problem, null);
    }

    /** As {@link #SpecException(String, String, String, int, int, String)}, with the cause. */
    public SpecException(@Nullable String source, @Nullable String handleId, @Nullable String field, int line,
            int column, String problem, @Nullable Throwable cause) {
        super(ErrorCode.SPEC_INVALID, handleId, field, locate(source, line, column), problem, cause);
        this.field = field;
    }

    private static ErrorLocation locate(@Nullable String source, int line, int column) {
        ErrorLocation at = source == null ? ErrorLocation.UNKNOWN : ErrorLocation.of(source);
        return at.atLine(line).atColumn(column);
    }

    /** The workflow file (or {@code <yaml>} for a string), if known. */
    public Optional<String> source() {
        return location().path();
    }

    /** Dotted field name such as {@code disk.path}, if the problem is in one field. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** 1-based line in the YAML. */
    public OptionalInt line() {
        return location().line().isPresent() ? OptionalInt.of((int) location().line().getAsLong()) : OptionalInt.empty();
    }

    /** 1-based column in the YAML. */
    public OptionalInt column() {
        return location().column().isPresent() ? OptionalInt.of((int) location().column().getAsLong())
                : OptionalInt.empty();
    }
}
