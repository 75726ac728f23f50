package org.datahandle.docs;

// tag::imports[]
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.datahandle.Catalog;
import org.datahandle.table.Table;
// end::imports[]

/** The code of README.md; DocsSnippetsTest checks the README shows this region, ReferenceExamplesTest runs it. */
public final class ReadmeExample {
    private ReadmeExample() {}

    // tag::readme[]
    static void run(Path workflow) {                            // the YAML above
        try (Catalog catalog = Catalog.load(workflow)) {
            Table samples = catalog.get("samples").read();      // loads from disk once, then from memory
            catalog.get("summary").write(summarise(samples));   // staged, published atomically, recorded
        }
    }
    // end::readme[]

    /** Samples per population, as rows (the summary handle's memory format). */
    static List<Map<String, Object>> summarise(Table samples) {
        Map<String, Long> perPopulation = new TreeMap<>();
        for (int r = 0; r < samples.rowCount(); r++) {
            perPopulation.merge((String) samples.get(r, "population"), 1L, Long::sum);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        perPopulation.forEach((population, count) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("population", population);
            row.put("samples", count);
            rows.add(row);
        });
        return rows;
    }
}
