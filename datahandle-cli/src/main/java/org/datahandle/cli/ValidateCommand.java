package org.datahandle.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.datahandle.Catalog;
import org.datahandle.DiskSpec;
import org.datahandle.ErrorLocation;
import org.datahandle.SpecException;
import org.datahandle.StorageException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code datahandle validate WORKFLOW}: every spec error, from the library (inference, options,
 * {@code isProduced: true} against storage) and from the workflow JSON Schema. {@code validate
 * PATH... [flags]} checks the spec a workflow would hold for that path: what is inferred and the
 * flags, through the same validation.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a workflow YAML: every error with file:line:column.",
            "Checks what the library checks when it loads the file (keys, types, inference, codec options, "
                    + "isProduced: true against storage) and the workflow JSON Schema.",
            "Given a path or glob instead, checks what a workflow would say for it: the format and compression "
                    + "inferred or given, and the flags (--delimiter, --option ...), with the same checks; the rows "
                    + "are not read ('datahandle cat PATH -o csv > /dev/null' parses them all)."})
final class ValidateCommand implements Callable<Integer> {
    private final Output output;

    @Parameters(arity = "1..*", paramLabel = "DATA",
            description = "The workflow YAML file, or a path or glob (several paths are one piece of data).")
    private List<String> data;

    @Mixin
    private SourceOptions flags;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    ValidateCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        if (!DataSource.isWorkflowForm(data)) {
            return validatePath();
        }
        if (data.size() > 1) {
            throw new UsageException("validate checks a whole workflow: give only " + data.get(0) + ", not also "
                    + String.join(" ", data.subList(1, data.size())));
        }
        DataSource.refuseFlags(flags, data.get(0));
        Path workflow = Path.of(data.get(0));
        List<SpecException> errors = errors(workflow);
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workflow", workflow.toAbsolutePath().normalize().toString());
            result.put("valid", errors.isEmpty());
            result.put("errors", errors.stream().map(ValidateCommand::json).toList());
            output.json(result);
        } else if (errors.isEmpty()) {
            output.out.println(workflow + ": valid");
        } else {
            printErrors(errors);
        }
        output.out.flush();
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.SPEC;
    }

    /** The spec generated for a path, loaded as every command loads it; an error names the flag or path. */
    private int validatePath() {
        DataSource.refuseStandardInput("validate", data);
        String name = String.join(" ", data);
        List<SpecException> errors = new ArrayList<>();
        Map<String, Object> spec = new LinkedHashMap<>();
        try (DataSource source = DataSource.open("validate", data, flags, output, Catalog.builder())) {
            DiskSpec disk = source.handle().spec().disk().orElseThrow();
            spec.put("format", disk.format());
            spec.put("compression", disk.compression());
            spec.put("fileSystem", disk.fileSystem());
            spec.put("options", disk.options());
        } catch (SpecException e) {
            errors.add(e);
        }
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("data", data);
            result.put("valid", errors.isEmpty());
            result.put("errors", errors.stream().map(ValidateCommand::json).toList());
            result.put("spec", errors.isEmpty() ? spec : null);
            output.json(result);
        } else if (errors.isEmpty()) {
            StringBuilder line = new StringBuilder(name + ": valid: format " + spec.get("format") + ", compression "
                    + spec.get("compression") + ", file system " + spec.get("fileSystem"));
            Map<?, ?> options = (Map<?, ?>) spec.get("options");
            if (!options.isEmpty()) {
                List<String> kv = new ArrayList<>();
                options.forEach((k, v) -> kv.add(k + "=" + v));
                line.append(", options ").append(String.join(" ", kv));
            }
            output.out.println(line.append(" (rows not read)"));
        } else {
            printErrors(errors);
        }
        output.out.flush();
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.SPEC;
    }

    private void printErrors(List<SpecException> errors) {
        for (SpecException e : errors) {
            output.out.println(e.getMessage());
        }
        output.out.println(errors.size() + (errors.size() == 1 ? " error" : " errors"));
    }

    private static Map<String, Object> json(SpecException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", e.source().orElse(null));
        m.put("line", e.line().isPresent() ? e.line().getAsInt() : null);
        m.put("column", e.column().isPresent() ? e.column().getAsInt() : null);
        m.put("handle", e.handleId().orElse(null));
        m.put("field", e.field().orElse(null));
        m.put("problem", e.problem());
        m.put("message", e.getMessage());
        return m;
    }

    /**
     * The library's errors, then the schema's where the library said nothing about the same field.
     * A document-level error (malformed YAML, a missing file) comes alone: there is no tree to
     * check against the schema.
     */
    static List<SpecException> errors(Path workflow) {
        List<SpecException> library = Catalog.builder().validate(workflow);
        if (library.size() == 1 && library.get(0).handleId().isEmpty() && library.get(0).field().isEmpty()) {
            return library;
        }
        Path file = workflow.toAbsolutePath().normalize();
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException(null, ErrorLocation.of(file.toString()), "cannot read workflow file", e);
        }
        List<SpecException> all = new ArrayList<>(library);
        Set<String> said = new HashSet<>();
        for (SpecException e : library) {
            said.add(e.handleId().orElse("") + " " + e.field().orElse(""));
        }
        YamlTree tree;
        try {
            tree = YamlTree.parse(yaml);
        } catch (YamlEngineException e) {
            return library; // the library reported why; it composes every document this can
        }
        for (SpecException e : WorkflowSchema.load().check(tree, file.toString())) {
            if (said.add(e.handleId().orElse("") + " " + e.field().orElse(""))) {
                all.add(e);
            }
        }
        all.sort(Comparator.comparingInt((SpecException e) -> e.line().orElse(0))
                .thenComparingInt(e -> e.column().orElse(0)));
        return all;
    }
}
