package org.datahandle.docs;

// tag::imports[]
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Optional;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DataLocation;
import org.datahandle.formats.arrow.ArrowIpc;
import org.datahandle.formats.arrow.ArrowIpcReader;
import org.datahandle.formats.arrow.ArrowIpcWriter;
import org.datahandle.table.Table;
// end::imports[]

/**
 * The code of docs/shared-memory.md and docs/formats-arrow.md; SharedMemoryDocsTest runs it, with the
 * pages' YAML and Python.
 */
public final class SharedMemoryExamples {
    private SharedMemoryExamples() {}

    // tag::publish[]
    static DataLocation publish(Catalog catalog, Table samples) {
        DataHandle h = catalog.get("samples");       // disk: {path: shm:///run42/samples.arrow}
        h.write(samples);                            // staged, renamed into place, commit record last
        DataLocation where = h.disk().locations().get(0);
        System.out.println(where.host() + " " + where.uri() + " " + where.length() + " bytes");
        return where;                                // another process maps where.uri()
    }
    // end::publish[]

    // tag::matrix[]
    static void saveWeights(Catalog catalog, double[][] weights) {
        catalog.get("weights").write(weights);       // disk: {path: shm:///run42/weights.npy}
    }
    // end::matrix[]

    // tag::ipc[]
    static void send(Table table, OutputStream out) throws IOException {
        try (ArrowIpcWriter writer = ArrowIpc.streamWriter(out, table.schema())) {
            writer.write(table);                     // one record batch per million rows
        }                                            // end-of-stream marker, then out is closed
    }

    static long receive(InputStream in, URI source) throws IOException {
        long rows = 0;
        try (ArrowIpcReader reader = ArrowIpc.reader(in, source)) {   // stream or file, by its first bytes
            for (Optional<Table> batch = reader.next(); batch.isPresent(); batch = reader.next()) {
                rows += batch.get().rowCount();
            }
        }
        return rows;
    }
    // end::ipc[]
}
