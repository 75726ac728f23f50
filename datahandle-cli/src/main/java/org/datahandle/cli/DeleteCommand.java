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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle delete WORKFLOW HANDLE} or {@code delete PATH...}: deletes data on disk, after asking. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a handle's data on disk (or the data at a path or glob): every file, the commit record "
                + "and leftover staging files, so the next run produces it again.",
            "Lists the files and asks for confirmation on standard input unless --yes is given; with no answer "
                    + "(standard input closed) nothing is deleted (exit code 7). Lists every file it removed.",
            "Data DataHandle did not write (no commit record: an input, files another tool put there) may not be "
                    + "re-creatable, so it is refused (exit code 2) unless --allow-external is given."})
final class DeleteCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(arity = "1..*", paramLabel = "DATA",
            description = "WORKFLOW.yaml HANDLE, or a path or glob (several paths are one piece of data).")
    private List<String> data;

    @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
    private boolean yes;

    @Option(names = "--allow-external",
            description = "Also delete data DataHandle did not write (no commit record): inputs, files other tools "
                    + "put there.")
    private boolean allowExternal;

    @Mixin
    private SourceOptions flags;

    /** How messages name the data: {@code handle 'x'} or {@code 'path'}. */
    private String what;

    DeleteCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        if (data.contains(DataSource.STDIO)) {
            throw new UsageException("delete takes a workflow handle or a path; '-' (standard input) has nothing to "
                    + "delete");
        }
        try (DataSource source = DataSource.open("delete", data, flags, output, Catalog.builder())) {
            DataHandle h = source.handle();
            what = DataSource.isWorkflowForm(data) ? "handle '" + source.name() + "'" : "'" + String.join(" ", data) + "'";
            if (h.spec().temporary()) {
                throw new UsageException(what + " is temporary: it has no data on disk to delete");
            }
            DiskStatus status = h.disk().check();
            List<Path> bookkeeping = bookkeeping(h);
            if (status.files().isEmpty() && bookkeeping.isEmpty()) {
                output.out.println(what + " has no data on disk; nothing to delete");
                output.out.flush();
                return ExitCodes.OK;
            }
            boolean external = status.commitRecord() == DiskStatus.CommitRecordState.ABSENT;
            if (external && !allowExternal) {
                throw new UsageException(what + " was not written by DataHandle (no commit record): it may be an input "
                        + "that cannot be made again (" + count(status.files().size()) + ", "
                        + Output.bytes(status.totalSize()) + "); nothing deleted. Add --allow-external to delete it");
            }
            if (!yes && !confirm(status, bookkeeping, external)) {
                return ExitCodes.NOT_CONFIRMED;
            }
            h.deleteDisk();
            int count = status.files().size() + bookkeeping.size();
            output.out.println("deleted " + what + ": " + count(count) + ", " + Output.bytes(status.totalSize())
                    + (bookkeeping.isEmpty() ? "" : " (" + bookkeeping.size() + " of them bookkeeping)")
                    + (external ? "; it was not written by DataHandle" : ""));
            for (DiskStatus.FileInfo f : status.files()) {
                output.out.println("  " + shown(f.path()));
            }
            for (Path p : bookkeeping) {
                output.out.println("  " + p + "  (bookkeeping)");
            }
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

    private static String count(int files) {
        return files + (files == 1 ? " file" : " files");
    }

    private static Object shown(java.net.URI uri) {
        return "file".equals(uri.getScheme()) ? Path.of(uri) : uri;
    }

    private boolean confirm(DiskStatus status, List<Path> bookkeeping, boolean external) {
        output.err.println("Delete the data of " + what + " (" + Output.bytes(status.totalSize()) + ")"
                + (external ? ", which DataHandle did not write (no commit record)" : "") + "?");
        for (DiskStatus.FileInfo f : status.files()) {
            output.err.println("  " + shown(f.path()));
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
