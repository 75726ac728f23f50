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
import org.datahandle.DiskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle verify WORKFLOW [--adopt]}: re-checks the content of every handle's data. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-check every handle's data on disk: read each file and compare its CRC32C with the "
                + "commit record, even where sizes and times match. A record whose files kept their content but not "
                + "their times (copied without -p, touched) is refreshed.",
            "Data without a record is reported and left alone; with --adopt, complete data without a record gets "
                    + "one, so later changes are noticed.",
            "Exit code 5 when some data does not match its record or a record could not be written."})
final class VerifyCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow YAML file.")
    private Path workflow;

    @Option(names = "--adopt", description = "Write a commit record for complete data that has none.")
    private boolean adopt;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    VerifyCommand(Output output) {
        this.output = output;
    }

    /** One handle's verdict. */
    private record Verdict(String handle, String result, String detail) {}

    @Override
    public Integer call() {
        List<Verdict> verdicts = new ArrayList<>();
        boolean bad = false;
        try (Catalog catalog = Catalog.load(workflow)) {
            for (DataHandle h : catalog.handles()) {
                if (h.spec().temporary()) {
                    continue;
                }
                Verdict v = verify(h);
                bad |= v.result().equals("mismatch") || v.result().equals("error");
                verdicts.add(v);
            }
        }
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Verdict v : verdicts) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", v.handle());
                m.put("result", v.result());
                m.put("detail", v.detail());
                list.add(m);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workflow", workflow.toAbsolutePath().normalize().toString());
            result.put("handles", list);
            output.json(result);
        } else {
            TextTable table = new TextTable(List.of("HANDLE", "RESULT", "DETAIL"));
            for (Verdict v : verdicts) {
                table.add(List.of(v.handle(), v.result(), v.detail()));
            }
            table.print(output.out);
            output.out.flush();
        }
        return bad ? ExitCodes.NOT_PRODUCED : ExitCodes.OK;
    }

    private Verdict verify(DataHandle h) {
        try {
            DiskStatus status = h.disk().verify();
            switch (status.commitRecord()) {
                case MATCHES:
                    return new Verdict(h.id(), "ok", status.files().size() + " file(s), content matches the record");
                case MISMATCH:
                    return new Verdict(h.id(), "mismatch", status.problem().orElse(""));
                default:
                    if (!status.produced()) {
                        return new Verdict(h.id(), "not produced", status.problem().orElse(""));
                    }
                    if (adopt && h.disk().adopt()) {
                        return new Verdict(h.id(), "adopted", "a commit record now vouches for "
                                + status.files().size() + " file(s)");
                    }
                    return new Verdict(h.id(), "no record", "complete data without a commit record (an input from "
                            + "outside); --adopt writes one");
            }
        } catch (DataHandleException e) {
            return new Verdict(h.id(), "error", e.getMessage());
        }
    }
}
