package org.datahandle.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.StorageException;
import org.datahandle.TableSink;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.SampleTables;
import org.datahandle.testing.db.MariaDbServer;
import org.datahandle.testing.db.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and faults (issue 16, point 6): each a clear typed error naming the handle, nothing half-written. */
class FaultsTest {
    @TempDir
    Path folder;

    private Catalog catalog(String path, Map<String, String> options) {
        Catalog.Builder b = Catalog.builder().baseDirectory(folder);
        options.forEach(b::fileSystemOption);
        return b.fromYaml("h:\n  disk:\n    path: '" + path + "'\n");
    }

    private static String fresh(String base) {
        return base + "_" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
    }

    @Test
    void wrongCredentialsAreALoginErrorWithoutThePassword() {
        for (String[] engine : new String[][] {
                {PostgresServer.get().tableUri(fresh("t")), "postgresql"},
                {MariaDbServer.get().tableUri(fresh("t")), "mariadb"}}) {
            try (Catalog c = catalog(engine[0], Map.of(engine[1] + ".user",
                    engine[1].equals("mariadb") ? MariaDbServer.USER : PostgresServer.USER,
                    engine[1] + ".password", "wrong-Pa55"))) {
                assertThatThrownBy(() -> c.get("h").state()).isInstanceOf(StorageException.class)
                        .hasMessageContaining("'h'").hasMessageContaining("refused the login")
                        .hasMessageNotContaining("wrong-Pa55");
            }
        }
    }

