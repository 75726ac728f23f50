package org.datahandle;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A workflow spec is invalid: malformed YAML, an unknown key, a value of the wrong type, a given
 * value that contradicts what the path implies, or data declared produced that does not exist.
 *
 * <p>The message reads {@code file:line:column: handle 'id', field 'disk.format': what is wrong}.
 * Line and column are 1-based and absent only for specs built without YAML.
 */
public class SpecException extends DataHandleException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String handleId;
    private final String field;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param source the workflow file or {@code <yaml>}; may be null
     * @param handleId the handle, or null for a document-level problem
     * @param field the dotted field name ({@code disk.format}), or null
     * @param line 1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param problem what is wrong, in words a YAML author understands
     */
    public SpecException(String source, String handleId, String field, int line, int column, String problem) {
        this(source, handleId, field, line, column, problem, null);
    }

    public SpecException(String source, String handleId, String field, int line, int column, String problem,
            Throwable cause) {
        super(format(source, handleId, field, line, column, problem), cause);
        this.source = source;
        this.handleId = handleId;
        this.field = field;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String source, String handleId, String field, int line, int column,
            String problem) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source);
        }
        if (line > 0) {
            sb.append(sb.length() > 0 ? ":" : "line ").append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        if (sb.length() > 0) {
            sb.append(": ");
        }
        if (handleId != null) {
            sb.append("handle '").append(handleId).append("'");
            if (field != null) {
                sb.append(", field '").append(field).append("'");
            }
            sb.append(": ");
        } else if (field != null) {
            sb.append("field '").append(field).append("': ");
        }
        return sb.append(problem).toString();
    }

    /** The workflow file (or {@code <yaml>} for a string), if known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    public Optional<String> handleId() {
        return Optional.ofNullable(handleId);
    }

    /** Dotted field name such as {@code disk.path}, if the problem is in one field. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** 1-based line in the YAML. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** 1-based column in the YAML. */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /** The problem alone, without the location prefix. */
    public String problem() {
        return problem;
    }
}
