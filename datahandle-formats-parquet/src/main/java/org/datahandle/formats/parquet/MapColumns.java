package org.datahandle.formats.parquet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which {@code list<struct<key,value>>} columns are Parquet MAPs, kept in {@link
 * org.datahandle.table.Schema#metadata()} under {@link #KEY} so that a map read from Parquet is
 * written back as a MAP (DuckDB, Spark and pyarrow then see a map again) although {@code Table}
 * has no map type. The value is one column path per line: field names from the top level down,
 * joined by {@code .}, where {@code element} stands for the element of a list; a {@code .} or
 * {@code \} inside a name is escaped with {@code \}. Example: {@code attributes} and
 * {@code samples.element.info}.
 */
final class MapColumns {
    /** The schema metadata key. */
    static final String KEY = "datahandle.maps";
    /** The path segment of a list's element. */
    static final String ELEMENT = "element";

    private MapColumns() {}

    static String path(List<String> names) {
        List<String> escaped = new ArrayList<>(names.size());
        for (String n : names) {
            escaped.add(n.replace("\\", "\\\\").replace(".", "\\."));
        }
        return String.join(".", escaped);
    }

    static String encode(Set<String> paths) {
        return String.join("\n", paths);
    }

    static Set<String> decode(String value) {
        Set<String> paths = new LinkedHashSet<>();
        if (value != null) {
            for (String line : value.split("\n")) {
                if (!line.isBlank()) {
                    paths.add(line);
                }
            }
        }
        return paths;
    }
}
