package org.datahandle.internal.yaml;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.datahandle.SpecException;
import org.datahandle.internal.spec.HandleDeclaration;
import org.datahandle.spi.DidYouMean;
import org.datahandle.spi.DiskDeclaration;
import org.datahandle.spi.Positioned;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the handles of a workflow YAML into {@link HandleDeclaration}s: structure and value types
 * are checked here, with the line and column of every value kept for later errors; nothing is
 * inferred or expanded ({@code ${VAR}}, {@code ~} and relative paths stay as written).
 *
 * <p>{@code memory.isProduced} is accepted with either value because {@link WorkflowWriter} writes
 * the live state; the catalog ignores a {@code true} there (memory is never produced when a process
 * starts) and says so in a note.
 */
public final class WorkflowReader {
    static final String SECTION = "dataHandles";
    static final List<String> HANDLE_KEYS = List.of("id", "disk", "memory");
    static final List<String> DISK_KEYS =
            List.of("path", "format", "compression", "fileSystem", "isProduced", "options", "partitionBy", "pathList");
    static final List<String> MEMORY_KEYS = List.of("format", "isProduced");

    private final String source;
    private final PlainValues plainValues;
    /** Where errors inside one handle go when reading on past them ({@link #readEach}); null: throw. */
    private final List<SpecException> handleErrors;

    private WorkflowReader(String source, List<SpecException> handleErrors) {
        this.source = source;
        this.plainValues = new PlainValues(this);
        this.handleErrors = handleErrors;
    }

    /**
     * Reads every handle of a workflow document, in the order written.
     *
     * @param yaml the document: a map of handles, or a map with them under {@code dataHandles:}
     * @param sourceName the file name to put in error messages; {@code <yaml>} when null
     * @return the declarations; empty for an empty document or an empty {@code dataHandles:}
     * @throws SpecException for malformed or unsafe YAML, unknown keys, wrong value types or
     *     duplicate ids, with line and column
     */
    public static List<HandleDeclaration> read(String yaml, String sourceName) {
        return read(yaml, sourceName, YamlLimits.DEFAULT);
    }

    /** As {@link #read(String, String)}, with other safety limits. */
    public static List<HandleDeclaration> read(String yaml, String sourceName, YamlLimits limits) {
        requireNonNull(yaml, "yaml is null");
        requireNonNull(limits, "limits is null");
        String source = sourceName == null ? "<yaml>" : sourceName;
        Optional<Node> root = SafeComposer.compose(yaml, source, limits);
        return root.isEmpty() ? List.of() : new WorkflowReader(source, null).readRoot(root.get());
    }

    /**
     * As {@link #read(String, String)}, but an error inside one handle goes to {@code handleErrors}
     * and the reader goes on with the next handle, so a validator can report every bad handle.
     * Document-level errors (malformed YAML, a root that is not a map, duplicate ids) still throw.
     *
     * @return the declarations of the handles without errors
     */
    public static List<HandleDeclaration> readEach(String yaml, String sourceName, List<SpecException> handleErrors) {
        requireNonNull(yaml, "yaml is null");
        requireNonNull(handleErrors, "handleErrors is null");
        String source = sourceName == null ? "<yaml>" : sourceName;
        Optional<Node> root = SafeComposer.compose(yaml, source, YamlLimits.DEFAULT);
        return root.isEmpty() ? List.of() : new WorkflowReader(source, handleErrors).readRoot(root.get());
    }

