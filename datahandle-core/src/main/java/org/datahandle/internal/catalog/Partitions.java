package org.datahandle.internal.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.table.Table;

/**
 * Splits a table into one table per value of a column, for a partitioned write: the value names
 * the file ({@code chr*.csv.gz} with {@code chrom = 1} is {@code chr1.csv.gz}). Rows keep their order
 * within a partition; partitions come in order of first appearance. Sorted input is cut into slices
 * without copying row by row.
 */
final class Partitions {
    private Partitions() {}

    /** The partitions, keyed by the file-name text of their value. */
    static Map<String, Table> split(Table table, String column, String handleId) {
        OptionalInt index = table.schema().indexOf(column);
        if (index.isEmpty()) {
            throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.UNKNOWN,
                    "the handle is partitioned by '" + column + "', but the data has no such column; columns: "
                            + table.schema().names());
        }
        if (table.rowCount() == 0) {
            throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.UNKNOWN,
                    "the handle is partitioned by '" + column + "', but the data has no rows, so there is no"
                            + " partition to write");
        }
        Map<String, List<Table>> runs = new LinkedHashMap<>();
        int start = 0;
        String current = name(table.get(0, index.getAsInt()), column, 0, handleId);
        for (int row = 1; row <= table.rowCount(); row++) {
            String next = row < table.rowCount() ? name(table.get(row, index.getAsInt()), column, row, handleId) : null;
            if (!current.equals(next)) {
                runs.computeIfAbsent(current, k -> new ArrayList<>()).add(table.slice(start, row));
                start = row;
                current = next;
            }
        }
        Map<String, Table> result = new LinkedHashMap<>();
        runs.forEach((value, slices) -> result.put(value,
                slices.size() == 1 ? slices.get(0) : Table.concat(table.schema(), slices)));
        return result;
    }

    /** The text a value stands for in a file name; only values that make a safe, unambiguous name. */
    private static String name(Object value, String column, int row, String handleId) {
        String text;
        if (value instanceof String s) {
            text = s;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean
                || value instanceof LocalDate) {
            text = value.toString();
        } else {
            throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.UNKNOWN,
                    "row " + row + " of partition column '" + column + "' is " + (value == null ? "null" : "a " + value.getClass().getSimpleName())
                    + "; partition values must be text, integers, booleans or dates");
        }
        boolean unsafe = text.isEmpty() || text.equals(".") || text.equals("..")
                || text.chars().anyMatch(c -> c < 0x20 || "/\\*?[]{}".indexOf(c) >= 0);
        if (unsafe) {
            throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.UNKNOWN,
                    "row " + row + " of partition column '" + column + "' is '" + text + "', which cannot be part of a file name (empty, '.', '..', a slash, a"
                    + " wildcard or a control character)");
        }
        return text;
    }
}
