package org.datahandle.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandle;
import org.datahandle.SpecException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.infer.DefaultDiskInference;
import org.datahandle.spi.Registry;
import org.datahandle.testing.SampleTables;
import org.datahandle.testing.db.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table handles in the catalog: load-time rules, YAML round trip, SQLite's loose typing, read-only queries. */
class TableHandleTest {
    @TempDir
    Path folder;

    private void sqlite(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("r.sqlite"));
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Test
    void textInAnIntegerColumnIsADataFormatErrorNamingRowAndColumn() throws Exception {
        sqlite("CREATE TABLE loose (id INT, name TEXT)", "INSERT INTO loose VALUES (1, 'a'), (2, 'b'), ('three', 'c')");
        try (Catalog c = Catalog.fromYaml("h:\n  disk:\n    path: 'sqlite:r.sqlite#loose'\n", folder)) {
            assertThatThrownBy(() -> c.get("h").read()).isInstanceOfSatisfying(DataFormatException.class,
                    e -> assertThat(e.line()).hasValue(3))
                    .hasMessageContaining("'h'").hasMessageContaining("row 3").hasMessageContaining("'id'")
                    .hasMessageContaining("three");
        }
    }

    @Test
    void theColumnCallReaderAndTheResultSetReadLooseCellsAlike() throws Exception {
        // SQLite keeps whatever a cell was given: integers and reals in a TEXT column, a blob, non-ASCII
        // and invalid UTF-8 text, dates as text, a whole real in a REAL column and an integer in a DOUBLE one
        sqlite("CREATE TABLE loose (n BIGINT, i INT, d DOUBLE, f FLOAT, s TEXT, day DATE, b BLOB, ok BOOLEAN,"
                        + " dec DECIMAL(10,2))",
                "INSERT INTO loose VALUES (1, 2, 1.5, 2.5, 'plain', '2024-02-29', x'00ff', 1, '12.50'),"
                        + " (-9223372036854775808, -2147483648, 3, 7, 'Grüße, ñ, 日本', '1970-01-01', 'as text', 0, 3),"
                        + " (NULL, NULL, NULL, NULL, 42, NULL, NULL, NULL, NULL),"
                        + " (9223372036854775807, 2147483647, -0.0, 1e30, 4.25, '9999-12-31', x'', 'true', -0.5),"
                        + " (0, 0, 1e308, -1.5, x'c328', '2000-01-01', 5, 'false', '0.00'),"
                        + " (5, 6, 7.0, 8.0, '', '2024-12-01', x'61', 1, 7)");
        String yaml = "h:\n  disk:\n    path: 'sqlite:r.sqlite#loose'\n";
        try (Catalog raw = Catalog.fromYaml(yaml, folder);
                Catalog rs = Catalog.fromYaml(yaml + "    options: {bulk: batch}\n", folder)) {
            org.datahandle.table.Table fast = raw.get("h").read();
            org.datahandle.table.Table slow = rs.get("h").read();
            assertThat(fast.rowCount()).isEqualTo(6);
            assertThat(fast.schema()).isEqualTo(slow.schema());
            assertThat(fast.toRows()).usingRecursiveComparison().isEqualTo(slow.toRows());
            assertThat(fast.column(4).get(1)).isEqualTo("Grüße, ñ, 日本");
            assertThat(fast.column(4).get(2)).isEqualTo("42");
            assertThat(fast.column(4).get(4)).isEqualTo("\uFFFD(");
        }
    }

    @Test
    void aQueryCannotWrite() throws Exception {
        sqlite("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)");
        try (Catalog c = Catalog.fromYaml("h:\n  disk:\n    path: 'sqlite:r.sqlite#t'\n    options: {query: 'DELETE FROM t"
                + " RETURNING id'}\n", folder)) {
            assertThatThrownBy(() -> c.get("h").read()).hasMessageContaining("'h'");
        }
        try (Catalog c = Catalog.fromYaml("h:\n  disk:\n    path: 'sqlite:r.sqlite#t'\n", folder)) {
            assertThat(c.get("h").read().rowCount()).isEqualTo(1);
        }
        PostgresServer pg = PostgresServer.get();
        pg.sql("CREATE TABLE IF NOT EXISTS ro (id int); INSERT INTO ro VALUES (1)");
        Catalog.Builder b = Catalog.builder().baseDirectory(folder);
        pg.catalogOptions().forEach(b::fileSystemOption);
        try (Catalog c = b.fromYaml("h:\n  disk:\n    path: '" + pg.tableUri("ro") + "'\n    options: {query: 'DELETE"
                + " FROM ro RETURNING id'}\n")) {
            assertThatThrownBy(() -> c.get("h").read()).hasMessageContaining("read-only");
        }
        assertThat(pg.sql("SELECT count(*) FROM ro").trim()).isNotEqualTo("0");
    }

    @Test
    void isProducedTrueForAMissingTableIsALoadError() {
        assertThatThrownBy(() -> Catalog.fromYaml("h:\n  disk:\n    path: 'sqlite:r.sqlite#none'\n    isProduced: true\n",
                folder)).isInstanceOf(SpecException.class).hasMessageContaining("isProduced")
                .hasMessageContaining("no SQLite database file");
        assertThat(Files.exists(folder.resolve("r.sqlite"))).as("a check never creates the database").isFalse();
    }

    @Test
    void withoutTheModuleATablePathLoadsAndFailsOnUseNamingTheArtifact() {
        Registry noDb = Registry.builder().register(new DefaultDiskInference()).build();
        try (Catalog c = Catalog.builder().registry(noDb).baseDirectory(folder)
                .fromYaml("h:\n  disk:\n    path: 'mariadb://db:3306/g#t'\n")) {
            DataHandle h = c.get("h");
            assertThat(h.spec().disk().orElseThrow().fileSystem()).isEqualTo("mariadb");
            assertThatThrownBy(h::state).isInstanceOf(UnsupportedFormatException.class)
                    .hasMessageContaining("org.datahandle:datahandle-db");
        }
    }

    @Test
    void toYamlReadsBackIntoTheSameSpec() {
        try (Catalog c = Catalog.fromYaml("h:\n  disk:\n    path: 'sqlite:out/r.sqlite#scores'\n    options: {fetchSize:"
                + " 100}\n", folder)) {
            c.get("h").write(SampleTables.manyRows(0, 3));
            String yaml = c.toYaml();
            try (Catalog again = Catalog.fromYaml(yaml, folder)) {
                // the same disk, now declared produced (toYaml writes the state)
                assertThat(again.get("h").spec().disk().orElseThrow().pathList())
                        .isEqualTo(c.get("h").spec().disk().orElseThrow().pathList());
                assertThat(again.get("h").spec().disk().orElseThrow().options()).containsEntry("fetchSize", 100);
                assertThat(again.get("h").state().diskProduced()).isTrue();
            }
        }
    }
}
