package org.datahandle.docs;

// tag::imports[]
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.Catalog;
import org.datahandle.docs.EngineLoop.Job;
import org.datahandle.docs.EngineLoop.Outcome;
import org.datahandle.table.Table;
// end::imports[]

/** The job list of docs/engine-integration.md, run by DocsSnippetsTest. */
public final class EngineExample {
    private EngineExample() {}

    public static Map<String, Outcome> run(Path workflow) {
        // tag::jobs[]
        List<Job> jobs = List.of(
                new Job("filterQc", List.of("samples"), List.of("passed"), catalog -> {
                    Table samples = catalog.get("samples").read();
                    List<Map<String, Object>> kept = new ArrayList<>();
                    for (int r = 0; r < samples.rowCount(); r++) {
                        if (Boolean.TRUE.equals(samples.get(r, "passed_qc"))) {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("sample_id", samples.get(r, "sample_id"));
                            row.put("depth", samples.get(r, "depth"));
                            kept.add(row);
                        }
                    }
                    catalog.get("passed").write(kept);          // temporary: memory only
                }),
                new Job("report", List.of("passed"), List.of("report"), catalog ->
                        catalog.get("report").write(catalog.get("passed").read())),
                new Job("legacy", List.of("legacyInput"), List.of("legacyCopy"), catalog ->
                        catalog.get("legacyCopy").write(catalog.get("legacyInput").read())),
                new Job("legacyReport", List.of("legacyCopy"), List.of("legacyReport"), catalog ->
                        catalog.get("legacyReport").write(catalog.get("legacyCopy").read())));

        try (Catalog catalog = Catalog.load(workflow)) {
            Map<String, Outcome> outcomes = EngineLoop.runAll(catalog, jobs);
            outcomes.forEach((job, outcome) -> System.out.println(job + ": " + outcome));
            return outcomes;
        }
        // end::jobs[]
    }
}
