package org.datahandle.formats.csv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of a file's columns a read keeps, in what order and under what names: the header's names made
 * unique, then the {@code columns} option applied.
 *
 * <p>Duplicate header names are made unique, not refused: the first keeps its name, and each later one
 * gets the first of {@code name_2}, {@code name_3}, ... that no header name has and no earlier column got
 * ({@code a,b,a,a} reads as {@code a, b, a_2, a_3}). The {@code columns} option then uses those names.
 *
 * @param selected for each output column, the index of the file's column it is; null when every column is
 *     kept as it is
 * @param names the output names
 */
record ColumnPlan(int[] selected, List<String> names) {

    /**
     * The {@code columns} option: file column name to output name, in the order the table has them.
     * Written as a list ({@code [id, score]}: keep these, in this order), a map ({@code {id: sample,
     * score: score}}: keep and rename), or a text ({@code "id,score:points"}, for the command line).
     */
    record Selection(Map<String, String> renames) {
        Selection {
            renames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(renames));
        }

        /** @throws IllegalArgumentException naming the option */
        static Selection parse(Object v) {
            Map<String, String> renames = new LinkedHashMap<>();
            if (v instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof Collection<?>) {
                        throw new IllegalArgumentException("option 'columns': the new name of '" + e.getKey()
                                + "' must be a text, got: " + e.getValue());
                    }
                    put(renames, String.valueOf(e.getKey()), e.getValue() == null ? String.valueOf(e.getKey())
                            : String.valueOf(e.getValue()));
                }
            } else if (v instanceof Collection<?> list) {
                for (Object item : list) {
                    if (item == null || item instanceof Map<?, ?> || item instanceof Collection<?>) {
                        throw new IllegalArgumentException("option 'columns': every item of the list must be a"
                                + " column name, got: " + item);
                    }
                    put(renames, item.toString(), item.toString());
                }
            } else {
                for (String part : v.toString().split(",", -1)) {
                    int colon = part.indexOf(':');
                    String from = (colon < 0 ? part : part.substring(0, colon)).trim();
                    String to = colon < 0 ? from : part.substring(colon + 1).trim();
                    put(renames, from, to);
                }
            }
            if (renames.isEmpty()) {
                throw new IllegalArgumentException("option 'columns' names no column; leave it out to read them all");
            }
            Set<String> outputs = new HashSet<>();
            for (String to : renames.values()) {
                if (!outputs.add(to)) {
                    throw new IllegalArgumentException("option 'columns' gives two columns the name '" + to + "'");
                }
            }
            return new Selection(renames);
        }

        private static void put(Map<String, String> renames, String from, String to) {
            if (from.isEmpty() || to.isEmpty()) {
                throw new IllegalArgumentException("option 'columns': a column name must not be empty");
            }
            if (renames.put(from, to) != null) {
                throw new IllegalArgumentException("option 'columns' names column '" + from + "' twice");
            }
        }

        /** The file's name of an output column (what a writer writes in the header). */
        String fileName(String output) {
            for (Map.Entry<String, String> e : renames.entrySet()) {
                if (e.getValue().equals(output)) {
                    return e.getKey();
                }
            }
            return output;
        }
    }

    /**
     * The plan for a file whose (unique) column names are {@code fileNames}.
     *
     * @throws IllegalArgumentException when the selection names a column the file lacks
     */
    static ColumnPlan of(List<String> fileNames, Optional<Selection> selection) {
        if (selection.isEmpty()) {
            return new ColumnPlan(null, List.copyOf(fileNames));
        }
        Map<String, String> renames = selection.get().renames();
        int[] selected = new int[renames.size()];
        List<String> names = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> e : renames.entrySet()) {
            int index = fileNames.indexOf(e.getKey());
            if (index < 0) {
                throw new IllegalArgumentException("option 'columns' names column '" + e.getKey() + "', which the"
                        + " data does not have; columns are " + fileNames);
            }
            selected[i++] = index;
            names.add(e.getValue());
        }
        return new ColumnPlan(selected, List.copyOf(names));
    }

    /** The header's names with duplicates made unique (see the class comment). */
    static List<String> unique(List<String> header) {
        Set<String> given = new HashSet<>(header);
        Set<String> taken = new HashSet<>();
        List<String> out = new ArrayList<>(header.size());
        for (String name : header) {
            String n = name;
            if (!taken.add(n)) {
                for (int k = 2; ; k++) {
                    n = name + "_" + k;
                    if (!given.contains(n) && taken.add(n)) {
                        break;
                    }
                }
            }
            out.add(n);
        }
        return out;
    }

    /** Whether every column is kept, in order, under its own name. */
    boolean keepsAll() {
        return selected == null;
    }

    int width() {
        return names.size();
    }

    /** The file's column of output column {@code i}. */
    int source(int i) {
        return selected == null ? i : selected[i];
    }
}
