package org.datahandle.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code datahandle json-schema}: prints the workflow JSON Schema the jar carries. */
@Command(name = "json-schema", mixinStandardHelpOptions = true,
        description = {"Print the workflow JSON Schema (draft 2020-12), the one 'validate' checks against.",
            "Save it beside your workflows and point the YAML language server at it with a first line "
                    + "'# yaml-language-server: $schema=workflow.schema.json'."})
final class JsonSchemaCommand implements Callable<Integer> {
    private final Output output;

    JsonSchemaCommand(Output output) {
        this.output = output;
    }

    @Override
    public Integer call() {
        try (InputStream in = WorkflowSchema.text()) {
            output.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the workflow schema from the jar", e);
        }
        output.out.flush();
        return ExitCodes.OK;
    }
}
