package org.datahandle.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.datahandle.Catalog;

/** Catalogs for the tests: every module on the class path discovered, the shared session handed in. */
final class Catalogs {
    private Catalogs() {}

    static Catalog of(String yaml, Path base) {
        return Catalog.builder().baseDirectory(base).memoryFormContext(SparkSession.class, SparkTestSession.get())
                .fromYaml(yaml);
    }

    static Catalog withoutSession(String yaml, Path base) {
        return Catalog.builder().baseDirectory(base).fromYaml(yaml);
    }
}
