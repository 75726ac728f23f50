package org.datahandle.table;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Equality, hashing and display of boxed cell values, which may nest byte arrays in lists and maps. */
final class Cells {
    private Cells() {}

    static boolean equal(@Nullable Object a, @Nullable Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!equal(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    static int hash(@Nullable Object v) {
        if (v instanceof byte[] bytes) {
            return Arrays.hashCode(bytes);
        }
        if (v instanceof List<?> list) {
            int h = 1;
            for (Object e : list) {
                h = 31 * h + hash(e);
            }
            return h;
        }
        if (v instanceof Map<?, ?> map) {
            int h = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                h += Objects.hashCode(e.getKey()) ^ hash(e.getValue());
            }
            return h;
        }
        return Objects.hashCode(v);
    }

    /** The value as a person reads it in a table or an error message. */
    static String text(@Nullable Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof byte[] bytes) {
            StringBuilder sb = new StringBuilder("0x");
            for (int i = 0; i < Math.min(bytes.length, 16); i++) {
                sb.append(String.format("%02x", bytes[i] & 0xff));
            }
            return bytes.length > 16 ? sb.append("...").toString() : sb.toString();
        }
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (Object e : list) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(text(e));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(e.getKey()).append('=').append(text(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return v.toString();
    }

    /** A quoted, shortened rendering for error messages. */
    static String preview(@Nullable Object v) {
        String s = text(v);
        return "'" + (s.length() > 40 ? s.substring(0, 37) + "..." : s) + "'";
    }
}
