package org.datahandle.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datahandle.Catalog;
import org.datahandle.formats.arrow.ArrowIpc;
import org.datahandle.formats.arrow.ArrowIpcWriter;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/** A catalog of a few handles in a temp folder, and tables to push. */
final class ExchangeFixture {
    static final String WORKFLOW = """
            dataHandles:
              dat:
                disk: {path: out/dat.arrow}
              scores:
                disk: {path: out/scores.csv}
              parts:
                disk: {path: [out/p1.arrow, out/p2.arrow]}
              config:
                disk: {path: out/config.json}
                memory: {format: object}
              scratch: {}
            """;

    static final Schema SCHEMA = Schema.of(Field.of("id", DataType.INT64), Field.of("x", DataType.FLOAT64),
            Field.of("label", DataType.STRING));

    private ExchangeFixture() {}

    static Catalog catalog(Path dir) {
        return Catalog.builder().baseDirectory(dir).fromYaml(WORKFLOW);
    }

    static Table table(int rows, int seed) {
        Table.Builder b = Table.builder(SCHEMA, rows);
        for (int i = 0; i < rows; i++) {
            b.addRow((long) i + seed, i * 0.5 + seed, "lbl_" + (i + seed));
        }
        return b.build();
    }

    /** An IPC stream of these batches, with its end-of-stream marker. */
    static byte[] ipc(Schema schema, Table... batches) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArrowIpcWriter w = ArrowIpc.streamWriter(out, schema)) {
            for (Table t : batches) {
                w.write(t);
            }
        }
        return out.toByteArray();
    }

    static List<Table> batches(int n, int rows) {
        List<Table> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(table(rows, i * rows));
        }
        return l;
    }
}
