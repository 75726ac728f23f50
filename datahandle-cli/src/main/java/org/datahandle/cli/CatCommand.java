package org.datahandle.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code datahandle cat PATH... | WORKFLOW HANDLE}: all rows of some data. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Print every row of a file, a glob, standard input ('-'), or a handle of a workflow "
                + "(WORKFLOW.yaml HANDLE), streaming in constant memory.",
            "Use --output csv, tsv, jsonl, json or markdown to pipe it on: 'datahandle cat x.parquet -o csv > x.csv'."})
final class CatCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(arity = "1..*", paramLabel = "DATA",
            description = "A path or glob (several paths are one piece of data), '-' for standard input, or "
                    + "WORKFLOW.yaml HANDLE.")
    private List<String> data;

    @Mixin
    private RowsOptions how;

    @Mixin
    private SourceOptions flags;

    CatCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        try (DataSource source = DataSource.open("cat", data, flags, output, Catalog.builder())) {
            Rows.print(source, Long.MAX_VALUE, how, output);
        }
        return ExitCodes.OK;
    }
}
