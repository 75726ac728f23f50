package org.datahandle.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table with aligned columns. A cell may hold several lines (a handle's files); the
 * row then takes as many lines, the other cells blank below their first line.
 */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    void add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, header " + header.size());
        }
        rows.add(List.copyOf(row));
    }

    void print(PrintWriter out) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                for (String line : row.get(c).split("\n", -1)) {
                    width[c] = Math.max(width[c], line.length());
                }
            }
        }
        printLine(out, header, width);
        for (List<String> row : rows) {
            List<String[]> cells = row.stream().map(s -> s.split("\n", -1)).toList();
            int height = cells.stream().mapToInt(a -> a.length).max().orElse(1);
            for (int l = 0; l < height; l++) {
                List<String> line = new ArrayList<>();
                for (String[] cell : cells) {
                    line.add(l < cell.length ? cell[l] : "");
                }
                printLine(out, line, width);
            }
        }
        out.flush();
    }

    private static void printLine(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            sb.append(s);
            if (c < cells.size() - 1) {
                sb.append(" ".repeat(width[c] - s.length() + 2));
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
