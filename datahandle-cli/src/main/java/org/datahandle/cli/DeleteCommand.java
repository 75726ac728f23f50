package org.datahandle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
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
            if (status.files().isEmpty()) {
                output.out.println("handle '" + handle + "' has no data on disk; nothing to delete");
                output.out.flush();
                return ExitCodes.OK;
            }
            if (!yes && !confirm(status)) {
                return ExitCodes.NOT_CONFIRMED;
            }
            h.deleteDisk();
            output.out.println("deleted handle '" + handle + "': " + status.files().size()
                    + (status.files().size() == 1 ? " file, " : " files, ") + Output.bytes(status.totalSize()));
            output.out.flush();
        }
        return ExitCodes.OK;
    }

    private boolean confirm(DiskStatus status) {
        output.err.println("Delete the data of handle '" + handle + "' (" + Output.bytes(status.totalSize()) + ")?");
        for (DiskStatus.FileInfo f : status.files()) {
            output.err.println("  " + ("file".equals(f.path().getScheme()) ? Path.of(f.path()) : f.path()));
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
