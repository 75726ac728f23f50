package org.datahandle.cli;

import picocli.CommandLine.Option;

/** How {@code head} and {@code cat} print rows. */
final class RowsOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FORM", defaultValue = "table",
            description = "table, csv, tsv, jsonl, json or markdown (default: ${DEFAULT-VALUE}).")
    RowPrinter.Form form;

    @Option(names = "--json", description = "The same as --output json.")
    boolean json;

    @Option(names = "--max-width", paramLabel = "N", defaultValue = "40",
            description = "Table form: cut longer cells to N characters, ending in '…' (default: ${DEFAULT-VALUE}; "
                    + "0: no limit).")
    int maxWidth;

    RowPrinter.Form form() {
        return json ? RowPrinter.Form.json : form;
    }
}
