package org.datahandle;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Data on disk does not match its format: a ragged CSV row, an unterminated quote, invalid UTF-8,
 * a truncated or corrupt compressed stream, a file whose content contradicts its suffix.
 *
 * <p>The message names the handle (when known), the path, the 1-based line or the byte offset,
 * and what was expected.
 */
public class DataFormatException extends DataHandleException {
    private static final long serialVersionUID = 1L;

    private final URI path;
    private final long line;
    private final long byteOffset;

    /**
     * @param path the file, or null when not known
     * @param line 1-based line, or -1
     * @param byteOffset 0-based byte offset in the decompressed or raw stream, or -1
     */
    public DataFormatException(String message, URI path, long line, long byteOffset, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.line = line;
        this.byteOffset = byteOffset;
    }

    public DataFormatException(String message, URI path, long line, long byteOffset) {
        this(message, path, line, byteOffset, null);
    }

    public Optional<URI> path() {
        return Optional.ofNullable(path);
    }

    /** 1-based line of the problem in a text format. */
    public OptionalLong line() {
        return line >= 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }

    /** Byte offset of the problem. */
    public OptionalLong byteOffset() {
        return byteOffset >= 0 ? OptionalLong.of(byteOffset) : OptionalLong.empty();
    }

    /** The same problem with the handle's id in front, for errors raised below the handle. */
    public DataFormatException withHandle(String handleId) {
        String message = getMessage();
        if (message != null && message.startsWith("handle '")) {
            return this;
        }
        DataFormatException e = new DataFormatException("handle '" + handleId + "': " + message, path, line,
                byteOffset, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
