package org.datahandle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A workflow YAML document as a JSON tree for the schema validator, with the line and column of
 * every value and key, so a schema error can point into the file like a spec error does.
 *
 * <p>Only called on documents the library has already composed safely (its size, alias and depth
 * limits), so aliases can be expanded here without re-checking them.
 */
final class YamlTree {
    private final Map<String, Mark> values = new HashMap<>();
    private final Map<String, Mark> keys = new HashMap<>();
    private final JsonNode root;

    private YamlTree(Node node) {
        this.root = node == null ? JsonNodeFactory.instance.nullNode() : convert(node, "");
    }

    /** Composes a document; an empty document is JSON {@code null}. */
    static YamlTree parse(String yaml) {
        LoadSettings settings = LoadSettings.builder().setAllowRecursiveKeys(false).build();
        Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)));
        Optional<Node> node = composer.getSingleNode();
        return new YamlTree(node.orElse(null));
    }

    JsonNode root() {
        return root;
    }

    /** Where the value at a JSON pointer ({@code /dataHandles/a/disk}) starts. */
    Optional<Mark> valueAt(String pointer) {
        return Optional.ofNullable(values.get(pointer));
    }

    /** Where the key that names the value at a JSON pointer starts. */
    Optional<Mark> keyAt(String pointer) {
        return Optional.ofNullable(keys.get(pointer));
    }

    private JsonNode convert(Node node, String pointer) {
        node.getStartMark().ifPresent(m -> values.putIfAbsent(pointer, m));
        if (node instanceof MappingNode map) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (NodeTuple t : map.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(t.getKeyNode());
                String child = pointer + "/" + escape(key);
                t.getKeyNode().getStartMark().ifPresent(m -> keys.putIfAbsent(child, m));
                object.set(key, convert(t.getValueNode(), child));
            }
            return object;
        }
        if (node instanceof SequenceNode seq) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            int i = 0;
            for (Node item : seq.getValue()) {
                array.add(convert(item, pointer + "/" + i++));
            }
            return array;
        }
        return scalar((ScalarNode) node);
    }

    /** YAML 1.2 core schema, the one the library reads with: {@code True} is a boolean, {@code yes} a string. */
    private static JsonNode scalar(ScalarNode s) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String v = s.getValue();
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return f.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            return f.booleanNode(v.toLowerCase(Locale.ROOT).equals("true"));
        }
        if (tag.equals(Tag.INT)) {
            try {
                if (v.startsWith("0x")) {
                    return f.numberNode(new BigInteger(v.substring(2), 16));
                }
                if (v.startsWith("0o")) {
                    return f.numberNode(new BigInteger(v.substring(2), 8));
                }
                return f.numberNode(new BigInteger(v));
            } catch (NumberFormatException e) {
                return f.textNode(v);
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            String lower = v.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".inf") || lower.equals(".nan")) {
                return f.textNode(v); // JSON has no infinities; no schema field takes a float anyway
            }
            try {
                return f.numberNode(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                return f.textNode(v);
            }
        }
        return f.textNode(v);
    }

    /** JSON pointer escaping (RFC 6901). */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
