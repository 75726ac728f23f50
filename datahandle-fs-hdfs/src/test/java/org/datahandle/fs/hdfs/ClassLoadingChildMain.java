package org.datahandle.fs.hdfs;

import java.nio.file.Path;
import org.datahandle.Catalog;

/**
 * Runs in a child JVM of {@link LocalJobLoadsNoHadoopTest}: loads a catalog with one handle at
 * {@code path} (a local file or an {@code hdfs://} URI), reads it and prints {@code ROWS <n>}.
 */
public final class ClassLoadingChildMain {
    private ClassLoadingChildMain() {}

    public static void main(String[] args) {
        String path = args[0];
        try (Catalog catalog = Catalog.fromYaml("in:\n  disk:\n    path: " + path + "\n", Path.of("."))) {
            System.out.println("ROWS " + catalog.get("in").read().rowCount());
        }
    }
}
