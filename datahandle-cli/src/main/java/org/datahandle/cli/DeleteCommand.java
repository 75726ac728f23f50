package org.datahandle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.datahandle.DiskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle delete WORKFLOW HANDLE}: deletes a handle's data on disk, after asking. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a handle's data on disk: every file, the commit record and leftover staging files, "
                + "so the next run produces it again.",
            "Lists the files and asks for confirmation on standard input unless --yes is given; with no answer "
                    + "(standard input closed) nothing is deleted (exit code 7)."})
final class DeleteCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow YAML file.")
    private Path workflow;

    @Parameters(index = "1", paramLabel = "HANDLE", description = "The handle id.")
    private String handle;

    @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
    private boolean yes;

    DeleteCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        try (Catalog catalog = Catalog.load(workflow)) {
            DataHandle h = catalog.get(handle);
            if (h.spec().temporary()) {
                throw new UsageException("handle '" + handle + "' is temporary: it has no data on disk to delete");
            }
            DiskStatus status = h.disk().check();
            List<Path> bookkeeping = bookkeeping(h);
            if (status.files().isEmpty() && bookkeeping.isEmpty()) {
                output.out.println("handle '" + handle + "' has no data on disk; nothing to delete");
                output.out.flush();
                return ExitCodes.OK;
            }
            if (!yes && !confirm(status, bookkeeping)) {
                return ExitCodes.NOT_CONFIRMED;
            }
            h.deleteDisk();
            int count = status.files().size() + bookkeeping.size();
            output.out.println("deleted handle '" + handle + "': " + count
                    + (count == 1 ? " file, " : " files, ") + Output.bytes(status.totalSize())
                    + (bookkeeping.isEmpty() ? "" : " (" + bookkeeping.size() + " of them bookkeeping)"));
            output.out.flush();
        }
        return ExitCodes.OK;
    }

    /**
     * The hidden files a delete removes beside the data, on local disks: the commit record, staging
     * files a crashed writer left, a record staged by a publish that did not finish (names as in
     * docs/state-machine.md), so the list says everything that goes.
     */
    private static List<Path> bookkeeping(DataHandle h) {
        List<Path> found = new ArrayList<>();
        DiskSpec spec = h.spec().disk().orElseThrow();
        List<DiskPath> paths = spec.pathList();
        String first = Path.of(paths.get(0).path().getPath()).getFileName().toString().replaceAll("[*?\\[\\]{},]", "_");
        String record = "." + first + ".datahandle.json";
        for (DiskPath p : paths) {
            if (!"file".equals(p.path().getScheme())) {
                continue;
            }
            Path file = Path.of(p.path().getPath());
            String name = file.getFileName().toString();
            Path folder = file.getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                continue;
            }
            try (var children = Files.list(folder)) {
                children.filter(c -> {
                    String n = c.getFileName().toString();
                    return (p == paths.get(0) && (n.equals(record) || (n.startsWith(".staging-") && n.endsWith("." + record))))
                            || (!p.isGlob() && n.startsWith(".staging-") && n.endsWith("." + name));
                }).filter(c -> !found.contains(c)).sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        return found;
    }

    private boolean confirm(DiskStatus status, List<Path> bookkeeping) {
        output.err.println("Delete the data of handle '" + handle + "' (" + Output.bytes(status.totalSize()) + ")?");
        for (DiskStatus.FileInfo f : status.files()) {
            output.err.println("  " + ("file".equals(f.path().getScheme()) ? Path.of(f.path()) : f.path()));
        }
        for (Path p : bookkeeping) {
            output.err.println("  " + p + "  (bookkeeping)");
        }
        output.err.print("[y/N] ");
        output.err.flush();
        String answer;
        try {
            answer = output.in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer from standard input", e);
        }
        if (answer == null) {
            output.err.println();
            output.err.println("datahandle: nothing deleted: no answer on standard input; use --yes to delete "
                    + "without asking");
            output.err.flush();
            return false;
        }
        String a = answer.trim().toLowerCase(Locale.ROOT);
        if (a.equals("y") || a.equals("yes")) {
            return true;
        }
        output.err.println("datahandle: nothing deleted");
        output.err.flush();
        return false;
    }
}
