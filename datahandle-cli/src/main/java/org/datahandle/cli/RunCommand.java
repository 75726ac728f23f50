package org.datahandle.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
import org.datahandle.jobs.EventCursor;
import org.datahandle.jobs.Job;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.jobs.JobSpec;
import org.datahandle.jobs.JobState;
import org.datahandle.jobs.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code datahandle run WORKFLOW --in A --out B -- COMMAND ARGS}: one external step as a job,
 * followed live. Without a workflow, {@code --in} and {@code --out} name paths, each one handle
 * named after its file.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a command as a job bound to handles of the workflow, and show its output live.",
            "Inputs must be produced (else exit code 5); outputs must not be (else 6). The outputs are published only "
                    + "if the command exits 0 and writes each of them. The command finds its paths in placeholders "
                    + "({in}, {out}, {in:ID}, {out:ID}) and in DATAHANDLE_IN_<ID> / DATAHANDLE_OUT_<ID>; it may write JSON "
                    + "rows to the FIFO named by DATAHANDLE_ROWS. The job id is printed first; "
                    + "'datahandle jobs ID' reads the job again later. Interrupting run (Ctrl-C) cancels the job.",
            "Without a workflow, --in and --out take paths or globs: each is one handle, named after its file "
                    + "(calls.csv.gz: {in:calls}, DATAHANDLE_IN_CALLS), with the same inference and flags as "
                    + "'datahandle head PATH'; the job is kept in .datahandle/jobs of the current folder."})
final class RunCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(arity = "1..*", paramLabel = "[WORKFLOW] COMMAND",
            description = "The workflow YAML file, then '--' and the command with its arguments; or, when --in and "
                    + "--out name paths, only '--' and the command.")
    private List<String> arguments = new ArrayList<>();

    @Option(names = "--in", paramLabel = "HANDLE|PATH", description = "An input handle, or a path without a workflow "
            + "(repeatable).")
    private List<String> inputs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "HANDLE|PATH", description = "An output handle, or a path without a "
            + "workflow (repeatable).")
    private List<String> outputs = new ArrayList<>();

    @Mixin
    private SourceOptions flags;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "An environment variable for the command (repeatable).")
    private Map<String, String> environment = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "DURATION", description = "End the job after this long: 90s, 5m, 2h or PT1H30M.")
    private String timeout;

    @Option(names = "--name", description = "A label shown by 'datahandle jobs'.")
    private String name;

    @Option(names = "--json", description = "Print every event as one JSON line on standard output instead.")
    private boolean json;

    RunCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() throws InterruptedException {
        boolean workflowForm = DataSource.isWorkflowForm(arguments);
        List<String> command = workflowForm ? arguments.subList(1, arguments.size()) : arguments;
        if (command.isEmpty()) {
            throw new UsageException("run needs a command after '--': datahandle run " + (workflowForm
                    ? arguments.get(0) + " " : "") + "--in ... --out ... -- COMMAND ARGS");
        }
        Catalog catalog;
        Path jobsFolder;
        List<String> inIds = inputs;
        List<String> outIds = outputs;
        if (workflowForm) {
            DataSource.refuseFlags(flags, arguments.get(0));
            Path workflow = Path.of(arguments.get(0));
            catalog = Catalog.load(workflow);
            jobsFolder = JobRegistry.directoryOf(workflow);
        } else {
            if (inputs.isEmpty() && outputs.isEmpty()) {
                throw new UsageException("run binds a command to data: give a workflow (datahandle run WORKFLOW.yaml "
                        + "--in HANDLE ... -- COMMAND) or paths (datahandle run --in PATH --out PATH -- COMMAND)");
            }
            PathHandles handles = PathHandles.of(inputs, outputs, flags, output);
            catalog = handles.catalog();
            inIds = handles.inputIds();
            outIds = handles.outputIds();
            jobsFolder = Path.of("").toAbsolutePath().resolve(JobRegistry.WORKFLOW_JOBS_FOLDER);
        }
        try (catalog) {
            return run(catalog, jobsFolder, command, inIds, outIds);
        }
    }

    private int run(Catalog catalog, Path jobsFolder, List<String> command, List<String> inputs, List<String> outputs)
            throws InterruptedException {
        JobSpec.Builder b = JobSpec.command(command).inputs(inputs.toArray(String[]::new)).outputs(outputs.toArray(String[]::new));
        environment.forEach(b::environment);
        if (timeout != null) {
            b.timeout(duration(timeout));
        }
        if (name != null) {
            b.name(name);
        }
        JobSpec spec;
        try {
            spec = b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try (JobRegistry jobs = JobRegistry.open(jobsFolder)) {
            Job job = jobs.start(catalog, spec);
            java.util.concurrent.CountDownLatch printed = new java.util.concurrent.CountDownLatch(1);
            Thread cancelOnInterrupt = new Thread(() -> {
                if (!job.status().state().isTerminal()) {
                    job.cancel();
                    try {
                        job.await(Duration.ofSeconds(10));
                        // let the main thread print the job's last events before the JVM halts
                        printed.await(2, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "datahandle-run-cancel");
            Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
            try {
                if (!json && !output.quiet) {
                    output.err.println("datahandle: job " + job.id() + " started: " + String.join(" ", job.info().command()));
                    output.err.flush();
                }
                try (EventCursor cursor = job.cursor(0)) {
                    new JobPrinter(output, job.id(), json).print(cursor, true);
                }
                JobStatus end = job.await();
                if (!json && !output.quiet) {
                    output.err.println("datahandle: job " + job.id() + " ended; 'datahandle jobs " + job.id()
                            + "' shows it again (jobs folder " + jobs.directory() + ")");
                    output.err.flush();
                }
                printed.countDown();
                return end.state() == JobState.SUCCEEDED ? ExitCodes.OK : ExitCodes.FAILURE;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it cancels the job
                }
            }
        }
    }

    /** {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 250ms} or ISO-8601 {@code PT1H30M}. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(n);
                case 'm':
                    return Duration.ofMinutes(n);
                case 'h':
                    return Duration.ofHours(n);
                case 'd':
                    return Duration.ofDays(n);
                default:
                    break;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new UsageException("cannot read duration '" + text + "': write 90s, 5m, 2h, 1d, 250ms or PT1H30M");
    }
}
