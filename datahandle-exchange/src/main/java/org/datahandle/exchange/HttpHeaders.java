package org.datahandle.exchange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Header fields by name, case-insensitive, each with its values in the order they came. */
final class HttpHeaders {
    private final Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    /** The values of {@code name}, or {@code null} when absent. */
    List<String> get(String name) {
        List<String> v = fields.get(name);
        return v == null ? null : Collections.unmodifiableList(v);
    }

    List<String> getOrDefault(String name, List<String> otherwise) {
        List<String> v = get(name);
        return v == null ? otherwise : v;
    }

    /** The first value of {@code name}, or {@code null}. */
    String getFirst(String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    boolean containsKey(String name) {
        return fields.containsKey(name);
    }

    void add(String name, String value) {
        fields.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }

    /** Replaces the values of {@code name} with this one. */
    void set(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a header value cannot hold CR or LF: " + name);
        }
        List<String> v = new ArrayList<>(1);
        v.add(value);
        fields.remove(name);
        fields.put(name, v);
    }

    Set<Map.Entry<String, List<String>>> entrySet() {
        return Collections.unmodifiableMap(fields).entrySet();
    }
}
