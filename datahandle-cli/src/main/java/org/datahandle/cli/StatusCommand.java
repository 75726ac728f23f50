package org.datahandle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.DiskSpec;
import org.datahandle.DiskStatus;
import org.datahandle.HandleState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle status WORKFLOW [HANDLE...]} or {@code status PATH...}: handles' spec, files and state. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every handle of a workflow (or the ones named after it), or the data of a path or glob: "
                + "format, compression, file system, files (wildcards expanded), disk and memory state, size, and "
                + "whether the commit record of data the library published still matches the files.",
            "Memory is never produced in a new process, so it reads 'not produced' here."})
final class StatusCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(arity = "1..*", paramLabel = "DATA",
            description = "WORKFLOW.yaml, then optionally some of its handles; or a path or glob (several paths are "
                    + "one piece of data).")
    private List<String> data;

    @Mixin
    private SourceOptions flags;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    StatusCommand(Output output) {
        this.output = output;
    }

    /** One handle's row, gathered before printing so text and JSON say the same. */
    private record Row(String name, DataHandle handle, HandleState state, DiskStatus disk, String error) {}

    @Override
    public Integer call() {
        if (!output.verbose) {
            // every problem the library warns about is in this command's own output (RECORD and the
            // notes), once; its log warnings would print each again, once per look at the disk
            DataHandleCommand.LIBRARY_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
        if (DataSource.isWorkflowForm(data)) {
            DataSource.refuseFlags(flags, data.get(0));
            Path workflow = Path.of(data.get(0));
            try (Catalog catalog = Catalog.load(workflow)) {
                List<DataHandle> handles = data.size() == 1 ? List.copyOf(catalog.handles())
                        : data.subList(1, data.size()).stream().map(catalog::get).toList();
                List<Row> rows = new ArrayList<>();
                for (DataHandle h : handles) {
                    rows.add(row(h.id(), h));
                }
                print(rows, "workflow", workflow.toAbsolutePath().normalize().toString());
            }
        } else {
            DataSource.refuseStandardInput("status", data);
            try (DataSource source = DataSource.open("status", data, flags, output, Catalog.builder())) {
                String name = String.join(" ", data);
                print(List.of(row(name, source.handle())), "data", data);
            }
        }
        return ExitCodes.OK;
    }

    private void print(List<Row> rows, String key, Object value) {
        if (json) {
            printJson(rows, key, value);
        } else {
            printText(rows);
        }
    }

    /** A handle whose storage cannot be asked (HDFS without its adapter) gets a row saying why, not a crash. */
    private Row row(String name, DataHandle h) {
        if (h.spec().temporary()) {
            return new Row(name, h, h.state(), null, null);
        }
        try {
            DiskStatus disk = h.disk().check();
            return new Row(name, h, h.state(), disk, null);
        } catch (DataHandleException e) {
            return new Row(name, h, null, null, userTerms(e.getMessage()));
        }
    }

    /** A message about a path's generated handle, without the id the user never wrote. */
    private String userTerms(String message) {
        return output.pathForm ? PathCatalog.inUserTerms(message) : message;
    }

    private void printText(List<Row> rows) {
        TextTable table = new TextTable(List.of(output.pathForm ? "DATA" : "HANDLE", "FORMAT", "COMPRESSION", "FS", "DISK", "MEMORY", "SIZE",
                "RECORD", "PATHS"));
        List<String> notes = new ArrayList<>();
        for (Row r : rows) {
            DataHandle h = r.handle();
            String memory = r.state() == null ? "?" : Output.state(r.state().memory());
            if (h.spec().temporary()) {
                table.add(List.of(r.name(), "-", "-", "-", "temporary", memory, "-", "-", "-"));
                continue;
            }
            DiskSpec spec = h.spec().disk().get();
            String disk = r.state() == null ? "unknown" : Output.state(r.state().disk());
            String size = r.disk() == null ? "-" : Output.bytes(r.disk().totalSize());
            String record = r.disk() == null ? "-" : Output.state(r.disk().commitRecord());
            table.add(List.of(r.name(), spec.format(), spec.compression(), spec.fileSystem(), disk, memory, size, record,
                    String.join("\n", paths(spec, r.disk()))));
            if (r.error() != null) {
                notes.add(r.name() + ": " + r.error());
            } else if (r.disk().problem().isPresent()) {
                notes.add(r.name() + ": " + userTerms(r.disk().problem().get()));
            }
        }
        table.print(output.out);
        if (!notes.isEmpty()) {
            output.out.println();
            output.out.println("Not produced:");
            for (String n : notes) {
                output.out.println("  " + n);
            }
        }
        output.out.flush();
    }

    /** The files found; where none is, the paths as declared (the user's words, not URIs). */
    private static List<String> paths(DiskSpec spec, DiskStatus disk) {
        if (disk == null || disk.files().isEmpty()) {
            return spec.path();
        }
        return disk.files().stream().map(f -> displayPath(f.path())).toList();
    }

    private static String displayPath(java.net.URI uri) {
        return "file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.toString();
    }

    private void printJson(List<Row> rows, String key, Object value) {
        List<Map<String, Object>> handles = new ArrayList<>();
        for (Row r : rows) {
            DataHandle h = r.handle();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.name());
            m.put("temporary", h.spec().temporary());
            m.put("memoryFormat", h.spec().memory().format().yamlName());
            if (r.state() != null) {
                m.put("disk", r.state().disk().name().toLowerCase(java.util.Locale.ROOT));
                m.put("memory", r.state().memory().name().toLowerCase(java.util.Locale.ROOT));
            }
            h.spec().disk().ifPresent(d -> {
                m.put("format", d.format());
                m.put("compression", d.compression());
                m.put("fileSystem", d.fileSystem());
                m.put("path", d.path());
                m.put("uris", d.pathList().stream().map(p -> p.path().toString()).toList());
            });
            if (r.disk() != null) {
                m.put("produced", r.disk().produced());
                m.put("size", r.disk().totalSize());
                m.put("commitRecord", r.disk().commitRecord().name().toLowerCase(java.util.Locale.ROOT));
                List<Map<String, Object>> files = new ArrayList<>();
                for (DiskStatus.FileInfo f : r.disk().files()) {
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("path", f.path().toString());
                    fm.put("size", f.size());
                    fm.put("modified", f.modified().toString());
                    files.add(fm);
                }
                m.put("files", files);
                m.put("problem", r.disk().problem().map(this::userTerms).orElse(null));
            }
            if (r.error() != null) {
                m.put("error", r.error());
            }
            handles.add(m);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(key, value);
        result.put("handles", handles);
        output.json(result);
    }
}
