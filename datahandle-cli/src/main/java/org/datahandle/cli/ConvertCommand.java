package org.datahandle.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.HandleNotFoundException;
import org.datahandle.TableSink;
import org.datahandle.TableStream;
import org.datahandle.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code datahandle convert WORKFLOW FROM TO}: copies a handle's data into another handle (or a
 * path) through the state machine, batch by batch in constant memory: the target is staged and
 * published atomically with a commit record, or not at all.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Copy the data of handle FROM into TO, converting format and compression: TO is a handle "
                + "of the workflow or, if no handle has that id, a path (relative to the working folder) whose "
                + "format and compression are inferred.",
            "Streams in constant memory. The target is published atomically with a commit record, or not at all; "
                    + "an already produced target is refused (exit code 6).",
            "Progress goes to standard error: a line redrawn in place on a terminal, a log line every 5 s "
                    + "otherwise."})
final class ConvertCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow YAML file.")
    private Path workflow;

    @Parameters(index = "1", paramLabel = "FROM", description = "The handle to read.")
    private String from;

    @Parameters(index = "2", paramLabel = "TO", description = "The handle to write, or a path.")
    private String to;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, bar, log or none (default: ${DEFAULT-VALUE}: bar on a terminal, log otherwise).")
    private Progress.Mode progressMode;

    ConvertCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        CountingFileSystems counting = new CountingFileSystems(Catalog.class.getClassLoader());
        try (Catalog catalog = Catalog.builder().registry(counting.registry()).load(workflow)) {
            DataHandle source = catalog.get(from);
            if (isHandle(catalog, to)) {
                copy(source, catalog.get(to), to, counting);
            } else {
                try (Catalog target = PathCatalog.of(to, Path.of("").toAbsolutePath(),
                        Catalog.builder().registry(counting.registry()))) {
                    copy(source, target.get(PathCatalog.ID), to, counting);
                }
            }
        }
        return ExitCodes.OK;
    }

    /** A TO that names no handle and does not look like a path is a typo: say so with did-you-mean. */
    private static boolean isHandle(Catalog catalog, String id) {
        try {
            catalog.get(id);
            return true;
        } catch (HandleNotFoundException e) {
            if (id.contains("/") || id.contains(".") || id.startsWith("~") || id.contains(":")) {
                return false;
            }
            throw e;
        }
    }

    private void copy(DataHandle source, DataHandle target, String targetName, CountingFileSystems counting) {
        long total = source.disk().check().totalSize();
        long before = counting.bytesRead();
        Progress progress = Progress.create(progressMode, total, output.err);
        long rows = 0;
        try (TableStream in = source.stream(); TableSink out = target.sink(in.schema())) {
            while (in.hasNext()) {
                Table batch = in.next();
                out.write(batch);
                rows += batch.rowCount();
                progress.update(counting.bytesRead() - before, rows);
            }
            out.commit();
        }
        long read = counting.bytesRead() - before;
        progress.finish(read, rows);
        output.out.println("converted '" + source.id() + "' to '" + targetName + "': " + progress.summary(read, rows));
        for (java.net.URI uri : target.disk().pathsForRead()) {
            output.out.println("  " + ("file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.toString()));
        }
        output.out.flush();
    }
}
