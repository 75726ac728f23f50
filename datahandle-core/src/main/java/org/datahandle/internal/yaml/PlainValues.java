package org.datahandle.internal.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.constructor.core.ConstructYamlCoreBool;
import org.snakeyaml.engine.v2.constructor.core.ConstructYamlCoreFloat;
import org.snakeyaml.engine.v2.constructor.core.ConstructYamlCoreInt;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Converts free-form YAML ({@code disk.options}) to plain Java values: {@code String},
 * {@code Boolean}, {@code Integer}/{@code Long}/{@code BigInteger}, {@code Double}, {@code null},
 * unmodifiable {@code List}s, and unmodifiable {@code Map<String, Object>}s in the order written.
 *
 * <p>Scalars are built with the engine's core-schema constructors, the same rules that resolved
 * their tags, so {@code 0x1F}, {@code .inf} and {@code True} mean what YAML 1.2 says. Tags were
 * already restricted to the core schema by {@link SafeComposer}, and the node graph's expanded size
 * bounded, so this recursion is safe.
 */
final class PlainValues {
    private static final ConstructYamlCoreInt INT = new ConstructYamlCoreInt();
    private static final ConstructYamlCoreFloat FLOAT = new ConstructYamlCoreFloat();
    private static final ConstructYamlCoreBool BOOL = new ConstructYamlCoreBool();

    private final WorkflowReader reader;

    PlainValues(WorkflowReader reader) {
        this.reader = reader;
    }

    Map<String, Object> map(MappingNode node, String id, String field) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> entry : reader.entries(node, id, field).entrySet()) {
            String key = entry.getKey();
            map.put(key, value(entry.getValue().getValueNode(), id, WorkflowReader.dotted(field, key)));
        }
        return Collections.unmodifiableMap(map);
    }

    Object value(Node node, String id, String field) {
        if (node instanceof MappingNode map) {
            return map(map, id, field);
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>(sequence.getValue().size());
            for (Node item : sequence.getValue()) {
                list.add(value(item, id, field));
            }
            return Collections.unmodifiableList(list);
        }
        return scalar((ScalarNode) node, id, field);
    }

    private Object scalar(ScalarNode scalar, String id, String field) {
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        try {
            if (tag.equals(Tag.BOOL)) {
                String spelled = scalar.getValue().toLowerCase(Locale.ROOT);
                if (!spelled.equals("true") && !spelled.equals("false")) {
                    throw new IllegalArgumentException("not a boolean");
                }
                return BOOL.construct(scalar);
            }
            if (tag.equals(Tag.INT)) {
                return INT.construct(scalar);
            }
            if (tag.equals(Tag.FLOAT)) {
                return FLOAT.construct(scalar);
            }
        } catch (RuntimeException e) {
            // only reachable with an explicit tag on a value of another kind: '!!int abc'
            throw reader.error(scalar, id, field, "'" + scalar.getValue() + "' is not a valid "
                    + SafeComposer.shortTag(tag).substring(2));
        }
        // STR, or ENV_TAG for a plain ${VAR}: text as written
        return scalar.getValue();
    }
}
