package org.datahandle.docs;

// tag::imports[]
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.NotProducedException;
// end::imports[]

/** The engine of docs/engine-integration.md; DocsSnippetsTest checks the doc shows exactly this and runs it. */
public final class EngineLoop {
    private EngineLoop() {}

    // tag::engine[]
    /** A step of the workflow: reads its input handles, writes its output handles. */
    public record Job(String name, List<String> inputs, List<String> outputs, Operator operator) {}

    /** The user's code. It gets the catalog and uses handles by id. */
    @FunctionalInterface
    public interface Operator {
        void run(Catalog catalog) throws Exception;
    }

    /** What happened to a job. */
    public enum Outcome {
        /** Every output was already produced: finished in an earlier run. */
        SKIPPED,
        RAN,
        /** The operator threw; its outputs are not produced (publishing is atomic). */
        FAILED,
        /** An input is not produced (a failed or missing upstream job), so the job could not run. */
        BLOCKED
    }

    /** Runs jobs in the order given (already sorted so producers come before consumers). */
    public static Map<String, Outcome> runAll(Catalog catalog, List<Job> jobs) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Job job : jobs) {
            outcomes.put(job.name(), runOne(catalog, job));
        }
        return outcomes;
    }

    static Outcome runOne(Catalog catalog, Job job) {
        if (job.outputs().stream().allMatch(id -> isDone(catalog.get(id)))) {
            return Outcome.SKIPPED;
        }
        for (String id : job.inputs()) {
            DataHandle input = catalog.get(id);
            if (!input.state().diskProduced() && !input.state().memoryProduced()) {
                System.err.println(job.name() + ": blocked, input '" + id + "' is not produced");
                return Outcome.BLOCKED;
            }
        }
        // A job that failed half-way may have published some outputs: start it again from scratch.
        for (String id : job.outputs()) {
            DataHandle output = catalog.get(id);
            if (!output.spec().temporary() && output.state().diskProduced()) {
                output.deleteDisk();
            }
        }
        try {
            job.operator().run(catalog);
            return Outcome.RAN;
        } catch (DataFormatException e) {
            System.err.println(job.name() + ": bad input data: " + e.getMessage());
        } catch (NotProducedException | AlreadyProducedException e) {
            System.err.println(job.name() + ": " + e.getMessage());
        } catch (DataHandleException e) {
            System.err.println(job.name() + ": DataHandle failed: " + e.getMessage());
        } catch (Exception e) {
            System.err.println(job.name() + ": operator failed: " + e);
        }
        return Outcome.FAILED;
    }

    /** Outputs on disk are done when produced; a temporary output never outlives its process. */
    static boolean isDone(DataHandle handle) {
        return !handle.spec().temporary() && handle.state().diskProduced();
    }
    // end::engine[]
}
