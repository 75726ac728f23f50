package org.datahandle.docs;

// tag::imports[]
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.datahandle.Catalog;
import org.datahandle.ExternalWrite;
import org.datahandle.table.Table;
// end::imports[]

/** The code of docs/getting-started.md; DocsSnippetsTest checks the doc shows exactly these regions and runs them. */
public final class GettingStarted {
    private GettingStarted() {}

    // tag::operator[]
    /** An operator: reads one handle, writes another. It never touches a file name. */
    static void summarise(Catalog catalog) {
        Table samples = catalog.get("samples").read();     // loads the CSV on first read
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
        catalog.get("summary").write(rows);                // written as .tsv.gz before write returns
    }
    // end::operator[]

    // tag::external-tool[]
    /** An external tool: awk reads the input file and writes the output file itself. */
    static void keepDeepSamples(Catalog catalog) throws IOException, InterruptedException {
        Path input = Path.of(catalog.get("samples").disk().pathsForRead().get(0));
        try (ExternalWrite write = catalog.get("deepSamples").disk().beginExternalWrite()) {
            Path output = Path.of(write.paths().get(0));   // a staging name, not the final one
            Process awk = new ProcessBuilder("awk", "-F,", "NR == 1 || $3 >= 30", input.toString())
                    .redirectOutput(output.toFile())
                    .start();
            if (awk.waitFor() != 0) {
                throw new IOException("awk failed");       // close without commit: nothing is published
            }
            write.commit();                                // publishes atomically: now produced
        }
    }
    // end::external-tool[]

    // tag::restart[]
    /** Run the workflow; run it again and finished work is skipped. */
    public static void run(Path workflow) throws IOException, InterruptedException {
        try (Catalog catalog = Catalog.load(workflow)) {
            if (catalog.get("summary").state().diskProduced()) {
                System.out.println("summary is produced: skipping summarise");
            } else {
                summarise(catalog);
            }
            if (catalog.get("deepSamples").state().diskProduced()) {
                System.out.println("deepSamples is produced: skipping awk");
            } else {
                keepDeepSamples(catalog);
            }
        }
    }
    // end::restart[]

    // tag::main[]
    /** {@code mvn compile exec:java} runs this, in the folder that holds workflow.yaml. */
    public static void main(String[] args) throws IOException, InterruptedException {
        run(Path.of(args.length > 0 ? args[0] : "workflow.yaml"));
    }
    // end::main[]
}
