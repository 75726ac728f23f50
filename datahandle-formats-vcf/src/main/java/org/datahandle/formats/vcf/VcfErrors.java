package org.datahandle.formats.vcf;

import java.net.URI;
import org.datahandle.DataFormatException;
import org.datahandle.spi.Location;

/**
 * Builds the codec's {@link DataFormatException}s for one file, all worded alike: handle, file,
 * 1-based line, what was wrong.
 */
final class VcfErrors {
    private final String handleId;
    private final Location location;

    VcfErrors(String handleId, Location location) {
        this.handleId = handleId;
        this.location = location;
    }

    String handleId() {
        return handleId;
    }

    Location location() {
        return location;
    }

    /** The file as users know it. */
    String file() {
        return display(location.uri());
    }

    /** A problem at a 1-based line; a negative line is a record reached through the index (line unknown). */
    DataFormatException at(long line, String what) {
        if (line < 0) {
            return error(-1, -1, "a record read through the index: " + what, null);
        }
        return error(line, -1, what, null);
    }

    DataFormatException atOffset(long offset, String what, Throwable cause) {
        return error(-1, offset, what, cause);
    }

    DataFormatException file(String what) {
        return error(-1, -1, what, null);
    }

    /** The one constructor call: the handle (none for a read outside a catalog) and the place as fields. */
    private DataFormatException error(long line, long offset, String what, Throwable cause) {
        return new DataFormatException(handleId == null || handleId.isEmpty() ? null : handleId, location.uri(), line,
                -1, offset, what, cause);
    }

    static String display(URI path) {
        return "file".equals(path.getScheme()) ? path.getPath() : path.toString();
    }
}
