package org.datahandle.docs;

// tag::imports[]
import java.util.List;
import org.datahandle.Catalog;
import org.datahandle.TableSink;
import org.datahandle.TableStream;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
// end::imports[]

/** The code of docs/formats.md; DocsSnippetsTest checks the page shows these regions, ReferenceExamplesTest runs them. */
public final class FormatsExamples {
    private FormatsExamples() {}

    /** Streams the samples handle and returns how many rows it has, without loading it into memory. */
    static long countRows(Catalog catalog) {
        // tag::stream[]
        long rows = 0;
        try (TableStream s = catalog.get("samples").stream()) {
            while (s.hasNext()) {
                Table batch = s.next();   // every batch has s.schema()
                rows += batch.rowCount();
            }
        }
        // end::stream[]
        return rows;
    }

    /** Writes the batches to the scores handle through a sink. */
    static void writeScores(Catalog catalog, Schema schema, List<Table> batches) {
        // tag::sink[]
        try (TableSink sink = catalog.get("scores").sink(schema)) {
            for (Table batch : batches) {
                sink.write(batch);
            }
            sink.commit();
        }   // closed without commit(): the staged file is removed and nothing is published
        // end::sink[]
    }
}
