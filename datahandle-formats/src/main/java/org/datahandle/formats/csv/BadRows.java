package org.datahandle.formats.csv;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows a read with {@code badRows: skip} left out: how many, and the first few with their file, line
 * and problem. The reader logs them as one warning ({@code System.Logger} {@code org.datahandle.formats.csv})
 * when it is closed, and the caller sees them as the read's {@link #summary()} in that warning.
 * Thread-safe.
 */
final class BadRows {
    /** How many bad rows are kept with their line; the rest are only counted. */
    static final int KEPT = 10;

    private static final System.Logger LOG = System.getLogger("org.datahandle.formats.csv");

    /** One row left out; {@code source} is the index of its part, for the order. */
    record Row(int source, URI path, long line, long offset, String problem) {
        @Override
        public String toString() {
            return CsvErrors.display(path) + " line " + line + ": " + problem;
        }
    }

    private static final java.util.Comparator<Row> ORDER = java.util.Comparator.comparingInt(Row::source)
            .thenComparingLong(Row::offset);

    private final String handleId;
    private final List<Row> first = new ArrayList<>();
    private long count;
    private boolean reported;

    BadRows(String handleId) {
        this.handleId = handleId;
    }

    synchronized void add(Row row) {
        count++;
        // keep the first rows of the data, whatever order they are found in (widths while parsing, values later)
        int at = first.size();
        while (at > 0 && ORDER.compare(first.get(at - 1), row) > 0) {
            at--;
        }
        if (at < KEPT) {
            first.add(at, row);
            if (first.size() > KEPT) {
                first.remove(KEPT);
            }
        }
    }

    synchronized long count() {
        return count;
    }

    synchronized List<Row> first() {
        return List.copyOf(first);
    }

    /** One line: the count and the first rows, for the log and for a caller's message. */
    synchronized String summary() {
        StringBuilder sb = new StringBuilder("handle '" + handleId + "': skipped " + count + " bad row"
                + (count == 1 ? "" : "s") + " (option badRows: skip)");
        for (int i = 0; i < first.size(); i++) {
            sb.append(i == 0 ? ": " : "; ").append(first.get(i));
        }
        if (count > first.size()) {
            sb.append("; and ").append(count - first.size()).append(" more");
        }
        return sb.toString();
    }

    /** Logs the summary once, as a warning, when any row was skipped. */
    synchronized void report() {
        if (count > 0 && !reported) {
            reported = true;
            LOG.log(System.Logger.Level.WARNING, summary());
        }
    }
}
