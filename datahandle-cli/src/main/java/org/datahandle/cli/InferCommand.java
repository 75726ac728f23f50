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
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.datahandle.DiskStatus;
import org.datahandle.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle infer PATH...}: what the library infers for a path, without a workflow. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = {"Show what the library infers for each path, as if it were the disk.path of a handle: "
                + "absolute URI, file system, format, compression, default memory format, and whether the data "
                + "is there.",
            "Relative paths resolve against the working folder; $${VAR} and ~ are expanded."})
final class InferCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Paths as they would be written in a workflow.")
    private List<String> paths;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    InferCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        Path base = Path.of("").toAbsolutePath();
        List<Map<String, Object>> results = new ArrayList<>();
        boolean failed = false;
        for (String path : paths) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", path);
            try (Catalog catalog = PathCatalog.of(path, base, Catalog.builder())) {
                describe(catalog.get(PathCatalog.ID), m);
            } catch (SpecException e) {
                failed = true;
                m.put("error", e.problem());
            }
            results.add(m);
        }
        if (json) {
            output.json(results);
        } else {
            for (Map<String, Object> m : results) {
                print(m);
            }
        }
        return failed ? ExitCodes.SPEC : ExitCodes.OK;
    }

    private static void describe(DataHandle h, Map<String, Object> m) {
        DiskSpec disk = h.spec().disk().get();
        DiskPath p = disk.pathList().get(0);
        m.put("uri", p.path().toString());
        m.put("fileSystem", disk.fileSystem());
        m.put("format", disk.format());
        m.put("compression", disk.compression());
        m.put("glob", p.isGlob());
        m.put("memoryFormat", h.spec().memory().format().yamlName());
        try {
            DiskStatus status = h.disk().check();
            m.put("produced", status.produced());
            m.put("files", status.files().stream().map(f -> f.path().toString()).toList());
            m.put("size", status.totalSize());
            m.put("problem", status.problem().orElse(null));
        } catch (DataHandleException e) {
            // inference needs no storage, but looking needs the file system (HDFS, S3 adapters)
            m.put("produced", null);
            m.put("problem", "cannot look at the data: " + e.getMessage());
        }
    }

    private void print(Map<String, Object> m) {
        output.out.println(m.get("path"));
        if (m.containsKey("error")) {
            output.out.println("  error        " + m.get("error"));
            output.out.flush();
            output.err.println("datahandle: error: " + m.get("path") + ": " + m.get("error"));
            output.err.flush();
            return;
        }
        output.out.println("  uri          " + m.get("uri"));
        output.out.println("  fileSystem   " + m.get("fileSystem"));
        output.out.println("  format       " + m.get("format"));
        output.out.println("  compression  " + m.get("compression"));
        output.out.println("  memory       " + m.get("memoryFormat"));
        Object produced = m.get("produced");
        String state;
        if (Boolean.TRUE.equals(produced)) {
            List<?> files = (List<?>) m.get("files");
            state = "produced (" + files.size() + (files.size() == 1 ? " file, " : " files, ")
                    + Output.bytes((Long) m.get("size")) + ")";
        } else if (Boolean.FALSE.equals(produced)) {
            state = "not produced: " + m.get("problem");
        } else {
            state = "unknown: " + m.get("problem");
        }
        output.out.println("  state        " + state);
        output.out.flush();
    }
}
