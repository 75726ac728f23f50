package org.datahandle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.HandleNotFoundException;
import org.datahandle.TableSink;
import org.datahandle.TableStream;
import org.datahandle.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code datahandle convert FROM... TO} or {@code datahandle convert WORKFLOW FROM TO}: copies data
 * into another handle, a path or standard output, through the state machine, batch by batch in
 * constant memory: the target is staged and published atomically with a commit record, or not at all.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Copy data into TO, converting format and compression. The data is a path, a glob, '-' "
                + "(standard input) or WORKFLOW.yaml HANDLE. TO is a path whose format and compression are "
                + "inferred (relative to the working folder), '-' for standard output (with --to-format), or, "
                + "after a workflow, one of its handles.",
            "Streams in constant memory. The target is published atomically with a commit record, or not at all; "
                    + "an already produced target is refused (exit code 6).",
            "Progress goes to standard error: a line redrawn in place on a terminal, a log line every 5 s "
                    + "otherwise."})
final class ConvertCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(arity = "2..*", paramLabel = "DATA",
            description = "The data to read (a path, a glob, '-', or WORKFLOW.yaml HANDLE), then TO: the handle or "
                    + "path to write, or '-' for standard output.")
    private List<String> args;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, bar, log or none (default: ${DEFAULT-VALUE}: bar on a terminal, log otherwise).")
    private Progress.Mode progressMode;

    @Option(names = "--to-format", paramLabel = "FORMAT",
            description = "The format to write when TO's suffix does not say it; needed for '-' (standard output).")
    private String toFormat;

    @Option(names = "--to-compression", paramLabel = "NAME",
            description = "The compression to write (gz, bgz, zst) when TO's suffix does not say it.")
    private String toCompression;

    @Mixin
    private SourceOptions flags;

    ConvertCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        CountingFileSystems counting = new CountingFileSystems(Catalog.class.getClassLoader());
        List<String> from = args.subList(0, args.size() - 1);
        String to = args.get(args.size() - 1);
        if (DataSource.isWorkflowForm(args) && args.size() != 3) {
            throw new UsageException("convert WORKFLOW.yaml FROM TO: give one handle to read and one target, got "
                    + String.join(" ", args.subList(1, args.size())));
        }
        try (DataSource source = DataSource.open("convert", from, flags, output,
                Catalog.builder().registry(counting.registry()))) {
            if (DataSource.isWorkflowForm(from) && isHandle(source.catalog(), to)) {
                if (toFormat != null || toCompression != null) {
                    throw new UsageException("--to-format and --to-compression apply to a path; handle '" + to
                            + "' takes them from its disk: spec");
                }
                copy(source, source.catalog().get(to), to, counting, false);
            } else if (to.equals(DataSource.STDIO)) {
                toStandardOutput(source, counting);
            } else {
                try (Catalog target = PathCatalog.of(targetDisk(to), Path.of("").toAbsolutePath(),
                        Catalog.builder().registry(counting.registry()))) {
                    copy(source, target.get(PathCatalog.ID), to, counting, false);
                }
            }
        }
        return ExitCodes.OK;
    }

    private Map<String, Object> targetDisk(String path) {
        Map<String, Object> disk = new LinkedHashMap<>();
        disk.put("path", path);
        if (toFormat != null) {
            disk.put("format", toFormat);
        }
        if (toCompression != null) {
            disk.put("compression", toCompression);
        }
        return disk;
    }

    /** Written to a temporary file first (the codec and the commit rules stay the same), then copied out. */
    private void toStandardOutput(DataSource source, CountingFileSystems counting) {
        if (toFormat == null) {
            throw new UsageException("writing to standard output needs --to-format (e.g. --to-format csv): there is "
                    + "no file name to infer it from");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("datahandle-stdout");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for standard output", e);
        }
        try {
            String name = dir.resolve("stdout." + toFormat + (toCompression == null ? "" : "." + toCompression))
                    .toString();
            try (Catalog target = PathCatalog.of(targetDisk(name), dir,
                    Catalog.builder().registry(counting.registry()))) {
                DataHandle handle = target.get(PathCatalog.ID);
                copy(source, handle, DataSource.STDIO, counting, true);
                output.out.flush();
                for (URI uri : handle.disk().pathsForRead()) {
                    Files.copy(Path.of(uri), output.rawOut);
                }
                output.rawOut.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to standard output", e);
        } finally {
            DataSource.deleteQuietly(dir);
        }
    }

    /** A TO that names no handle and does not look like a path is a typo: say so with did-you-mean. */
    private static boolean isHandle(Catalog catalog, String id) {
        try {
            catalog.get(id);
            return true;
        } catch (HandleNotFoundException e) {
            if (id.contains("/") || id.contains(".") || id.startsWith("~") || id.contains(":")
                    || id.equals(DataSource.STDIO)) {
                return false;
            }
            throw e;
        }
    }

    private void copy(DataSource source, DataHandle target, String targetName, CountingFileSystems counting,
            boolean toStdout) {
        long total = source.handle().disk().check().totalSize();
        long before = counting.bytesRead();
        Progress progress = Progress.create(output.quiet ? Progress.Mode.none : progressMode, total, output.err);
        long rows = 0;
        try (TableStream in = source.handle().stream(); TableSink out = target.sink(in.schema())) {
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
        String summary = "converted '" + source.name() + "' to '" + targetName + "': " + progress.summary(read, rows);
        if (toStdout) {
            // standard output carries the data itself
            output.note(summary);
            return;
        }
        output.out.println(summary);
        for (URI uri : target.disk().pathsForRead()) {
            output.out.println("  " + ("file".equals(uri.getScheme()) ? Path.of(uri).toString() : uri.toString()));
        }
        output.out.flush();
    }
}
