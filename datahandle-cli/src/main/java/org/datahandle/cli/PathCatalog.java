package org.datahandle.cli;

import java.nio.file.Path;
import java.util.Map;
import org.datahandle.Catalog;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/**
 * A one-handle catalog for a bare path, built from generated YAML so that the path goes through
 * exactly the inference a workflow file gets.
 */
final class PathCatalog {
    /** The id of the one handle. */
    static final String ID = "path";

    private PathCatalog() {}

    static Catalog of(String path, Path baseDirectory, Catalog.Builder builder) {
        return of(Map.of("path", path), baseDirectory, builder);
    }

    /**
     * @param disk the handle's {@code disk:} map, as a user would write it ({@code path}, and maybe
     *     {@code format}, {@code compression}, {@code options})
     */
    /** A message about the generated handle, without its id, which the user never wrote. */
    static String inUserTerms(String message) {
        return message.replace("handle '" + ID + "': ", "").replace("handle '" + ID + "', ", "")
                .replace("handle '" + ID + "'", "the data");
    }

    static Catalog of(Map<String, Object> disk, Path baseDirectory, Catalog.Builder builder) {
        return ofHandles(Map.of(ID, disk), baseDirectory, builder);
    }

    /** Several handles, each given by its {@code disk:} map, in the order of the map. */
    static Catalog ofHandles(Map<String, Map<String, Object>> disks, Path baseDirectory, Catalog.Builder builder) {
        Map<String, Object> handles = new java.util.LinkedHashMap<>();
        disks.forEach((id, disk) -> handles.put(id, Map.of("disk", disk)));
        // the YAML library quotes whatever needs it, so any path or option value survives as written
        String yaml = new Dump(DumpSettings.builder().build()).dumpToString(Map.of("dataHandles", handles));
        return builder.baseDirectory(baseDirectory).fromYaml(yaml);
    }
}
