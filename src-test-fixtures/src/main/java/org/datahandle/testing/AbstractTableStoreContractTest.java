package org.datahandle.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.DiskStatus;
import org.datahandle.ErrorCode;
import org.datahandle.ExternalWrite;
import org.datahandle.HandleState;
import org.datahandle.NotProducedException;
import org.datahandle.TableSink;
import org.datahandle.TableStream;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every database engine behind {@code org.datahandle.spi.TableStore} passes, through
 * the public API as a workflow uses it: write once, read back every type, produced state asked of
 * the database, commit records that notice a table changed behind our back, racing writers, sinks,
 * streams, external tools, queries. A provider runs it with one subclass per engine.
 */
public abstract class AbstractTableStoreContractTest {
    @TempDir
    protected Path folder;

    /** The {@code disk.path} of {@code table} ({@code sqlite:...#t}, {@code postgresql://...#t}). */
    protected abstract String tableUri(String table);

    /** Catalog options: the credentials of the engine. */
    protected abstract Map<String, String> catalogOptions();

    /** A connection of an "external tool", to change tables behind the library's back. */
    protected abstract Connection externalConnection() throws SQLException;

    /** A column type of the engine that has no DataHandle type ({@code point}, {@code GEOMETRY}). */
    protected abstract String unmappableColumnType();

    /** The table that must round-trip exactly; engines narrow the samples only where their types do. */
    protected Table sampleTable() {
        return SampleTables.ofTypes(SampleTables.SCALAR_TYPES, 24);
    }

