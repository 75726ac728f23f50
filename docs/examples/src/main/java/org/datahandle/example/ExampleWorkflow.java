package org.datahandle.example;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.jobs.EventCursor;
import org.datahandle.jobs.Job;
import org.datahandle.jobs.JobEvent;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.jobs.JobSpec;
import org.datahandle.jobs.JobState;
import org.datahandle.jobs.JobStatus;
import org.datahandle.table.Table;

/**
 * A three-job workflow run the way an engine would: each job runs only if one of its outputs is
 * not produced yet, operators use read/write, and one job is an external tool ({@code sort}) run as
 * a DataHandle job: its input resolved with {@code pathsForRead}, its output staged with
 * {@code beginExternalWrite} and published only if it succeeds, its output followed live, and its
 * log kept under {@code .datahandle/jobs} beside the workflow, where {@code datahandle jobs} finds it.
 */
public final class ExampleWorkflow {

    private ExampleWorkflow() {}

    public static void main(String[] args) throws Exception {
        Path workflow = Path.of(args.length > 0 ? args[0] : "docs/examples/workflow.yaml");
        try (Catalog catalog = Catalog.load(workflow)) {
            printStates("before", catalog);

            DataHandle summary = catalog.get("populationSummary");
            if (summary.state().diskProduced()) {
                System.out.println("job filterQc + summarise: skipped, populationSummary is produced");
            } else {
                filterQc(catalog.get("samples"), catalog.get("passedSamples"));
                summarise(catalog.get("passedSamples"), summary);
            }

            DataHandle byDepth = catalog.get("samplesByDepth");
            if (byDepth.state().diskProduced()) {
                System.out.println("job sortByDepth: skipped, samplesByDepth is produced");
            } else {
                sortByDepth(catalog, workflow);
            }

            System.out.println();
            System.out.println("populationSummary:");
            List<?> summaryRows = summary.read(List.class); // the handle's memory format is rows
            for (Object row : summaryRows) {
                System.out.println("  " + row);
            }
            Table sorted = byDepth.read();
            System.out.println("deepest samples (read back from the sort output, types inferred):");
            for (int r = 0; r < Math.min(3, sorted.rowCount()); r++) {
                System.out.println("  " + sorted.get(r, "sample_id") + " depth " + sorted.get(r, "depth"));
            }
            printStates("after", catalog);
        }
    }

    /** Operator: keep the samples that passed QC, in a temporary handle. */
    private static void filterQc(DataHandle samples, DataHandle passed) {
        Table t = samples.read();
        List<Map<String, Object>> kept = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            if (Boolean.TRUE.equals(t.get(r, "passed_qc"))) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String column : t.schema().names()) {
                    row.put(column, t.get(r, column));
                }
                kept.add(row);
            }
        }
        passed.write(kept);
        System.out.println("job filterQc: " + kept.size() + " of " + t.rowCount() + " samples passed QC");
    }

    /** Operator: samples and mean depth per population. */
    private static void summarise(DataHandle passed, DataHandle summary) {
        Map<String, double[]> byPopulation = new TreeMap<>();
        Table t = passed.read();
        for (int r = 0; r < t.rowCount(); r++) {
            double[] acc = byPopulation.computeIfAbsent((String) t.get(r, "population"), p -> new double[2]);
            acc[0]++;
            acc[1] += ((Number) t.get(r, "depth")).doubleValue();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byPopulation.forEach((population, acc) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("population", population);
            row.put("samples", (long) acc[0]);
            row.put("mean_depth", Math.round(acc[1] / acc[0] * 10) / 10.0);
            rows.add(row);
        });
        summary.write(rows); // dumps to the .tsv.gz before returning
        System.out.println("job summarise: wrote " + rows.size() + " populations");
    }

    /**
     * External tool as a job: GNU sort reads the input (D2O) and writes the staged output (O2D); the
     * job prints its progress, which this engine shows live with the job's id, and reports a row.
     */
    private static void sortByDepth(Catalog catalog, Path workflow) throws InterruptedException {
        String script = "n=$(gzip -dc \"$1\" | tail -n +2 | wc -l); echo \"sorting $n samples by depth\"; "
                + "gzip -dc \"$1\" | { IFS= read -r header; printf '%s\\n' \"$header\"; sort -t, -k3,3gr; } > \"$2\"; "
                + "echo \"{\\\"sortedSamples\\\": $n}\" > \"$DATAHANDLE_ROWS\"; echo done";
        try (JobRegistry jobs = JobRegistry.forWorkflow(workflow)) {
            Job job = jobs.start(catalog, JobSpec.command("sh", "-c", script, "sh", "{in}", "{out}")
                    .inputs("samples").outputs("samplesByDepth").name("sortByDepth").timeout(Duration.ofMinutes(1)).build());
            System.out.println("job sortByDepth: started as job " + job.id());
            try (EventCursor events = job.cursor(0)) {
                while (!events.ended()) {
                    events.next(Duration.ofSeconds(1)).ifPresent(e -> System.out.println("  [job " + job.id() + "] " + show(e)));
                }
            }
            JobStatus end = job.await();
            if (end.state() != JobState.SUCCEEDED) {
                throw new IllegalStateException("job sortByDepth (" + job.id() + ") " + end);
            }
        }
        System.out.println("job sortByDepth: sort wrote " + catalog.get("samplesByDepth").disk().pathsForRead().get(0));
    }

    private static String show(JobEvent e) {
        if (e instanceof JobEvent.Output o) {
            return o.stream().wireName() + ": " + o.text();
        }
        if (e instanceof JobEvent.Status s) {
            return "status: " + s.status();
        }
        if (e instanceof JobEvent.Row r) {
            return "row: " + r.values();
        }
        return e.toJson();
    }

    private static void printStates(String when, Catalog catalog) {
        System.out.println();
        System.out.println("handle states " + when + ":");
        for (DataHandle h : catalog.handles()) {
            System.out.printf("  %-18s %s%n", h.id(), h.state());
        }
        System.out.println();
    }
}
