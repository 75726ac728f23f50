package org.datahandle.cli;

import java.nio.file.Path;
import org.datahandle.Catalog;

/**
 * A one-handle catalog for a bare path, built from generated YAML so that the path goes through
 * exactly the inference a workflow file gets.
 */
final class PathCatalog {
    /** The id of the one handle. */
    static final String ID = "path";

    private PathCatalog() {}

    static Catalog of(String path, Path baseDirectory, Catalog.Builder builder) {
        // single-quoted YAML: only the quote itself needs escaping, so any path survives as written
        String yaml = "dataHandles:\n  " + ID + ":\n    disk:\n      path: '" + path.replace("'", "''") + "'\n";
        return builder.baseDirectory(baseDirectory).fromYaml(yaml);
    }
}