    /** A fresh table name: servers are shared by every test of a JVM. */
    protected static String fresh(String base) {
        return base + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFL);
    }

    protected Catalog catalog(String yaml) {
        Catalog.Builder b = Catalog.builder().baseDirectory(folder);
        catalogOptions().forEach(b::fileSystemOption);
        return b.fromYaml(yaml);
    }

    protected Catalog catalogOf(String id, String table, String options) {
        return catalog(id + ":\n  disk:\n    path: '" + tableUri(table).replace("'", "''") + "'\n"
                + (options.isEmpty() ? "" : "    options: " + options + "\n"));
    }

    protected void external(String sql) throws SQLException {
        try (Connection c = externalConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    protected List<String> externalTables(String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = externalConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String n = rs.getString("TABLE_NAME");
                if (n.startsWith(prefix)) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    private static Table small() {
        return SampleTables.manyRows(0, 10);
    }

    @Test
    void everyScalarTypeRoundTrips() {
        String t = fresh("types");
        Table sample = sampleTable();
        try (Catalog catalog = catalogOf("scores", t, "")) {
            DataHandle h = catalog.get("scores");
            assertThat(h.state().diskProduced()).isFalse();
            assertThatThrownBy(h::read).isInstanceOf(NotProducedException.class).hasMessageContaining("scores")
                    .satisfies(e -> { // the facts as fields, not only as text
                        DataHandleException d = (DataHandleException) e;
                        assertThat(d.code()).isEqualTo(ErrorCode.NOT_PRODUCED);
                        assertThat(d.handleId()).hasValue("scores");
                        assertThat(d.location().path()).get().asString().contains(t);
                    });
            h.write(sample);
            assertThat(h.state().diskProduced()).isTrue();
        }
        try (Catalog again = catalogOf("scores", t, "")) {
            DataHandle h = again.get("scores");
            assertThat(h.state().diskProduced()).isTrue();
            DiskStatus status = h.disk().check();
            assertThat(status.commitRecord()).isEqualTo(DiskStatus.CommitRecordState.MATCHES);
            Table read = h.read();
            assertThat(read.schema()).isEqualTo(sample.schema());
            assertThat(read.toRows()).usingRecursiveComparison().isEqualTo(sample.toRows());
        }
    }

    @Test
    void preparedStatementBatchesWriteTheSameAsTheFastPath() {
        Table sample = sampleTable();
        try (Catalog catalog = catalogOf("b", fresh("batch"), "{bulk: batch, batchSize: 5}")) {
            DataHandle h = catalog.get("b");
            h.write(sample);
            h.dropMemory();
            assertThat(h.read().toRows()).usingRecursiveComparison().isEqualTo(sample.toRows());
        }
    }

    @Test
    void theFastPathSendsABatchInChunksOfBatchSizeRows() {
        Table sample = sampleTable();
        try (Catalog catalog = catalogOf("c", fresh("chunks"), "{batchSize: 5}")) {
            DataHandle h = catalog.get("c");
            h.write(sample);
            h.dropMemory();
            assertThat(h.read().toRows()).usingRecursiveComparison().isEqualTo(sample.toRows());
        }
    }

    @Test
    void writeOnceThenDeleteThenWriteAgain() throws SQLException {
        String t = fresh("once");
        try (Catalog catalog = catalogOf("h", t, "")) {
            DataHandle h = catalog.get("h");
            h.write(small());
            assertThatThrownBy(() -> h.write(small())).isInstanceOf(AlreadyProducedException.class);
            h.dropMemory();
            assertThatThrownBy(() -> h.write(small())).isInstanceOf(AlreadyProducedException.class)
                    .hasMessageContaining("'h'")
                    .satisfies(e -> assertThat(((DataHandleException) e).handleId()).hasValue("h"));
            h.deleteDisk();
            assertThat(h.state().disk()).isEqualTo(HandleState.DiskState.NOT_PRODUCED);
            assertThat(externalTables(t)).isEmpty();
            h.write(SampleTables.manyRows(0, 3));
            assertThat(h.read().rowCount()).isEqualTo(3);
        }
    }

    @Test
    void aTableFromOutsideIsProducedWithoutARecord() throws SQLException {
        String t = fresh("outside");
        external("CREATE TABLE " + t + " (id BIGINT, name VARCHAR(20))");
        external("INSERT INTO " + t + " VALUES (1, 'a'), (2, NULL)");
        try (Catalog catalog = catalogOf("in", t, "")) {
            DataHandle h = catalog.get("in");
            assertThat(h.disk().check().commitRecord()).isEqualTo(DiskStatus.CommitRecordState.ABSENT);
            assertThat(h.state().diskProduced()).isTrue();
            Table read = h.read();
            assertThat(read.schema().field(0).type()).isEqualTo(DataType.INT64);
            assertThat(read.schema().field(1).type()).isEqualTo(DataType.STRING);
            assertThat(read.get(1, "name")).isNull();
            assertThat(h.disk().pathsForRead()).hasSize(1);
            assertThat(h.disk().locations()).singleElement()
                    .satisfies(l -> assertThat(l.path()).isEqualTo(h.disk().pathsForRead().get(0)));
        }
    }

    @Test
    void aTableChangedBehindOurBackIsNotProduced() throws SQLException {
        String t = fresh("changed");
        try (Catalog catalog = catalogOf("h", t, "")) {
            DataHandle h = catalog.get("h");
            h.write(small());
            external("DELETE FROM " + t + " WHERE id = 3000000000");
            assertThat(h.state().diskProduced()).isFalse();
            DiskStatus status = h.disk().check();
            assertThat(status.commitRecord()).isEqualTo(DiskStatus.CommitRecordState.MISMATCH);
            assertThat(status.problem()).get().asString().contains("9 rows");
            h.dropMemory();
            assertThatThrownBy(h::read).isInstanceOf(NotProducedException.class).hasMessageContaining("9 rows");
            h.deleteDisk();
            h.write(small());
            // replaced: dropped and re-created with the same columns and rows
            external("CREATE TABLE " + t + "_copy AS SELECT * FROM " + t);
            external("DROP TABLE " + t);
            external("ALTER TABLE " + t + "_copy RENAME TO " + t);
            assertThat(h.disk().check().problem()).get().asString().contains("replaced");
            h.deleteDisk();
            h.write(small());
            // altered: a column added
            external("ALTER TABLE " + t + " ADD COLUMN extra INTEGER");
            assertThat(h.disk().check().commitRecord()).isEqualTo(DiskStatus.CommitRecordState.MISMATCH);
            assertThat(h.state().diskProduced()).isFalse();
            h.deleteDisk();
            h.write(small());
            external("DROP TABLE " + t);
            assertThat(h.disk().check().problem()).get().asString().contains("commit record remains");
        }
    }

    @Test
    void racingWritersOneWins() throws Exception {
        String t = fresh("race");
        int writers = 4;
        CyclicBarrier barrier = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int id = w;
                Callable<Integer> writer = () -> {
                    try (Catalog c = catalogOf("h", t, "")) {
                        barrier.await();
                        c.get("h").write(SampleTables.manyRows(id * 1000, id * 1000 + 500));
                        return id;
                    } catch (AlreadyProducedException e) {
                        return -1;
                    }
                };
                results.add(pool.submit(writer));
            }
            List<Integer> winners = new ArrayList<>();
            for (Future<Integer> f : results) {
                int r = f.get();
                if (r >= 0) {
                    winners.add(r);
                }
            }
            assertThat(winners).hasSize(1);
            try (Catalog c = catalogOf("h", t, "")) {
                Table read = c.get("h").read();
                assertThat(read.rowCount()).isEqualTo(500);
                int first = winners.get(0) * 1000;
                assertThat(read.get(0, "id")).isEqualTo(3_000_000_000L + first);
                assertThat(read.get(499, "id")).isEqualTo(3_000_000_000L + first + 499);
            }
            assertThat(externalTables("_dh_")).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void streamsInBatchesOfTheFetchSize() {
        String t = fresh("stream");
        try (Catalog catalog = catalogOf("h", t, "{fetchSize: 7, batchSize: 5}")) {
            DataHandle h = catalog.get("h");
            h.write(SampleTables.manyRows(0, 50));
            h.dropMemory();
            int rows = 0;
            int batches = 0;
            try (TableStream s = h.stream()) {
                assertThat(s.schema().names()).containsExactly("id", "name", "score", "day");
                while (s.hasNext()) {
                    Table b = s.next();
                    assertThat(b.rowCount()).isLessThanOrEqualTo(7);
                    rows += b.rowCount();
                    batches++;
                }
            }
            assertThat(rows).isEqualTo(50);
            assertThat(batches).isEqualTo(8);
            assertThat(h.state().memoryProduced()).isFalse();
        }
    }

    @Test
    void aSinkPublishesOnCommitAndLeavesNothingWithout() throws SQLException {
        String t = fresh("sink");
        try (Catalog catalog = catalogOf("h", t, "")) {
            DataHandle h = catalog.get("h");
            Schema schema = SampleTables.manyRows(0, 1).schema();
            try (TableSink sink = h.sink(schema)) {
                sink.write(SampleTables.manyRows(0, 100));
                assertThat(h.state().disk()).isEqualTo(HandleState.DiskState.WRITING);
                sink.write(SampleTables.manyRows(100, 150));
                // abandoned: no commit
            }
            assertThat(h.state().disk()).isEqualTo(HandleState.DiskState.NOT_PRODUCED);
            assertThat(externalTables(t)).isEmpty();
            assertThat(externalTables("_dh_")).isEmpty();
            try (TableSink sink = h.sink(schema)) {
                sink.write(SampleTables.manyRows(0, 100));
                sink.write(SampleTables.manyRows(100, 150));
                sink.commit();
            }
            assertThat(h.read().rowCount()).isEqualTo(150);
            assertThat(h.disk().check().commitRecord()).isEqualTo(DiskStatus.CommitRecordState.MATCHES);
        }
    }

    @Test
    void anExternalToolFillsTheStagingTable() throws SQLException {
        String t = fresh("ext");
        try (Catalog catalog = catalogOf("h", t, "")) {
            DataHandle h = catalog.get("h");
            try (ExternalWrite w = h.disk().beginExternalWrite()) {
                String staging = w.paths().get(0).getFragment();
                assertThat(staging).contains("_dh_"); // schema-qualified where the engine has schemas
                external("CREATE TABLE " + staging + " (id BIGINT, label VARCHAR(10))");
                external("INSERT INTO " + staging + " VALUES (1, 'x'), (2, 'y'), (3, NULL)");
                assertThat(h.state().disk()).isEqualTo(HandleState.DiskState.WRITING);
                w.commit();
            }
            assertThat(h.state().diskProduced()).isTrue();
            assertThat(h.disk().check().commitRecord()).isEqualTo(DiskStatus.CommitRecordState.MATCHES);
            assertThat(h.read().rowCount()).isEqualTo(3);
            assertThatThrownBy(() -> h.disk().beginExternalWrite()).isInstanceOf(AlreadyProducedException.class);
        }
        try (Catalog catalog = catalogOf("h", fresh("ext2"), "")) {
            DataHandle h = catalog.get("h");
            try (ExternalWrite w = h.disk().beginExternalWrite()) {
                external("CREATE TABLE " + w.paths().get(0).getFragment() + " (id BIGINT)");
                // closed without commit
            }
            assertThat(h.state().diskProduced()).isFalse();
            assertThat(externalTables("_dh_")).isEmpty();
        }
    }

    @Test
    void aQueryIsAReadOnlyInput() throws SQLException {
        String t = fresh("q");
        external("CREATE TABLE " + t + " (id BIGINT, score DOUBLE PRECISION)");
        external("INSERT INTO " + t + " VALUES (1, 0.5), (2, 1.5), (3, 2.5)");
        try (Catalog catalog = catalog("q:\n  disk:\n    path: '" + tableUri(t) + "'\n    options: {query: 'SELECT id,"
                + " score FROM " + t + " WHERE score > 1'}\n")) {
            DataHandle h = catalog.get("q");
            assertThat(h.state().diskProduced()).isTrue();
            assertThat(h.read().rowCount()).isEqualTo(2);
            assertThatThrownBy(() -> h.deleteDisk()).isInstanceOf(DataHandleException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> h.disk().beginExternalWrite()).hasMessageContaining("read-only");
        }
        try (Catalog catalog = catalog("q:\n  disk:\n    path: '" + tableUri(t) + "'\n    options: {query: 'SELECT"
                + " nothing FROM no_such_table_here'}\n")) {
            assertThat(catalog.get("q").state().diskProduced()).isFalse();
        }
    }

    @Test
    void namesWithSqlMetacharactersAreOneQuotedName() throws SQLException {
        String t = fresh("weird") + "\"; DROP TABLE x; -- `'";
        try (Catalog catalog = catalogOf("w", t, "")) {
            DataHandle h = catalog.get("w");
            Table data = Table.of(Schema.of(Field.of("a \"col\"; `x`", DataType.INT64)),
                    List.of(org.datahandle.table.Column.of(DataType.INT64, 1L, 2L)));
            h.write(data);
            assertThat(h.read().toRows()).isEqualTo(data.toRows());
            h.deleteDisk();
            assertThat(h.state().diskProduced()).isFalse();
        }
    }

    @Test
    void aColumnTypeWithNoDataHandleTypeIsAClearError() throws SQLException {
        String t = fresh("unmappable");
        external("CREATE TABLE " + t + " (id BIGINT, odd " + unmappableColumnType() + ")");
        try (Catalog catalog = catalogOf("u", t, "")) {
            assertThatThrownBy(() -> catalog.get("u").read()).isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("'u'").hasMessageContaining("odd").hasMessageContaining("query");
        }
    }

    @Test
    void aNestedColumnIsRefusedBeforeAnythingIsWritten() throws SQLException {
        String t = fresh("nested");
        try (Catalog catalog = catalogOf("n", t, "")) {
            DataHandle h = catalog.get("n");
            assertThatThrownBy(() -> h.write(SampleTables.ofTypes(SampleTables.NESTED_TYPES, 3)))
                    .isInstanceOf(DataFormatException.class).hasMessageContaining("list<int64>");
            assertThat(h.state().diskProduced()).isFalse();
            assertThat(externalTables("_dh_")).isEmpty();
        }
    }

    @Test
    void credentialsNeverShowInYaml() {
        try (Catalog catalog = catalogOf("h", fresh("yaml"), "")) {
            String yaml = catalog.toYaml();
            assertThat(yaml).contains("format: table");
            for (String secret : catalogOptions().entrySet().stream().filter(e -> e.getKey().endsWith("password"))
                    .map(Map.Entry::getValue).toList()) {
                assertThat(yaml).doesNotContain(secret);
            }
        }
    }
}
