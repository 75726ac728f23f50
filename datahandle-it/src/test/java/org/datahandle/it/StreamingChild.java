package org.datahandle.it;

import java.nio.file.Path;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.TableSink;
import org.datahandle.TableStream;
import org.datahandle.table.Table;

/**
 * Runs in a child JVM with a small heap, so that streaming more data than the heap holds is proven by
 * the child not running out of memory. {@code read <workflow> <handle>} streams a handle and
 * {@code write <workflow> <handle> <rows>} streams {@link StreamingRows} into its sink; both print
 * {@code ROWS <n> CHECKSUM <c>}.
 */
public final class StreamingChild {
    private StreamingChild() {}

    public static void main(String[] args) {
        String mode = args[0];
        Path workflow = Path.of(args[1]);
        try (Catalog catalog = Catalog.load(workflow)) {
            DataHandle handle = catalog.get(args[2]);
            StreamingRows.Checksum sum = new StreamingRows.Checksum();
            if (mode.equals("read")) {
                try (TableStream stream = handle.stream()) {
                    while (stream.hasNext()) {
                        sum.add(stream.next());
                    }
                }
                if (handle.state().memoryProduced()) {
                    throw new AssertionError("streaming produced memory");
                }
            } else {
                long rows = Long.parseLong(args[3]);
                try (TableSink sink = handle.sink(StreamingRows.SCHEMA)) {
                    for (long from = 0; from < rows; from += StreamingRows.BATCH) {
                        Table batch = StreamingRows.batch(from, (int) Math.min(StreamingRows.BATCH, rows - from));
                        sink.write(batch);
                        sum.add(batch);
                    }
                    sink.commit();
                }
            }
            System.out.println("ROWS " + sum.rows() + " CHECKSUM " + sum.value() + " MAXHEAP "
                    + Runtime.getRuntime().maxMemory());
        }
    }
}
