package org.datahandle.internal.yaml;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datahandle.SpecException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns YAML text into a node tree without constructing any Java object, within {@link YamlLimits}.
 *
 * <p>Composing (not loading) means no tag can instantiate a class; on top of that every explicit tag
 * outside the YAML core schema is rejected, so {@code !!java.io.File} or {@code !custom} is an
 * error rather than a silently kept string. The engine bounds document size and collection aliases;
 * it has no nesting limit, so a parser wrapper counts depth before the recursive composer can
 * overflow the stack. After composing, one pass over the node graph (each node once) rejects
 * recursive aliases and alias stacks that would expand beyond the node budget.
 */
final class SafeComposer {
    // Tags the core schema resolves plain scalars to, plus the two collections. ENV_TAG is what the
    // engine's resolver gives a plain ${VAR}: we keep it as text and expand it during inference.
    private static final Set<Tag> ALLOWED_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ, Tag.ENV_TAG);

    private final String source;
    private final YamlLimits limits;
    private final Map<Node, Extent> extents = new IdentityHashMap<>();
    /** The containers on the path {@link #measure} is walking, by identity. */
    private final Set<Node> onPath = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private SafeComposer(String source, YamlLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    /** The document's root node, or empty for a document with no content. */
    static Optional<Node> compose(String yaml, String source, YamlLimits limits) {
        return new SafeComposer(source, limits).compose(yaml);
    }

    private Optional<Node> compose(String yaml) {
        // Cheap length check first, so a huge string is refused before the scanner touches it.
        if (yaml.length() > limits.maxCodePoints()) {
            int codePoints = yaml.codePointCount(0, yaml.length());
            if (codePoints > limits.maxCodePoints()) {
                throw error(null, "the document has " + codePoints + " characters, more than the limit of "
                        + limits.maxCodePoints());
            }
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(limits.maxCollectionAliases())
                .setCodePointLimit(limits.maxCodePoints())
                .setParseComments(false)
                .setUseMarks(true)
                .build();
        DepthLimitingParser parser = new DepthLimitingParser(new ParserImpl(settings, new StreamReader(settings, yaml)));
        Optional<Node> root;
        try {
            root = new Composer(settings, parser).getSingleNode();
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String context = e.getContext() == null || e.getContext().isBlank() ? "" : e.getContext().strip() + ": ";
            throw new SpecException(source, null, null, line(mark), column(mark),
                    "malformed YAML: " + context + e.getProblem().strip(), e);
        } catch (YamlEngineException e) {
            // unmarked: the engine's alias and size limits; point at the last event we saw
            Optional<Mark> mark = parser.lastMark;
            throw new SpecException(source, null, null, line(mark), column(mark), "rejected YAML: " + e.getMessage(), e);
        }
        if (!parser.sawAlias) {
            // a tree: every node is reached once, and the parser already bounded the depth
            root.ifPresent(this::checkTags);
            return root;
        }
        root.ifPresent(node -> {
            Extent extent = measure(node);
            if (extent.height > limits.maxDepth()) {
                throw error(node, "maps and lists nest " + extent.height + " levels deep through aliases, more than the limit of "
                        + limits.maxDepth());
            }
        });
        return root;
    }

    /** How many nodes a subtree expands to, and how deep it is; memoized so shared nodes cost once. */
    private record Extent(long nodes, int height) {}

    /** Rejects a tag outside the core schema anywhere in a document without aliases. */
    private void checkTags(Node node) {
        if (!ALLOWED_TAGS.contains(node.getTag())) {
            throw error(node, "tag '" + shortTag(node.getTag()) + "' is not allowed; use plain maps, lists, strings, "
                    + "numbers and booleans");
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                checkTags(tuple.getKeyNode());
                checkTags(tuple.getValueNode());
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                checkTags(item);
            }
        }
    }

    private Extent measure(Node node) {
        Extent known = extents.get(node);
        if (known != null) {
            return known;
        }
        if (onPath.contains(node)) {
            throw error(node, "an alias refers to a map or list that contains it; recursive structures are not allowed");
        }
        if (!ALLOWED_TAGS.contains(node.getTag())) {
            throw error(node, "tag '" + shortTag(node.getTag()) + "' is not allowed; use plain maps, lists, strings, "
                    + "numbers and booleans");
        }
        long nodes = 1;
        int height = 0;
        if (node instanceof MappingNode || node instanceof SequenceNode) {
            onPath.add(node); // the containers from the root to here: an alias back to one is a cycle
            try {
                if (node instanceof MappingNode map) {
                    for (NodeTuple tuple : map.getValue()) {
                        Extent key = measure(tuple.getKeyNode());
                        Extent value = measure(tuple.getValueNode());
                        nodes = Math.addExact(nodes, Math.addExact(key.nodes, value.nodes));
                        height = Math.max(height, Math.max(key.height, value.height));
                    }
                } else {
                    for (Node item : ((SequenceNode) node).getValue()) {
                        Extent extent = measure(item);
                        nodes = Math.addExact(nodes, extent.nodes);
                        height = Math.max(height, extent.height);
                    }
                }
            } finally {
                onPath.remove(node);
            }
            height++;
            if (nodes > limits.maxExpandedNodes()) {
                throw error(node, "aliases expand this document to more than " + limits.maxExpandedNodes()
                        + " nodes; write the values out or use fewer nested aliases");
            }
        }
        Extent extent = new Extent(nodes, height);
        extents.put(node, extent);
        return extent;
    }

    static String shortTag(Tag tag) {
        String value = tag.getValue();
        return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
    }

    private SpecException error(Node node, String problem) {
        Optional<Mark> mark = node == null ? Optional.empty() : node.getStartMark();
        return new SpecException(source, null, null, line(mark), column(mark), problem);
    }

    static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(0);
    }

    static int column(Optional<Mark> mark) {
        return mark.map(m -> m.getColumn() + 1).orElse(0);
    }

    /** Fails as soon as maps and lists nest deeper than the limit, before the composer recurses. */
    private final class DepthLimitingParser implements Parser {
        private final Parser delegate;
        private int depth;
        Optional<Mark> lastMark = Optional.empty();
        /** Whether the document has an alias; without one it is a tree and needs no expansion check. */
        boolean sawAlias;

        DepthLimitingParser(Parser delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return delegate.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return delegate.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return delegate.hasNext();
        }

        @Override
        public Event next() {
            Event event = delegate.next();
            lastMark = event.getStartMark();
            Event.ID id = event.getEventId();
            if (id == Event.ID.MappingStart || id == Event.ID.SequenceStart) {
                if (++depth > limits.maxDepth()) {
                    throw new SpecException(source, null, null, line(lastMark), column(lastMark),
                            "maps and lists nest more than " + limits.maxDepth() + " levels deep");
                }
            } else if (id == Event.ID.MappingEnd || id == Event.ID.SequenceEnd) {
                depth--;
            } else if (id == Event.ID.Alias) {
                sawAlias = true;
            }
            return event;
        }
    }
}
