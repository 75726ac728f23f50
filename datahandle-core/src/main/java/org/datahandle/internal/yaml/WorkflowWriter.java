package org.datahandle.internal.yaml;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.DataHandleSpec;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes handles back as a workflow document: a {@code dataHandles:} map, in the given order, with
 * every inferred field and the live produced flags, which {@link WorkflowReader} reads back.
 *
 * <p>Output is deterministic: block style, two-space indent, no line wrapping, keys in a fixed order
 * (options in the order given), and strings quoted only where YAML would otherwise read them as
 * something else ({@code 'true'}, {@code '123'}, {@code '${VAR}'}).
 *
 * <p>{@code memory.isProduced} is written with its live value although a fresh catalog never starts
 * with memory produced: the file then shows the state it was taken in, and the reader accepts it.
 */
public final class WorkflowWriter {
    private static final DumpSettings SETTINGS = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setWidth(Integer.MAX_VALUE)
            .setSplitLines(false)
            .setSchema(new CoreSchema())
            .build();

    private WorkflowWriter() {}

    /**
     * The document for these handles.
     *
     * @param handles the handles, in the order to write them; ids must be unique
     * @return YAML text ending with a newline
     * @throws IllegalArgumentException when two handles share an id
     */
    public static String write(List<SpecWithState> handles) {
        requireNonNull(handles, "handles is null");
        Map<String, Object> byId = new LinkedHashMap<>();
        for (SpecWithState handle : handles) {
            String id = handle.spec().id();
            if (byId.put(id, handle(handle)) != null) {
                throw new IllegalArgumentException("two handles have the id '" + id + "'");
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(WorkflowReader.SECTION, byId);
        return new Dump(SETTINGS).dumpToString(document);
    }

    private static Map<String, Object> handle(SpecWithState handle) {
        DataHandleSpec spec = handle.spec();
        Map<String, Object> out = new LinkedHashMap<>();
        spec.disk().ifPresent(disk -> out.put("disk", disk(disk, handle.state().diskProduced())));
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("format", spec.memory().name());
        memory.put("isProduced", handle.state().memoryProduced());
        out.put("memory", memory);
        return out;
    }

    private static Map<String, Object> disk(DiskSpec disk, boolean produced) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> paths = disk.path();
        out.put("path", paths.size() == 1 ? paths.get(0) : new ArrayList<>(paths));
        out.put("format", disk.format());
        out.put("compression", disk.compression());
        out.put("fileSystem", disk.fileSystem());
        out.put("isProduced", produced);
        if (!disk.options().isEmpty()) {
            out.put("options", plain(disk.options()));
        }
        disk.partitionBy().ifPresent(column -> out.put("partitionBy", column));
        List<Object> pathList = new ArrayList<>();
        for (DiskPath path : disk.pathList()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("raw", path.raw());
            entry.put("path", path.path().toString());
            entry.put("fileSystem", path.fileSystem());
            entry.put("format", path.format());
            entry.put("compression", path.compression());
            pathList.add(entry);
        }
        out.put("pathList", pathList);
        return out;
    }

    /**
     * Options normally hold what the reader produced, but a spec built in code may hold any object;
     * those are written as YAML's plain types (their {@code toString()} at worst) so that dumping never
     * fails and never emits a Java-specific tag the reader would reject.
     */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof BigInteger || value instanceof Double) {
            return value;
        }
        if (value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof Iterable<?> iterable) {
            List<Object> out = new ArrayList<>();
            iterable.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof Object[] array) {
            return plain(Arrays.asList(array));
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return value.toString();
    }
}
