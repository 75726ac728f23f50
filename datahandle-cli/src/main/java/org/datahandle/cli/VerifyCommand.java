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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code datahandle verify WORKFLOW|PATH... [--adopt]}: re-checks the content of every handle's data. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-check every handle's data on disk (or the data of a path or glob): read each file and compare its CRC32C with the "
                + "commit record, even where sizes and times match. A record whose files kept their content but not "
                + "their times (copied without -p, touched) is refreshed.",
            "Data without a record is reported and left alone; with --adopt, complete data without a record gets "
                    + "one, so later changes are noticed.",
            "Exit code 5 when some data does not match its record or a record could not be written."})
final class VerifyCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(arity = "1..*", paramLabel = "DATA",
            description = "WORKFLOW.yaml, then optionally some of its handles; or a path or glob (several paths are "
                    + "one piece of data).")
    private List<String> data;

    @Mixin
    private SourceOptions flags;

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
        String key;
        Object value;
        if (DataSource.isWorkflowForm(data)) {
            DataSource.refuseFlags(flags, data.get(0));
            Path workflow = Path.of(data.get(0));
            key = "workflow";
            value = workflow.toAbsolutePath().normalize().toString();
            try (Catalog catalog = Catalog.load(workflow)) {
                List<DataHandle> handles = data.size() == 1 ? List.copyOf(catalog.handles())
                        : data.subList(1, data.size()).stream().map(catalog::get).toList();
                for (DataHandle h : handles) {
                    if (!h.spec().temporary()) {
                        verdicts.add(verify(h.id(), h));
                    }
                }
            }
        } else {
            DataSource.refuseStandardInput("verify", data);
            key = "data";
            value = data;
            try (DataSource source = DataSource.open("verify", data, flags, output, Catalog.builder())) {
                verdicts.add(verify(String.join(" ", data), source.handle()));
            }
        }
        boolean bad = verdicts.stream().anyMatch(v -> v.result().equals("mismatch") || v.result().equals("error"));
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
            result.put(key, value);
            result.put("handles", list);
            output.json(result);
        } else {
            TextTable table = new TextTable(List.of(output.pathForm ? "DATA" : "HANDLE", "RESULT", "DETAIL"));
            for (Verdict v : verdicts) {
                table.add(List.of(v.handle(), v.result(), v.detail()));
            }
            table.print(output.out);
            output.out.flush();
        }
        return bad ? ExitCodes.NOT_PRODUCED : ExitCodes.OK;
    }

    private Verdict verify(String name, DataHandle h) {
        try {
            DiskStatus status = h.disk().verify();
            switch (status.commitRecord()) {
                case MATCHES:
                    return new Verdict(name, "ok", status.files().size() + " file(s), content matches the record");
                case MISMATCH:
                    return new Verdict(name, "mismatch", terms(status.problem().orElse("")));
                default:
                    if (!status.produced()) {
                        return new Verdict(name, "not produced", terms(status.problem().orElse("")));
                    }
                    if (adopt && h.disk().adopt()) {
                        return new Verdict(name, "adopted", "a commit record now vouches for "
                                + status.files().size() + " file(s)");
                    }
                    return new Verdict(name, "no record", "complete data without a commit record (an input from "
                            + "outside); --adopt writes one");
            }
        } catch (DataHandleException e) {
            return new Verdict(name, "error", e.getMessage());
        }
    }

    /** A message about a path's generated handle, without the id the user never wrote. */
    private String terms(String message) {
        return output.pathForm ? PathCatalog.inUserTerms(message) : message;
    }
}
