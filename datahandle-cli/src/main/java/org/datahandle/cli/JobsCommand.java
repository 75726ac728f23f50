package org.datahandle.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.datahandle.jobs.EventCursor;
import org.datahandle.jobs.JobInfo;
import org.datahandle.jobs.JobLog;
import org.datahandle.jobs.JobNotFoundException;
import org.datahandle.jobs.JobRegistry;
import org.datahandle.jobs.JobStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code datahandle jobs [ID] [--follow] [--stream S]}: lists jobs, or shows one job's streams;
 * {@code --prune AGE} and {@code ID --remove} delete ended jobs' folders.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"List the jobs of a workflow, or show one job's events: its stdout, stderr, status and rows.",
            "The jobs folder is the workflow's (--workflow FILE: .datahandle/jobs beside it), a folder given with --dir, "
                    + "or else the nearest .datahandle/jobs in the current directory or its parents.",
            "With an ID, prints the events logged so far (from --from, default 0); --follow keeps printing until the job ends.",
            "--prune AGE removes the jobs that ended more than AGE ago; ID --remove removes one ended job."})
final class JobsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Output output;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "A job id; without one, the jobs are listed.")
    private String id;

    @Option(names = {"-w", "--workflow"}, paramLabel = "WORKFLOW", description = "The workflow YAML whose jobs to show.")
    private Path workflow;

    @Option(names = "--dir", paramLabel = "DIR", description = "A jobs folder.")
    private Path dir;

    @Option(names = {"-f", "--follow"}, description = "Keep printing events until the job ends.")
    private boolean follow;

    @Option(names = "--stream", paramLabel = "STREAM", split = ",",
            description = "stdout, stderr, status or rows (repeatable, or comma-separated); default all.")
    private List<String> streams = new ArrayList<>();

    @Option(names = "--from", paramLabel = "SEQ", description = "The sequence number to start at (default 0).")
    private long from;

    @Option(names = "--prune", paramLabel = "AGE",
            description = "Remove every job that ended more than AGE ago (7d, 12h, 30m, PT1H30M; 0s: every ended job) and print their ids. "
                    + "Running jobs are left alone.")
    private String prune;

    @Option(names = "--remove", description = "Remove job ID's folder (its log); refused while the job runs.")
    private boolean remove;

    @Option(names = "--json", description = "Print JSON: the list as one document, events as one JSON object per line.")
    private boolean json;

    JobsCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        if (from < 0) {
            throw new UsageException("--from must be a sequence number >= 0, got " + from);
        }
        if (id != null && (id.contains("/") || id.contains(".") || Files.exists(Path.of(id)))) {
            // a job id is a date, a time and a number (20261130-093515-7d55d1); a path means the user
            // wanted the jobs of a workflow or of some data
            throw new UsageException("jobs takes a job id (as 'datahandle jobs' lists them), not a path: '" + id + "'. "
                    + "A workflow's jobs: datahandle jobs --workflow WORKFLOW.yaml; jobs that ran on paths "
                    + "('datahandle run --in PATH ...') are in .datahandle/jobs of the folder they ran in, which "
                    + "'datahandle jobs' finds from there");
        }
        JobRegistry jobs = JobRegistry.open(folder());
        if (prune != null || remove) {
            if (follow || !streams.isEmpty() || from != 0) {
                throw new UsageException("--prune and --remove delete jobs; they do not take --follow, --stream or --from");
            }
            return prune != null ? prune(jobs) : remove(jobs);
        }
        if (id == null) {
            list(jobs);
            return ExitCodes.OK;
        }
        JobLog log;
        try {
            log = jobs.log(id);
        } catch (JobNotFoundException e) {
            throw new UsageException(e.getMessage());
        }
        java.util.Set<org.datahandle.jobs.JobStream> selected = JobPrinter.streams(streams);
        try (EventCursor cursor = log.cursor(from, selected)) {
            new JobPrinter(output, id, json, selected.size() == 1).print(cursor, follow);
        }
        return ExitCodes.OK;
    }

    private int prune(JobRegistry jobs) {
        if (id != null || remove) {
            throw new UsageException("--prune removes every job that ended long enough ago and takes no job id; "
                    + "to remove one job: datahandle jobs ID --remove");
        }
        Duration age = RunCommand.duration(prune);
        if (age.isNegative()) {
            throw new UsageException("--prune takes an age >= 0, got " + prune);
        }
        List<String> removed = jobs.prune(age);
        if (json) {
            output.json(removed);
            return ExitCodes.OK;
        }
        removed.forEach(r -> output.out.println("removed " + r));
        output.out.println(removed.isEmpty()
                ? "no job in " + jobs.directory() + " ended more than " + prune + " ago"
                : "removed " + removed.size() + (removed.size() == 1 ? " job" : " jobs") + " that ended more than " + prune
                        + " ago from " + jobs.directory());
        output.out.flush();
        return ExitCodes.OK;
    }

    private int remove(JobRegistry jobs) {
        if (id == null) {
            throw new UsageException("--remove takes a job id: datahandle jobs ID --remove (or --prune AGE for every old job)");
        }
        try {
            jobs.remove(id);
        } catch (JobNotFoundException e) {
            throw new UsageException(e.getMessage());
        }
        if (json) {
            output.json(List.of(id));
        } else {
            output.out.println("removed " + id);
            output.out.flush();
        }
        return ExitCodes.OK;
    }

    private void list(JobRegistry jobs) {
        List<JobInfo> all = jobs.list();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (JobInfo j : all) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", j.id());
                j.name().ifPresent(n -> m.put("name", n));
                m.put("state", j.status().state().wireName());
                j.status().exitCode().ifPresent(c -> m.put("exitCode", c));
                j.status().signal().ifPresent(c -> m.put("signal", c));
                j.status().message().ifPresent(c -> m.put("message", c));
                m.put("created", j.created().toString());
                m.put("updated", j.updated().toString());
                m.put("command", j.command());
                m.put("inputs", new ArrayList<>(j.inputs().keySet()));
                m.put("outputs", j.outputs());
                rows.add(m);
            }
            output.json(rows);
            return;
        }
        if (all.isEmpty()) {
            output.out.println("no jobs in " + jobs.directory());
            output.out.flush();
            return;
        }
        TextTable t = new TextTable(List.of("ID", "STATE", "EXIT", "STARTED", "TOOK", "OUTPUTS", "COMMAND"));
        for (JobInfo j : all) {
            JobStatus s = j.status();
            String exit = s.exitCode().isPresent() ? Integer.toString(s.exitCode().getAsInt()) : "-";
            String took = s.state().isTerminal() ? took(j.created(), j.updated()) : took(j.created(), Instant.now()) + "…";
            t.add(List.of(j.id(), s.state().wireName(), exit, TIME.format(j.created()), took,
                    j.outputs().isEmpty() ? "-" : String.join(",", j.outputs()),
                    j.name().map(n -> n + ": ").orElse("") + abbreviate(String.join(" ", j.command()))));
        }
        t.print(output.out);
        output.out.flush();
    }

    private Path folder() {
        if (workflow != null && dir != null) {
            throw new UsageException("give --workflow or --dir, not both");
        }
        if (workflow != null) {
            if (!Files.isRegularFile(workflow)) {
                throw new UsageException("workflow file " + workflow + " does not exist");
            }
            return JobRegistry.directoryOf(workflow);
        }
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("jobs folder " + dir + " does not exist");
            }
            return dir;
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve(JobRegistry.WORKFLOW_JOBS_FOLDER);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new UsageException("no " + JobRegistry.WORKFLOW_JOBS_FOLDER + " folder here or above "
                + Path.of("").toAbsolutePath() + ": give --workflow WORKFLOW or --dir DIR");
    }

    private static String took(Instant start, Instant end) {
        Duration d = Duration.between(start, end);
        if (d.toMinutes() >= 1) {
            return d.toMinutes() + "m" + d.toSecondsPart() + "s";
        }
        return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
