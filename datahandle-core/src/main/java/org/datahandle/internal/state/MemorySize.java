package org.datahandle.internal.state;

import java.util.Collection;
import java.util.Map;
import org.datahandle.table.Table;

/** A rough heap size of a memory value, for the memory budget: exact for tables, estimated otherwise. */
final class MemorySize {
    private static final long OBJECT = 16;
    private static final long REFERENCE = 8;
    /** Deep object graphs are estimated from their first levels only: a budget needs a size, not a census. */
    private static final int MAX_DEPTH = 6;

    private MemorySize() {}

    static long estimate(Object value) {
        return estimate(value, 0);
    }

    private static long estimate(Object value, int depth) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Table t) {
            return t.heapBytes();
        }
        if (value instanceof CharSequence s) {
            return OBJECT + 24 + s.length();
        }
        if (value instanceof double[][] m) {
            long bytes = OBJECT + REFERENCE * m.length;
            for (double[] row : m) {
                bytes += OBJECT + 8L * (row == null ? 0 : row.length);
            }
            return bytes;
        }
        if (depth >= MAX_DEPTH) {
            return OBJECT;
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = OBJECT + 32L * map.size();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                bytes += estimate(e.getKey(), depth + 1) + estimate(e.getValue(), depth + 1);
            }
            return bytes;
        }
        if (value instanceof Collection<?> c) {
            long bytes = OBJECT + REFERENCE * c.size();
            for (Object o : c) {
                bytes += estimate(o, depth + 1);
            }
            return bytes;
        }
        return OBJECT + 16;
    }
}
