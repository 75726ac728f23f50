package org.datahandle.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
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
        try (DataSource source = DataSource.open("head", data, flags, output, Catalog.builder())) {
            Rows.print(source, rows, how, output);
        }
        return ExitCodes.OK;
    }
}
