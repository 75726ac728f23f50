package org.datahandle.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.table.Table;
import org.datahandle.testing.db.MariaDbServer;
import org.datahandle.testing.db.PostgresServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real processes per engine: a writer killed with SIGKILL mid-write leaves nothing; of two racing JVMs one wins. */
class ProcessesTest {
    @TempDir
    Path dir;

    record Engine(String name, String path, Map<String, String> options, String jdbcUrl) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> engines() {
        return Stream.of("sqlite", "postgresql", "mariadb").map(Arguments::of);
    }

    private Engine engine(String name, String table) {
        return switch (name) {
            case "sqlite" -> new Engine(name, "sqlite:out/r.sqlite#" + table, Map.of(),
                    "jdbc:sqlite:" + dir.resolve("out/r.sqlite"));
            case "postgresql" -> new Engine(name, PostgresServer.get().tableUri(table),
                    PostgresServer.get().catalogOptions(), PostgresServer.get().jdbcUrl());
            default -> new Engine(name, MariaDbServer.get().tableUri(table), MariaDbServer.get().catalogOptions(),
                    MariaDbServer.get().jdbcUrl());
        };
    }

    private Path workflow(Engine e) throws IOException {
        return Files.writeString(dir.resolve("workflow.yaml"), "t:\n  disk:\n    path: '" + e.path() + "'\n");
    }

    private Catalog catalog(Engine e, Path workflow) {
        Catalog.Builder b = Catalog.builder();
        e.options().forEach(b::fileSystemOption);
        return b.load(workflow);
    }

    private Process child(String mode, Path workflow, int offset, Path go, Engine e) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ChildWriter.class.getName(), mode,
                workflow.toString(), Integer.toString(offset), go.toString()));
        e.options().forEach((k, v) -> cmd.add(k + "=" + v));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static List<String> tables(Engine e, String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(e.jdbcUrl());
                ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").startsWith(prefix)) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource("engines")
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aWriterKilledMidWriteLeavesNothingVisible(String name) throws Exception {
        String table = "killed_" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        Engine e = engine(name, table);
        Path workflow = workflow(e);
        Process p = child("endless", workflow, 0, dir.resolve("go"), e);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            for (String line = r.readLine(); ; line = r.readLine()) {
                if (line == null) {
                    throw new AssertionError("the child ended before it was killed:\n" + seen);
                }
                seen.append(line).append('\n');
                if (line.equals("WROTE 5")) {
                    break;
                }
            }
        } finally {
            p.destroyForcibly(); // SIGKILL: no finally blocks, no shutdown hooks, no goodbye to the server
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(tables(e, table)).isEmpty();
        if (!name.equals("mariadb")) {
            // transactional DDL: the staging table died with the transaction
            assertThat(tables(e, "_dh_")).isEmpty();
        }
        try (Catalog c = catalog(e, workflow)) {
            DataHandle h = c.get("t");
            assertThat(h.state().diskProduced()).isFalse();
            // the dead writer's lock died with its session; its leftovers go under the next writer's lock
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                try {
                    h.write(org.datahandle.testing.SampleTables.manyRows(0, 10));
                    break;
                } catch (org.datahandle.AlreadyProducedException stillLocked) {
                    // the server may not have noticed the dead session yet
                    if (System.nanoTime() > deadline) {
                        throw stillLocked;
                    }
                    Thread.sleep(200);
                }
            }
            assertThat(h.read().rowCount()).isEqualTo(10);
        }
        assertThat(tables(e, "_dh_")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("engines")
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoJvmsRacingToWriteOneTable_exactlyOneWins(String name) throws Exception {
        String table = "race_" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        Engine e = engine(name, table);
        Path workflow = workflow(e);
        Path go = dir.resolve("go");
        Process a = child("race", workflow, 0, go, e);
        Process b = child("race", workflow, 100_000, go, e);
        Thread.sleep(2_000); // both JVMs up and their catalogs loaded before the gun
        Files.writeString(go, "");
        List<String> outcomes = new ArrayList<>();
        for (Process p : List.of(a, b)) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            outcomes.add(out.substring(out.lastIndexOf('\n') + 1));
        }
        assertThat(outcomes).as(outcomes.toString()).filteredOn("WON"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.startsWith("LOST")).hasSize(1);
        long first = outcomes.get(0).equals("WON") ? 0 : 100_000;
        try (Catalog c = catalog(e, workflow)) {
            Table t = c.get("t").read();
            assertThat(t.rowCount()).isEqualTo(20_000);
            for (int r = 0; r < t.rowCount(); r += 997) {
                assertThat(t.get(r, "id")).isEqualTo(3_000_000_000L + first + r);
            }
        }
        assertThat(tables(e, "_dh_")).isEmpty();
    }
}
