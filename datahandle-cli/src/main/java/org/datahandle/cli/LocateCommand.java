package org.datahandle.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DataLocation;
import org.datahandle.table.Field;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle locate WORKFLOW HANDLE} or {@code locate PATH...}: where each part of a handle's data is, for another process. */
@Command(name = "locate", mixinStandardHelpOptions = true,
        description = {"Show where each part of a produced handle's data is: host, URI, byte offset and length, "
                + "and the schema the library recorded when it published the data.",
            "For shm: and local files the URI is a file: URI that a process on that host opens or memory-maps "
                    + "(pyarrow.memory_map, numpy.load(mmap_mode='r')) without a copy."})
final class LocateCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(arity = "1..*", paramLabel = "DATA",
            description = "WORKFLOW.yaml HANDLE, or a path or glob (several paths are one piece of data).")
    private List<String> data;

    @Mixin
    private SourceOptions flags;

    /** The handle id, or the path as given. */
    private String handle;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    LocateCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        try (DataSource source = DataSource.open("locate", data, flags, output, Catalog.builder())) {
            DataHandle h = source.handle();
            handle = source.name();
            if (h.spec().temporary()) {
                throw new UsageException("handle '" + handle + "' is temporary: its data is in one process's "
                        + "memory only and has no location");
            }
            List<DataLocation> locations = h.disk().locations();
            if (json) {
                printJson(h, locations);
            } else {
                printText(locations);
            }
        }
        return ExitCodes.OK;
    }

    private void printJson(DataHandle h, List<DataLocation> locations) {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (DataLocation l : locations) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("host", l.host());
            part.put("uri", l.uri().toString());
            part.put("path", l.path().toString());
            part.put("offset", l.offset());
            part.put("length", l.length());
            part.put("schema", l.schema().map(s -> s.fields().stream().map(f -> {
                Map<String, Object> column = new LinkedHashMap<>();
                column.put("name", f.name());
                column.put("type", f.type().typeName());
                return column;
            }).toList()).orElse(null));
            parts.add(part);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("handle", handle);
        result.put("format", h.spec().disk().map(d -> d.format()).orElse(null));
        result.put("locations", parts);
        output.json(result);
    }

    private void printText(List<DataLocation> locations) {
        TextTable table = new TextTable(List.of("HOST", "URI", "OFFSET", "LENGTH"));
        for (DataLocation l : locations) {
            table.add(List.of(l.host(), l.uri().toString(), Long.toString(l.offset()), Long.toString(l.length())));
        }
        table.print(output.out);
        locations.stream().findFirst().flatMap(DataLocation::schema).ifPresent(s -> {
            output.out.println();
            output.out.println("schema: " + String.join(", ", s.fields().stream().map(Field::toString).toList()));
        });
        output.out.flush();
    }
}
