package org.datahandle.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
import org.datahandle.DiskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle head PATH... | WORKFLOW HANDLE [-n N]}: the first rows of some data. */
@Command(name = "head", mixinStandardHelpOptions = true,
        description = {"Print the first rows of a file, a glob, standard input ('-'), or a handle of a workflow "
                + "(WORKFLOW.yaml HANDLE). Streams: only the first batches are read, whatever the size of the data.",
            "In the table form a missing value prints as NULL (the text NULL as \"NULL\"), control characters as "
                    + "escapes (\\r, \\x1B), nested values as JSON, and numbers right-aligned."})
final class HeadCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(arity = "1..*", paramLabel = "DATA",
            description = "A path or glob (several paths are one piece of data), '-' for standard input, or "
                    + "WORKFLOW.yaml HANDLE.")
    private List<String> data;

    @Option(names = {"-n", "--rows"}, paramLabel = "N", defaultValue = "10",
            description = "How many rows (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = {"-r", "--region"}, paramLabel = "REGION",
            description = "Only records in this region (chr20, chr20:1000-2000, chr20:5000-), for formats that"
                    + " take the 'regions' option (vcf); read through the file's .tbi/.csi index when it has one."
                    + " Repeatable.")
    private List<String> regions = new ArrayList<>();

    @Mixin
    private RowsOptions how;

    @Mixin
    private SourceOptions flags;

    HeadCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        if (rows < 0) {
            throw new UsageException("-n must not be negative, got " + rows);
        }
        List<String> args = data;
        if (!regions.isEmpty()) {
            flags.added.put("regions", List.copyOf(regions));
            if (DataSource.isWorkflowForm(data)) {
                args = regionQueryOf(data);
            }
        }
        try (DataSource source = DataSource.open("head", args, flags, output, Catalog.builder())) {
            Rows.print(source, rows, how, output);
        }
        return ExitCodes.OK;
    }

    /**
     * A region query of a workflow's handle reads the same files as a path would, with the handle's
     * format, compression and options plus {@code regions}: a handle's spec is immutable, so the query
     * is another (path) handle over the same files.
     */
    private List<String> regionQueryOf(List<String> workflowAndHandle) {
        if (workflowAndHandle.size() != 2) {
            throw new UsageException("after the workflow file give one handle");
        }
        String handle = workflowAndHandle.get(1);
        try (Catalog loaded = Catalog.load(java.nio.file.Path.of(workflowAndHandle.get(0)))) {
            DiskSpec disk = loaded.get(handle).spec().disk().orElseThrow(() -> new UsageException("handle '" + handle
                    + "' has no disk, so --region has nothing to read"));
            if (disk.options().containsKey("regions")) {
                throw new UsageException("handle '" + handle + "' already has disk.options.regions; drop --region or"
                        + " the option");
            }
            flags.format = disk.format();
            flags.compression = disk.compression();
            disk.options().forEach(flags.added::putIfAbsent);
            return disk.pathList().stream().map(p -> p.path().toString()).toList();
        }
    }
}
