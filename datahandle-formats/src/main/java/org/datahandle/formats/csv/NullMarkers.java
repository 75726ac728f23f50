package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.List;

/** The null markers of a {@code nullValue} list beyond its first, which the parse matches on its own. */
final class NullMarkers {
    private NullMarkers() {}

    /** The markers after the first non-empty one, or null when there are none. */
    static byte[][] more(CsvOptions options) {
        List<byte[]> all = options.nullMarkers();
        return all.size() < 2 ? null : all.subList(1, all.size()).toArray(new byte[0][]);
    }

    static boolean matchesAny(byte[][] markers, byte[] b, int off, int len) {
        for (byte[] m : markers) {
            if (m.length == len && Arrays.equals(b, off, off + len, m, 0, len)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} is one of the options' null markers (so a writer must quote it). */
    static boolean isMarker(CsvOptions options, byte[] text) {
        for (String v : options.nullValues()) {
            if (!v.isEmpty() && Arrays.equals(text, v.getBytes(UTF_8))) {
                return true;
            }
        }
        return false;
    }
}
