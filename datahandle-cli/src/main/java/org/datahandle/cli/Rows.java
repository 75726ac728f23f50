package org.datahandle.cli;

import java.util.ArrayList;
import java.util.List;
import org.datahandle.TableStream;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/** The rows of a source, streamed batch by batch to a {@link RowPrinter}: what {@code head} and {@code cat} share. */
final class Rows {
    private Rows() {}

    /**
     * @param limit how many rows at most; {@link Long#MAX_VALUE} for all
     */
    static void print(DataSource source, long limit, RowsOptions how, Output output) {
        if (how.maxWidth < 0) {
            throw new UsageException("--max-width must not be negative, got " + how.maxWidth);
        }
        try (TableStream stream = source.handle().stream()) {
            Schema schema = stream.schema();
            RowPrinter printer = RowPrinter.create(how.form(), source.name(), schema, output.out, how.maxWidth);
            long printed = 0;
            boolean more = false;
            while (stream.hasNext()) {
                if (printed >= limit) {
                    more = true;
                    break;
                }
                Table batch = stream.next();
                int r = 0;
                for (; r < batch.rowCount() && printed < limit; r++, printed++) {
                    List<Object> row = new ArrayList<>(schema.size());
                    for (int c = 0; c < schema.size(); c++) {
                        row.add(batch.get(r, c));
                    }
                    printer.row(row);
                }
                if (r < batch.rowCount()) {
                    more = true;
                    break;
                }
            }
            printer.finish(more);
        }
    }
}
