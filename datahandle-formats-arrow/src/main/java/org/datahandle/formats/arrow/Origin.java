package org.datahandle.formats.arrow;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.datahandle.DataFormatException;

/**
 * The handle and file (or stream) a problem belongs to, so that every error says where it is.
 *
 * @param handleId the handle being read, or empty when the reader serves no handle (a network stream)
 * @param path the file or stream, as a URI
 */
record Origin(String handleId, URI path) {
    Origin {
        requireNonNull(handleId, "handleId is null");
        requireNonNull(path, "path is null");
    }

    DataFormatException corrupt(String problem, long byteOffset) {
        return corrupt(problem, byteOffset, null);
    }

    DataFormatException corrupt(String problem, long byteOffset, Throwable cause) {
        return new DataFormatException(handleId.isEmpty() ? null : handleId, path, -1, -1, byteOffset, problem, cause);
    }
}
