package org.datahandle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
import org.datahandle.DiskSpec;
import org.datahandle.TableStream;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle head WORKFLOW HANDLE [-n N] [--region R]...}: the first rows of a handle's data on disk. */
@Command(name = "head", mixinStandardHelpOptions = true,
        description = "Print the first rows of a handle's data on disk as a table. Streams: only the first "
                + "batches are read, whatever the size of the data.")
final class HeadCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow YAML file.")
    private Path workflow;

    @Parameters(index = "1", paramLabel = "HANDLE", description = "The handle id.")
    private String handle;

    @Option(names = {"-n", "--rows"}, paramLabel = "N", defaultValue = "10",
            description = "How many rows (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    @Option(names = {"-r", "--region"}, paramLabel = "REGION",
            description = "Only records in this region (chr20, chr20:1000-2000, chr20:5000-), for formats that"
                    + " take the 'regions' option (vcf); read through the file's .tbi/.csi index when it has one."
                    + " Repeatable.")
    private List<String> regions = new ArrayList<>();

    HeadCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        if (rows < 0) {
            throw new UsageException("-n must not be negative, got " + rows);
        }
        try (Catalog loaded = Catalog.load(workflow); Catalog catalog = regions.isEmpty() ? null : withRegions(loaded);
                TableStream stream = (catalog == null ? loaded : catalog).get(handle).stream()) {
            Schema schema = stream.schema();
            List<List<Object>> head = new ArrayList<>();
            while (head.size() < rows && stream.hasNext()) {
                Table batch = stream.next();
                for (int r = 0; r < batch.rowCount() && head.size() < rows; r++) {
                    List<Object> row = new ArrayList<>();
                    for (String column : schema.names()) {
                        row.add(batch.get(r, column));
                    }
                    head.add(row);
                }
            }
            if (json) {
                printJson(schema, head);
            } else {
                TextTable table = new TextTable(schema.names());
                for (List<Object> row : head) {
                    table.add(row.stream().map(Cells::text).toList());
                }
                table.print(output.out);
            }
        }
        return ExitCodes.OK;
    }

    /**
     * A catalog of just this handle, its disk options plus {@code regions}: a handle's spec is
     * immutable, so a region query is another handle over the same files.
     */
    private Catalog withRegions(Catalog loaded) {
        DiskSpec disk = loaded.get(handle).spec().disk().orElseThrow(() -> new UsageException("handle '" + handle
                + "' has no disk, so --region has nothing to read"));
        if (disk.options().containsKey("regions")) {
            throw new UsageException("handle '" + handle + "' already has disk.options.regions; drop --region or"
                    + " the option");
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("path", disk.pathList().stream().map(p -> p.path().toString()).toList());
        spec.put("format", disk.format());
        spec.put("compression", disk.compression());
        Map<String, Object> options = new LinkedHashMap<>(disk.options());
        options.put("regions", List.copyOf(regions));
        spec.put("options", options);
        try {
            String yaml = JSON.writeValueAsString(Map.of(handle, Map.of("disk", spec)));
            return Catalog.fromYaml(yaml, workflow.toAbsolutePath().getParent());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the region query of '" + handle + "'", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private void printJson(Schema schema, List<List<Object>> head) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Object> row : head) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int c = 0; c < schema.size(); c++) {
                m.put(schema.field(c).name(), Cells.json(row.get(c)));
            }
            out.add(m);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("handle", handle);
        result.put("columns", SchemaCommand.fields(schema));
        result.put("rows", out);
        output.json(result);
    }
}
