package org.datahandle.docs;

// tag::imports[]
import java.nio.file.Path;
import org.datahandle.Catalog;
// end::imports[]

/**
 * The code of docs/databases.md. DocsSnippetsTest checks the page shows this region; the table
 * handles themselves are tested in datahandle-db against real servers.
 */
public final class DatabasesExamples {
    private DatabasesExamples() {}

    // tag::credentials[]
    static Catalog open(Path workflow) {
        return Catalog.builder()
                .fileSystemOption("mariadb.user", "pipeline")
                .fileSystemOption("mariadb.password", System.getenv("DB_PASSWORD"))
                .fileSystemOption("postgresql.property.ssl", "true")   // any driver property: <engine>.property.<name>
                .load(workflow);
    }
    // end::credentials[]
}