    @Test
    void aServerThatIsDownIsAStorageErrorNamingTheDatabase() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Catalog c = catalog("postgresql://127.0.0.1:" + port + "/dh#t", Map.of())) {
            assertThatThrownBy(() -> c.get("h").read()).isInstanceOf(StorageException.class)
                    .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("cannot be reached");
        }
        try (Catalog c = catalog("mariadb://127.0.0.1:" + port + "/dh#t", Map.of())) {
            assertThatThrownBy(() -> c.get("h").write(SampleTables.manyRows(0, 2)))
                    .isInstanceOf(StorageException.class).hasMessageContaining("127.0.0.1:" + port);
        }
    }

    @Test
    void aValueThatDoesNotFitIsADataFormatErrorAndNothingIsPublished() {
        Table nul = Table.of(Schema.of(Field.of("s", DataType.STRING)), List.of(Column.of(DataType.STRING, "ok", "a\0b")));
        try (Catalog c = catalog(PostgresServer.get().tableUri(fresh("nul")), PostgresServer.get().catalogOptions())) {
            DataHandle h = c.get("h");
            assertThatThrownBy(() -> h.write(nul)).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("'h'").hasMessageContaining("does not fit");
            assertThat(h.state().diskProduced()).isFalse();
        }
        Table nan = Table.of(Schema.of(Field.of("x", DataType.FLOAT64)), List.of(Column.of(DataType.FLOAT64, 1.0, Double.NaN)));
        try (Catalog c = catalog(MariaDbServer.get().tableUri(fresh("nan")), MariaDbServer.get().catalogOptions())) {
            DataHandle h = c.get("h");
            assertThatThrownBy(() -> h.write(nan)).isInstanceOf(DataHandleException.class).hasMessageContaining("'h'");
            assertThat(h.state().diskProduced()).isFalse();
        }
    }

    @Test
    void aConnectionDroppedMidWriteLeavesNothing() throws Exception {
        String t = fresh("dropped");
        try (Catalog c = catalog(PostgresServer.get().tableUri(t), PostgresServer.get().catalogOptions())) {
            DataHandle h = c.get("h");
            TableSink sink = h.sink(SampleTables.manyRows(0, 1).schema());
            sink.write(SampleTables.manyRows(0, 1000));
            PostgresServer.get().terminateLibrarySessions();
            assertThatThrownBy(() -> sink.write(SampleTables.manyRows(1000, 2000))).isInstanceOf(StorageException.class)
                    .hasMessageContaining("'h'");
            try {
                sink.close();
            } catch (DataHandleException expected) {
                // the session is gone; closing says so
            }
            assertThat(h.state().diskProduced()).isFalse();
            assertThat(PostgresServer.get().sql("SELECT count(*) FROM pg_tables WHERE tablename LIKE '\\_dh\\_%'").trim())
                    .isEqualTo("0");
        }
        String m = fresh("dropped");
        try (Catalog c = catalog(MariaDbServer.get().tableUri(m), MariaDbServer.get().catalogOptions())) {
            DataHandle h = c.get("h");
            TableSink sink = h.sink(SampleTables.manyRows(0, 1).schema());
            sink.write(SampleTables.manyRows(0, 1000));
            MariaDbServer.get().killLibrarySessions();
            assertThatThrownBy(() -> sink.write(SampleTables.manyRows(1000, 2000))).isInstanceOf(StorageException.class);
            try {
                sink.close();
            } catch (DataHandleException expected) {
                // the session is gone
            }
            assertThat(h.state().diskProduced()).isFalse();
            // the killed writer's staging table is swept by the next writer, under the lock
            h.write(SampleTables.manyRows(0, 5));
            assertThat(MariaDbServer.get().sql("SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'dh'"
                    + " AND TABLE_NAME LIKE '\\_dh\\_%'").trim()).isEqualTo("0");
            assertThat(h.read().rowCount()).isEqualTo(5);
        }
    }

    @Test
    void aFullDiskIsAStorageErrorAndNothingIsPublished() throws Exception {
        Path db = folder.resolve("small.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE filler (x INT)");
        }
        Catalog.Builder b = Catalog.builder().baseDirectory(folder)
                // every connection of the library gets a 16-page limit: SQLite's "database or disk is full"
                .fileSystemOption("sqlite.property.max_page_count", "16");
        try (Catalog c = b.fromYaml("h:\n  disk:\n    path: 'sqlite:small.sqlite#big'\n")) {
            DataHandle h = c.get("h");
            assertThatThrownBy(() -> h.write(SampleTables.manyRows(0, 20_000))).isInstanceOf(StorageException.class)
                    .hasMessageContaining("'h'").hasMessageContaining("out of disk space");
            assertThat(h.state().diskProduced()).isFalse();
        }
    }

    @Test
    void aMissingDriverNamesItsArtifact() {
        JdbcStoreFactory noDriver = new JdbcStoreFactory() {
            @Override
            public String name() {
                return "sqlite";
            }

            @Override
            public java.util.Set<String> schemes() {
                return java.util.Set.of("sqlite");
            }

            @Override
            String driverClass() {
                return "org.sqlite.NoSuchDriver";
            }

            @Override
            String driverArtifact() {
                return "org.xerial:sqlite-jdbc";
            }

            @Override
            Dialect dialect() {
                return new SqliteDialect();
            }

            @Override
            Properties defaults() {
                return new Properties();
            }
        };
        assertThatThrownBy(() -> noDriver.create(Map.of())).isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("org.xerial:sqlite-jdbc");
    }

    @Test
    void anUnknownOptionIsALoadErrorWithASuggestion() {
        assertThatThrownBy(() -> Catalog.builder().baseDirectory(folder)
                .fromYaml("h:\n  disk:\n    path: 'sqlite:r.sqlite#t'\n    options: {fetchsize: 10}\n"))
                .hasMessageContaining("fetchSize");
        assertThatThrownBy(() -> Catalog.builder().baseDirectory(folder)
                .fromYaml("h:\n  disk:\n    path: 'sqlite:r.sqlite#t'\n    options: {fetchSize: -5, bulk: fast}\n"))
                .isInstanceOf(org.datahandle.SpecException.class).hasMessageContaining("fetchSize");
        assertThatThrownBy(() -> Catalog.builder().baseDirectory(folder)
                .fromYaml("h:\n  disk:\n    path: 'sqlite:r.sqlite#t'\n    options: {bulk: fast}\n"))
                .isInstanceOf(org.datahandle.SpecException.class).hasMessageContaining("bulk");
    }
}
