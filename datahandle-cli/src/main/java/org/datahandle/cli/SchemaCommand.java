package org.datahandle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
import org.datahandle.TableStream;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle schema WORKFLOW HANDLE}: the columns of a handle's data on disk. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the columns of a handle's data on disk: name, type and whether it has nulls. "
                + "Types are what the codec infers (or the 'schema' option gives).")
final class SchemaCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow YAML file.")
    private Path workflow;

    @Parameters(index = "1", paramLabel = "HANDLE", description = "The handle id.")
    private String handle;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    SchemaCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        try (Catalog catalog = Catalog.load(workflow); TableStream stream = catalog.get(handle).stream()) {
            Schema schema = stream.schema();
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("handle", handle);
                result.put("columns", fields(schema));
                output.json(result);
            } else {
                TextTable table = new TextTable(List.of("COLUMN", "TYPE", "NULLABLE"));
                for (Field f : schema.fields()) {
                    table.add(List.of(f.name(), f.type().typeName(), f.nullable() ? "yes" : "no"));
                }
                table.print(output.out);
            }
        }
        return ExitCodes.OK;
    }

    static List<Map<String, Object>> fields(Schema schema) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Field f : schema.fields()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("type", f.type().typeName());
            m.put("nullable", f.nullable());
            list.add(m);
        }
        return list;
    }
}
