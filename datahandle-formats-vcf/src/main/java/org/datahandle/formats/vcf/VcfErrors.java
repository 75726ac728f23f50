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
            return new DataFormatException("handle '" + handleId + "': " + file()
                    + ", a record read through the index: " + what, location.uri(), -1, -1);
        }
        return new DataFormatException("handle '" + handleId + "': " + file() + " line " + line + ": " + what,
                location.uri(), line, -1);
    }

    DataFormatException atOffset(long offset, String what, Throwable cause) {
        return new DataFormatException("handle '" + handleId + "': " + file() + " byte offset " + offset + ": "
                + what, location.uri(), -1, offset, cause);
    }

    DataFormatException file(String what) {
        return new DataFormatException("handle '" + handleId + "': " + file() + ": " + what, location.uri(), -1, -1);
    }

    static String display(URI path) {
        return "file".equals(path.getScheme()) ? path.getPath() : path.toString();
    }
}
