package org.datahandle.db;

import java.nio.file.Files;
import java.nio.file.Path;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.TableSink;
import org.datahandle.testing.SampleTables;

/**
 * A writer in its own JVM, for {@link ProcessesTest}. Arguments: mode ({@code endless}: stream
 * batches until killed; {@code race}: wait for the go file, then write 20,000 rows tagged with
 * offset), workflow, offset, go file, then catalog options as {@code key=value}.
 */
public final class ChildWriter {
    private ChildWriter() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Catalog.Builder b = Catalog.builder();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            b.fileSystemOption(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        int offset = Integer.parseInt(args[2]);
        Path go = Path.of(args[3]);
        try (Catalog c = b.load(Path.of(args[1]))) {
            DataHandle h = c.get("t");
            if (mode.equals("endless")) {
                try (TableSink sink = h.sink(SampleTables.manyRows(0, 1).schema())) {
                    for (int batch = 0; ; batch++) {
                        sink.write(SampleTables.manyRows(batch * 1000, batch * 1000 + 1000));
                        System.out.println("WROTE " + batch);
                        System.out.flush();
                    }
                }
            }
            while (!Files.exists(go)) {
                Thread.sleep(5);
            }
            try {
                h.write(SampleTables.manyRows(offset, offset + 20_000));
                System.out.println("WON");
            } catch (AlreadyProducedException e) {
                System.out.println("LOST " + e.getMessage());
            }
        }
    }
}
