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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle status WORKFLOW}: every handle's spec, files and state. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every handle of a workflow: format, compression, file system, files (wildcards "
                + "expanded), disk and memory state, size, and whether the commit record of data the library "
                + "published still matches the files.",
            "Memory is never produced in a new process, so it reads 'not produced' here."})
final class StatusCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow YAML file.")
    private Path workflow;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    StatusCommand(Output output) {
        this.output = output;
    }

    /** One handle's row, gathered before printing so text and JSON say the same. */
    private record Row(DataHandle handle, HandleState state, DiskStatus disk, String error) {}

    @Override
    public Integer call() {
        if (!output.verbose) {
            // every problem the library warns about is in this command's own output (RECORD and the
            // notes), once; its log warnings would print each again, once per look at the disk
            DataHandleCommand.LIBRARY_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
        try (Catalog catalog = Catalog.load(workflow)) {
            List<Row> rows = new ArrayList<>();
            for (DataHandle h : catalog.handles()) {
                rows.add(row(h));
            }
            if (json) {
                printJson(rows);
            } else {
                printText(rows);
            }
        }
        return ExitCodes.OK;
    }

    /** A handle whose storage cannot be asked (HDFS without its adapter) gets a row saying why, not a crash. */
    private static Row row(DataHandle h) {
        if (h.spec().temporary()) {
            return new Row(h, h.state(), null, null);
        }
        try {
            DiskStatus disk = h.disk().check();
            return new Row(h, h.state(), disk, null);
        } catch (DataHandleException e) {
            return new Row(h, null, null, e.getMessage());
        }
    }

    private void printText(List<Row> rows) {
        TextTable table = new TextTable(List.of("HANDLE", "FORMAT", "COMPRESSION", "FS", "DISK", "MEMORY", "SIZE",
                "RECORD", "PATHS"));
        List<String> notes = new ArrayList<>();
        for (Row r : rows) {
            DataHandle h = r.handle();
            String memory = r.state() == null ? "?" : Output.state(r.state().memory());
            if (h.spec().temporary()) {
                table.add(List.of(h.id(), "-", "-", "-", "temporary", memory, "-", "-", "-"));
                continue;
            }
            DiskSpec spec = h.spec().disk().get();
            String disk = r.state() == null ? "unknown" : Output.state(r.state().disk());
            String size = r.disk() == null ? "-" : Output.bytes(r.disk().totalSize());
            String record = r.disk() == null ? "-" : Output.state(r.disk().commitRecord());
            table.add(List.of(h.id(), spec.format(), spec.compression(), spec.fileSystem(), disk, memory, size, record,
                    String.join("\n", paths(spec, r.disk()))));
            if (r.error() != null) {
                notes.add(h.id() + ": " + r.error());
            } else if (r.disk().problem().isPresent()) {
                notes.add(h.id() + ": " + r.disk().problem().get());
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

    private void printJson(List<Row> rows) {
        List<Map<String, Object>> handles = new ArrayList<>();
        for (Row r : rows) {
            DataHandle h = r.handle();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", h.id());
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
                m.put("problem", r.disk().problem().orElse(null));
            }
            if (r.error() != null) {
                m.put("error", r.error());
            }
            handles.add(m);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("workflow", workflow.toAbsolutePath().normalize().toString());
        result.put("handles", handles);
        output.json(result);
    }
}
