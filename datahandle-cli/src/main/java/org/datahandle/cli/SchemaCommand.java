package org.datahandle.cli;

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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle schema PATH... | WORKFLOW HANDLE}: the columns of some data. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the columns of a file, a glob, standard input ('-') or a handle's data on disk: "
                + "name, type and NULLABLE: whether the schema lets the column hold missing values (what the format "
                + "declares, such as Parquet's required/optional; CSV and JSON columns always may), not whether this "
                + "data has any. Types are what the codec infers (or the 'schema' option gives).")
final class SchemaCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(arity = "1..*", paramLabel = "DATA",
            description = "A path or glob (several paths are one piece of data), '-' for standard input, or "
                    + "WORKFLOW.yaml HANDLE.")
    private List<String> data;

    @Mixin
    private SourceOptions flags;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    SchemaCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        try (DataSource source = DataSource.open("schema", data, flags, output, Catalog.builder());
                TableStream stream = source.handle().stream()) {
            Schema schema = stream.schema();
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("handle", source.name());
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
