package org.datahandle;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Data on disk does not match its format ({@link ErrorCode#DATA_FORMAT}): a ragged CSV row, an
 * unterminated quote, invalid UTF-8, a truncated or corrupt compressed stream, a file whose content
 * contradicts its suffix.
 *
 * <p>The message names the handle (when known), the path, the 1-based line or the byte offset,
 * and what was expected; {@link #location()} holds the same facts as fields.
 */
public class DataFormatException extends DataHandleException {
    private static final long serialVersionUID = 2L;

    private final @Nullable URI path;

    /**
     * @param handleId the handle read or written, or null when the error is raised below the handle
     *     (the library adds it on the way up, see {@link #withHandle(String)})
     * @param path the file, or null when not known
     * @param line 1-based line, or -1
     * @param column 1-based column in the line, or -1
     * @param byteOffset 0-based byte offset in the decompressed or raw stream, or -1
     * @param problem what is wrong and what was expected, without the handle or the location
     * @param cause the decoder's or parser's exception, or null
     */
    public DataFormatException(@Nullable String handleId, @Nullable URI path, long line, long column, long byteOffset,
            String problem, @Nullable Throwable cause) {
        super(ErrorCode.DATA_FORMAT, handleId, null, locate(path, line, column, byteOffset), problem, cause);
        this.path = path;
    }

    /**
     * A whole message, with no handle: the path, line and offset are kept as fields but the message
     * is used as given.
     *
     * @param path the file, or null when not known
     * @param line 1-based line, or -1
     * @param byteOffset 0-based byte offset in the decompressed or raw stream, or -1
     */
    public DataFormatException(String message, @Nullable URI path, long line, long byteOffset,
            @Nullable Throwable cause) {
        this(null, message, path, locate(path, line, -1, byteOffset), cause, message);
    }

    /** A whole message, with no handle; see {@link #DataFormatException(String, URI, long, long, Throwable)}. */
    public DataFormatException(String message, @Nullable URI path, long line, long byteOffset) {
        this(message, path, line, byteOffset, null);
    }

    private DataFormatException(@Nullable String handleId, String problem, @Nullable URI path, ErrorLocation location,
            @Nullable Throwable cause, String message) {
        super(ErrorCode.DATA_FORMAT, handleId, location, problem, cause, message);
        this.path = path;
    }

    private static ErrorLocation locate(@Nullable URI path, long line, long column, long byteOffset) {
        ErrorLocation at = path == null ? ErrorLocation.UNKNOWN : ErrorLocation.of(path);
        return at.atLine(line).atColumn(column).atByte(byteOffset);
    }

    public Optional<URI> path() {
        return Optional.ofNullable(path);
    }

    /** 1-based line of the problem in a text format. */
    public OptionalLong line() {
        return location().line();
    }

    /** Byte offset of the problem. */
    public OptionalLong byteOffset() {
        return location().byteOffset();
    }

    /** The same problem with the handle's id, for errors raised below the handle; itself if it has one. */
    public DataFormatException withHandle(String handleId) {
        if (handleId().isPresent()) {
            return this;
        }
        String built = DataHandleException.message(ErrorCode.DATA_FORMAT, null, null, location(), problem());
        String message;
        if (built.equals(getMessage())) {
            message = DataHandleException.message(ErrorCode.DATA_FORMAT, handleId, null, location(), problem());
        } else if (getMessage() != null && getMessage().startsWith("handle '")) {
            return this; // a whole message from an older provider that names the handle itself
        } else {
            message = "handle '" + handleId + "': " + getMessage();
        }
        DataFormatException e = new DataFormatException(handleId, problem(), path, location(), getCause(), message);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
