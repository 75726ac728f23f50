package org.datahandle.fs.local;

import java.io.IOException;
import java.nio.file.Path;

/** Makes every I/O error name its file, as the {@code FileSystem} contract promises. */
final class IoErrors {
    private IoErrors() {}

    /**
     * The error itself when its message already names the path (the {@code java.nio.file}
     * exceptions do), otherwise an {@link IOException} that does, with the original as its cause.
     */
    static IOException withPath(Path path, IOException error) {
        String message = error.getMessage();
        if (message != null && message.contains(path.toString())) {
            return error;
        }
        String detail = message == null ? error.getClass().getSimpleName() : message;
        return new IOException(path + ": " + detail, error);
    }
}
