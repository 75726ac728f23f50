package org.datahandle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.datahandle.SpecException;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * The workflow JSON Schema (draft 2020-12) shipped in the jar, the same file as
 * {@code docs/workflow.schema.json}, and its check of a YAML document.
 */
final class WorkflowSchema {
    /** Where the build puts docs/workflow.schema.json inside the jar. */
    static final String RESOURCE = "workflow.schema.json";

    private final Schema schema;

    private WorkflowSchema(Schema schema) {
        this.schema = schema;
    }

    static WorkflowSchema load() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ROOT)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        try (InputStream in = text()) {
            return new WorkflowSchema(registry.getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the workflow schema from the jar", e);
        }
    }

    /** The schema file's bytes. */
    static InputStream text() {
        InputStream in = WorkflowSchema.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the jar has no " + RESOURCE + "; it was built without docs/");
        }
        return in;
    }

    /**
     * Every schema violation of a document, as spec errors with the file, line and column of the
     * value at fault (of the key, for a key the schema does not allow), in document order.
     */
    List<SpecException> check(YamlTree tree, String source) {
        JsonNode root = tree.root();
        boolean sectioned = root.isObject() && root.has("dataHandles");
        List<SpecException> errors = new ArrayList<>();
        for (Error m : schema.validate(root)) {
            if (isUmbrella(m)) {
                continue;
            }
            errors.add(toSpecException(m, tree, source, sectioned));
        }
        errors.sort(Comparator.comparingInt((SpecException e) -> e.line().orElse(0))
                .thenComparingInt(e -> e.column().orElse(0)));
        return errors;
    }

    /**
     * The 'if/then/else' and 'oneOf' keywords repeat failures their branches already report one by
     * one; keeping only the branch errors says each thing once.
     */
    private static boolean isUmbrella(Error m) {
        String type = m.getKeyword();
        return type.equals("if") || type.equals("then") || type.equals("else") || type.equals("$ref");
    }

    private static SpecException toSpecException(Error m, YamlTree tree, String source, boolean sectioned) {
        List<String> path = segments(m.getInstanceLocation());
        String property = m.getProperty();
        boolean keyError = property != null && (m.getKeyword().equals("additionalProperties")
                || m.getKeyword().equals("propertyNames") || m.getKeyword().equals("unevaluatedProperties"));
        String pointer = pointer(path);
        Optional<Mark> mark = keyError ? tree.keyAt(pointer + "/" + YamlTree.escape(property)) : tree.valueAt(pointer);
        if (mark.isEmpty()) {
            mark = tree.valueAt(pointer);
        }
        int handleIndex = sectioned ? 1 : 0;
        String handle = path.size() > handleIndex ? path.get(handleIndex) : null;
        List<String> fieldPath = new ArrayList<>(path.size() > handleIndex + 1
                ? path.subList(handleIndex + 1, path.size()) : List.of());
        if (keyError) {
            fieldPath.add(property);
        }
        String field = fieldPath.isEmpty() ? null : String.join(".", fieldPath);
        int line = mark.map(x -> x.getLine() + 1).orElse(0);
        int column = mark.map(x -> x.getColumn() + 1).orElse(0);
        return new SpecException(source, handle, field, line, column, "does not match the workflow schema: "
                + problem(m));
    }

    /** The validator's message without the location it starts with (the file position says it better). */
    private static String problem(Error m) {
        String text = m.getMessage();
        String location = m.getInstanceLocation().toString();
        if (text.startsWith(location + ": ")) {
            text = text.substring(location.length() + 2);
        } else if (text.startsWith(": ")) {
            text = text.substring(2);
        }
        return text;
    }

    private static List<String> segments(NodePath path) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < path.getNameCount(); i++) {
            names.add(String.valueOf(path.getElement(i)));
        }
        return names;
    }

    private static String pointer(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/').append(YamlTree.escape(s));
        }
        return sb.toString();
    }
}
