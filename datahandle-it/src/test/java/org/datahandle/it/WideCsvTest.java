package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.datahandle.Catalog;
import org.datahandle.TableStream;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wide CSV — 1,000 columns by 5,000 rows, about 10 MB — reads within the test heap (1 GiB). The
 * parser used to size every column of every chunk for 64-byte rows, so such a file needed more
 * than a gigabyte before its first row was converted.
 */
class WideCsvTest {
    private static final int COLUMNS = 1000;
    private static final int ROWS = 5000;

    @TempDir
    Path dir;

    @Test
    void aThousandColumnsReadAndStreamInTheTestHeap() throws IOException {
        Path csv = dir.resolve("wide.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            for (int c = 0; c < COLUMNS; c++) {
                w.write((c == 0 ? "" : ",") + "c" + c);
            }
            w.write('\n');
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLUMNS; c++) {
                    w.write((c == 0 ? "" : ",") + ((r * 31 + c) % 100));
                }
                w.write('\n');
            }
        }
        try (Catalog catalog = Workflows.load(dir, Workflows.handle("wide", "wide.csv"))) {
            Table t = catalog.get("wide").read();
            assertThat(t.rowCount()).isEqualTo(ROWS);
            assertThat(t.schema().size()).isEqualTo(COLUMNS);
            assertThat(t.get(ROWS - 1, "c999")).isEqualTo(((ROWS - 1) * 31 + 999) % 100);
            catalog.get("wide").dropMemory();
            long rows = 0;
            try (TableStream s = catalog.get("wide").stream()) {
                while (s.hasNext()) {
                    rows += s.next().rowCount();
                }
            }
            assertThat(rows).isEqualTo(ROWS);
        }
    }
}