    private List<HandleDeclaration> readRoot(Node root) {
        if (isNull(root)) {
            return List.of();
        }
        if (!(root instanceof MappingNode rootMap)) {
            throw error(root, null, null, "a workflow must be a map of handles, or have them under '" + SECTION
                    + ":'; found " + describe(root));
        }
        // Other top-level keys belong to the engine, so only 'dataHandles' itself is looked at here.
        NodeTuple section = null;
        for (NodeTuple tuple : rootMap.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(SECTION)) {
                if (section != null) {
                    throw error(key, null, SECTION, "duplicate key '" + SECTION + "': first at line "
                            + SafeComposer.line(section.getKeyNode().getStartMark()) + ", again at line "
                            + SafeComposer.line(key.getStartMark()));
                }
                section = tuple;
            }
        }
        if (section == null) {
            return readHandles(rootMap);
        }
        Node handles = section.getValueNode();
        if (isNull(handles)) {
            return List.of();
        }
        if (!(handles instanceof MappingNode handlesMap)) {
            throw error(handles, null, SECTION, "expected a map of handle id to handle, found " + describe(handles));
        }
        return readHandles(handlesMap);
    }

    private List<HandleDeclaration> readHandles(MappingNode handles) {
        Map<String, Node> seen = new LinkedHashMap<>();
        List<HandleDeclaration> result = new ArrayList<>();
        for (NodeTuple tuple : handles.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String id = text(keyNode, null, null, "a handle id");
            Node first = seen.putIfAbsent(id, keyNode);
            if (first != null) {
                throw error(keyNode, id, null, "duplicate handle id: declared at line " + SafeComposer.line(first.getStartMark())
                        + " and again at line " + SafeComposer.line(keyNode.getStartMark()));
            }
            if (id.isBlank()) {
                throw error(keyNode, null, null, "a handle id must not be blank");
            }
            if (handleErrors == null) {
                result.add(readHandle(id, keyNode, tuple.getValueNode()));
                continue;
            }
            try {
                result.add(readHandle(id, keyNode, tuple.getValueNode()));
            } catch (SpecException e) {
                handleErrors.add(e);
            }
        }
        return List.copyOf(result);
    }

    private HandleDeclaration readHandle(String id, Node keyNode, Node value) {
        Positioned<String> position = positioned(id, keyNode);
        if (isNull(value)) {
            return new HandleDeclaration(id, position, Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (!(value instanceof MappingNode handleMap)) {
            throw error(value, id, null, "expected a map with 'disk' and/or 'memory' ({} for a temporary handle), found "
                    + describe(value));
        }
        Map<String, NodeTuple> fields = knownEntries(handleMap, id, null, HANDLE_KEYS, "handle");
        NodeTuple idTuple = fields.get("id");
        if (idTuple != null) {
            String declared = text(idTuple.getValueNode(), id, "id", "a string");
            if (!declared.equals(id)) {
                throw error(idTuple.getValueNode(), id, "id", "id '" + declared + "' does not match the handle's key '"
                        + id + "'");
            }
        }
        Optional<DiskDeclaration> disk = Optional.ofNullable(fields.get("disk")).map(t -> readDisk(id, t));
        Optional<Positioned<String>> memoryFormat = Optional.empty();
        Optional<Positioned<Boolean>> memoryIsProduced = Optional.empty();
        NodeTuple memoryTuple = fields.get("memory");
        if (memoryTuple != null && !isNull(memoryTuple.getValueNode())) {
            Node memoryNode = memoryTuple.getValueNode();
            if (!(memoryNode instanceof MappingNode memoryMap)) {
                throw error(memoryNode, id, "memory", "expected a map with 'format' and/or 'isProduced', found "
                        + describe(memoryNode));
            }
            Map<String, NodeTuple> memory = knownEntries(memoryMap, id, "memory", MEMORY_KEYS, "memory");
            memoryFormat = optionalText(memory.get("format"), id, "memory.format");
            // the name is checked by the catalog, which knows the memory forms that modules register
            memoryIsProduced = optionalBoolean(memory.get("isProduced"), id, "memory.isProduced");
        }
        return new HandleDeclaration(id, position, disk, memoryFormat, memoryIsProduced);
    }

    private DiskDeclaration readDisk(String id, NodeTuple diskTuple) {
        Node diskNode = diskTuple.getValueNode();
        if (isNull(diskNode)) {
            throw error(diskNode, id, "disk", "the disk section is empty: give disk.path, or remove 'disk:' for a "
                    + "temporary handle");
        }
        if (!(diskNode instanceof MappingNode diskMap)) {
            throw error(diskNode, id, "disk", "expected a map with at least 'path', found " + describe(diskNode));
        }
        Map<String, NodeTuple> disk = knownEntries(diskMap, id, "disk", DISK_KEYS, "disk");
        NodeTuple pathTuple = disk.get("path");
        if (pathTuple == null) {
            throw error(diskNode, id, "disk.path", "missing: every disk needs a path (a string or a list of strings)");
        }
        List<Positioned<String>> paths = readPaths(pathTuple.getValueNode(), id);
        Optional<Positioned<String>> format = optionalText(disk.get("format"), id, "disk.format");
        Optional<Positioned<String>> compression = optionalText(disk.get("compression"), id, "disk.compression");
        Optional<Positioned<String>> fileSystem = optionalText(disk.get("fileSystem"), id, "disk.fileSystem");
        Optional<Positioned<Boolean>> isProduced = optionalBoolean(disk.get("isProduced"), id, "disk.isProduced");
        Map<String, Object> options = readOptions(disk.get("options"), id);
        Optional<Positioned<String>> partitionBy = optionalText(disk.get("partitionBy"), id, "disk.partitionBy");
        NodeTuple pathList = disk.get("pathList");
        // pathList is inferred (toYaml writes it); on input only its shape is checked
        if (pathList != null && !isNull(pathList.getValueNode()) && !(pathList.getValueNode() instanceof SequenceNode)) {
            throw error(pathList.getValueNode(), id, "disk.pathList", "expected a list (it is inferred and may be left "
                    + "out), found " + describe(pathList.getValueNode()));
        }
        return new DiskDeclaration(paths, format, compression, fileSystem, isProduced, options,
                positioned("disk", diskTuple.getKeyNode()), partitionBy);
    }

    private List<Positioned<String>> readPaths(Node node, String id) {
        String field = "disk.path";
        if (node instanceof SequenceNode list) {
            if (list.getValue().isEmpty()) {
                throw error(node, id, field, "the list of paths is empty; give at least one path");
            }
            List<Positioned<String>> paths = new ArrayList<>();
            for (Node item : list.getValue()) {
                paths.add(nonBlankPath(item, id, field, "a string (a path) in the list"));
            }
            return paths;
        }
        if (isNull(node)) {
            throw error(node, id, field, "missing value: give a path string or a list of path strings");
        }
        return List.of(nonBlankPath(node, id, field, "a string or a list of strings"));
    }

    private Positioned<String> nonBlankPath(Node node, String id, String field, String expected) {
        String path = text(node, id, field, expected);
        if (path.isBlank()) {
            throw error(node, id, field, "a path must not be blank");
        }
        return positioned(path, node);
    }

    private Map<String, Object> readOptions(NodeTuple tuple, String id) {
        if (tuple == null || isNull(tuple.getValueNode())) {
            return Map.of();
        }
        Node node = tuple.getValueNode();
        if (!(node instanceof MappingNode map)) {
            throw error(node, id, "disk.options", "expected a map of option name to value, found " + describe(node));
        }
        return plainValues.map(map, id, "disk.options");
    }

    // ---- typed values -------------------------------------------------------------------------

    private Optional<Positioned<String>> optionalText(NodeTuple tuple, String id, String field) {
        if (tuple == null || isNull(tuple.getValueNode())) {
            return Optional.empty(); // a blank value means "infer it", as if the key were left out
        }
        Node node = tuple.getValueNode();
        String value = text(node, id, field, "a string");
        if (value.isBlank()) {
            throw error(node, id, field, "the value is blank; leave the key out to have it inferred");
        }
        return Optional.of(positioned(value, node));
    }

    private Optional<Positioned<Boolean>> optionalBoolean(NodeTuple tuple, String id, String field) {
        if (tuple == null || isNull(tuple.getValueNode())) {
            return Optional.empty();
        }
        Node node = tuple.getValueNode();
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            // an explicit '!!bool maybe' has the tag without a boolean's spelling
            String spelled = scalar.getValue().toLowerCase(Locale.ROOT);
            if (spelled.equals("true") || spelled.equals("false")) {
                return Optional.of(positioned(spelled.equals("true"), node));
            }
        }
        throw error(node, id, field, "expected true or false, found " + describe(node));
    }

    /**
     * The text of a scalar meant as a string. Numbers are taken as written (a file may be called
     * {@code 2024}); booleans and null are refused because they are almost always a mistake there.
     */
    String text(Node node, String id, String field, String expected) {
        if (node instanceof ScalarNode scalar) {
            Tag tag = scalar.getTag();
            if (tag.equals(Tag.STR) || tag.equals(Tag.ENV_TAG) || tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
                return scalar.getValue();
            }
        }
        throw error(node, id, field, "expected " + expected + ", found " + describe(node)
                + (node instanceof ScalarNode ? " (quote it if you mean text)" : ""));
    }

    // ---- maps -----------------------------------------------------------------------------------

    /** The entries of a structural map, by key, after checking every key is allowed and unique. */
    private Map<String, NodeTuple> knownEntries(MappingNode map, String id, String prefix, List<String> allowed,
            String where) {
        Map<String, NodeTuple> entries = entries(map, id, prefix);
        for (NodeTuple tuple : entries.values()) {
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            if (!allowed.contains(key)) {
                throw error(tuple.getKeyNode(), id, dotted(prefix, key), "unknown key '" + key + "' in " + where
                        + hint(key, allowed) + "Allowed: " + String.join(", ", allowed));
            }
        }
        return entries;
    }

    /** A map's entries by key text, in order; keys must be scalars and unique. */
    Map<String, NodeTuple> entries(MappingNode map, String id, String prefix) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode)) {
                throw error(keyNode, id, prefix, "a key must be a plain name, found " + describe(keyNode));
            }
            String key = ((ScalarNode) keyNode).getValue();
            NodeTuple first = entries.putIfAbsent(key, tuple);
            if (first != null) {
                throw error(keyNode, id, dotted(prefix, key), "duplicate key '" + key + "': first at line "
                        + SafeComposer.line(first.getKeyNode().getStartMark()) + ", again at line "
                        + SafeComposer.line(keyNode.getStartMark()));
            }
        }
        return entries;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static String hint(String given, List<String> allowed) {
        // "...; did you mean 'format'? Allowed: ..." or "... . Allowed: ..."
        return DidYouMean.nearest(given, allowed).map(s -> "; did you mean '" + s + "'? ").orElse(". ");
    }

    static String dotted(String prefix, String key) {
        return prefix == null ? key : prefix + "." + key;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return "nothing (null)";
        }
        if (tag.equals(Tag.BOOL)) {
            return "the boolean " + scalar.getValue();
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return "the number " + scalar.getValue();
        }
        return "the string '" + scalar.getValue() + "'";
    }

    private static <T> Positioned<T> positioned(T value, Node node) {
        return new Positioned<>(value, SafeComposer.line(node.getStartMark()), SafeComposer.column(node.getStartMark()));
    }

    SpecException error(Node node, String id, String field, String problem) {
        return new SpecException(source, id, field, SafeComposer.line(node.getStartMark()),
                SafeComposer.column(node.getStartMark()), problem);
    }
}
