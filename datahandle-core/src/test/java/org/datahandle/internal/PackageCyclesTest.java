package org.datahandle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.datahandle.internal.state.DiskCell;
import org.junit.jupiter.api.Test;

/**
 * No two packages of core depend on each other, directly or through others: each package of
 * {@code org.datahandle.internal} stands on the ones below it, so a newcomer can read them bottom up
 * and change one without the others (storage below state and publish, say).
 *
 * <p>The edges come from the compiled classes themselves: every class, descriptor and signature a
 * class file's constant pool names. That sees what {@code import} statements hide (same-package
 * references before a move, fully qualified names) and needs nothing beyond the JDK.
 *
 * <p>The check is over {@code internal}: the API packages and the implementation refer to each other
 * by design ({@code Catalog.builder()} enters {@code internal.catalog}, whose classes take the API's
 * specs and throw its exceptions), which is a facade over its implementation, not a tangle.
 */
class PackageCyclesTest {
    private static final String ROOT = "org/datahandle/internal";
    /** A type name in a constant-pool string: lower-case package segments, then a capitalised class. */
    private static final Pattern TYPE = Pattern.compile("(org/datahandle(?:/[a-z_][a-z0-9_]*)*)/[A-Z][\\w$]*");

    @Test
    void theInternalPackagesOfCoreHaveNoCycle() throws IOException {
        Map<String, Set<String>> graph = dependencies(classesRoot());
        assertThat(graph).as("the internal packages found in %s", classesRoot())
                .containsKeys("org.datahandle.internal.state", "org.datahandle.internal.publish",
                        "org.datahandle.internal.storage", "org.datahandle.internal.catalog");
        List<Set<String>> cycles = cycles(graph);
        assertThat(cycles).as("package cycles in core (edges: %s)", graph).isEmpty();
    }

    @Test
    void storageStandsBelowStateAndPublish() throws IOException {
        Map<String, Set<String>> graph = dependencies(classesRoot());
        assertThat(graph.get("org.datahandle.internal.storage")).as("what internal.storage depends on")
                .noneMatch(p -> p.startsWith("org.datahandle.internal."));
        assertThat(graph.get("org.datahandle.internal.publish")).doesNotContain("org.datahandle.internal.state");
    }

    @Test
    void aCycleIsFound() {
        // the check itself can fail: two packages that use each other, and a longer loop
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("a", "c"),
                "c", Set.of(), "d", Set.of("e"), "e", Set.of("f"), "f", Set.of("d")));
        assertThat(cycles(graph)).containsExactlyInAnyOrder(Set.of("a", "b"), Set.of("d", "e", "f"));
    }

    private static Path classesRoot() {
        try {
            return Path.of(DiskCell.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Package → the other internal packages its classes name. */
    private static Map<String, Set<String>> dependencies(Path classes) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        Path root = classes.resolve(ROOT);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String from = classes.relativize(file.getParent()).toString().replace('\\', '/');
                Set<String> to = graph.computeIfAbsent(from.replace('/', '.'), k -> new TreeSet<>());
                for (String text : constantPoolStrings(file)) {
                    Matcher m = TYPE.matcher(text);
                    while (m.find()) {
                        String target = m.group(1);
                        if (target.startsWith(ROOT + "/") && !target.equals(from)) {
                            to.add(target.replace('/', '.'));
                        }
                    }
                }
            }
        }
        return graph;
    }

    /** The UTF-8 entries of a class file's constant pool (JVMS §4.4), where every name it uses is spelled. */
    private static List<String> constantPoolStrings(Path classFile) throws IOException {
        List<String> strings = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException(classFile + " is not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> strings.add(in.readUTF()); // Utf8: u2 length, modified UTF-8, as readUTF reads it
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2); // Class, String, MethodType, Module, Package
                    case 15 -> in.skipNBytes(3); // MethodHandle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> { // Long, Double take two slots
                        in.skipNBytes(8);
                        i++;
                    }
                    default -> throw new IOException(classFile + ": unknown constant-pool tag " + tag);
                }
            }
        }
        return strings;
    }

    /** The strongly connected components of more than one package (Tarjan). */
    private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> result = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, result);
            }
        }
        return result;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> result) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, result);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                result.add(component);
            }
        }
    }
}
