package org.datahandle.formats.csv;

import java.net.URI;
import org.datahandle.DataFormatException;

/** Builds the codec's {@link DataFormatException}s, all worded the same way. */
final class CsvErrors {
    private CsvErrors() {}

    static DataFormatException at(String handleId, URI path, long line, long offset, String what) {
        return new DataFormatException(handleId, path, line, -1, offset, what, null);
    }

    static String display(URI path) {
        return "file".equals(path.getScheme()) ? path.getPath() : path.toString();
    }
}
