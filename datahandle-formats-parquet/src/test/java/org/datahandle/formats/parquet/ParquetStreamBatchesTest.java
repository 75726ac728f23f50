package org.datahandle.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream of a file with one large row group gives batches of at most
 * {@link ParquetTableReader#STREAM_BATCH_ROWS} rows, cut inside the row group and inside pages, and
 * together they are exactly the table a full read gives: on the reading thread, with the next batch
 * decoding on an executor, for our files and DuckDB's (V1 and V2 pages).
 */
class ParquetStreamBatchesTest {
    private static final int ROWS = 300_000;
    private static final LocalCodecFiles LOCAL = LocalCodecFiles.plain(ParquetFiles.HANDLE);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static Table table() {
        Schema schema = Schema.of(Field.of("id", DataType.INT64), Field.of("s", DataType.STRING),
                Field.of("d", DataType.FLOAT64), Field.of("i", DataType.INT32), Field.of("flag", DataType.BOOLEAN),
                Field.of("ts", DataType.TIMESTAMP));
        Table.Builder b = Table.builder(schema, ROWS);
        for (int i = 0; i < ROWS; i++) {
            b.addRow((long) i, i % 9 == 0 ? null : "row " + (i % 1000), i % 4 == 0 ? null : i / 3.0,
                    i % 7 == 0 ? null : i * 3, i % 5 == 0 ? null : i % 2 == 0,
                    i % 11 == 0 ? null : Instant.ofEpochSecond(1_700_000_000L + i, 1000L * (i % 1000)));
        }
        return b.build();
    }

    @Test
    void aSingleRowGroupStreamsInBoundedBatchesThatMakeUpTheFullRead() throws Exception {
        Table table = table();
        Path file = dir.resolve("one-row-group.parquet");
        // one row group; small pages, which the batch boundaries then cut through
        ParquetFiles.write(file, table, Map.of("rowGroupSize", 1L << 40, "pageSize", 10_000));
        assertThat(rowGroups(file)).isEqualTo(1);

        Table read = ParquetFiles.read(file);
        assertThat(read).isEqualTo(table);
        assertBoundedAndEqual(stream(LOCAL.source(file)), read);
        assertBoundedAndEqual(stream(onPool(LOCAL.source(file))), read);
    }

    @Test
    void aStreamStopsAfterItsFirstBatch() throws Exception {
        Path file = dir.resolve("head.parquet");
        ParquetFiles.write(file, table(), Map.of("rowGroupSize", 1L << 40));
        try (TableReader r = ParquetFiles.codec(Map.of()).openStream(List.of(onPool(LOCAL.source(file))))) {
            Table first = r.next().orElseThrow();
            assertThat(first.rowCount()).isEqualTo(ParquetTableReader.STREAM_BATCH_ROWS);
            assertThat(first.get(3, "id")).isEqualTo(3L);
        }
    }

    @Test
    void duckDbsSingleRowGroupsOfV1AndV2PagesStreamInBoundedBatches() throws Exception {
        for (String version : List.of("V1", "V2")) {
            Path file = dir.resolve("duck-" + version + ".parquet");
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
                s.execute("COPY (SELECT i AS id, CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || (i % 500) END AS txt,"
                        + " CASE WHEN i % 10 = 0 THEN NULL ELSE i / 7 END AS dbl, (i % 100)::DECIMAL(10,2) AS dec"
                        + " FROM range(0, " + ROWS + ") t(i) ORDER BY i) TO '" + file + "' (FORMAT PARQUET,"
                        + " ROW_GROUP_SIZE 1000000, PARQUET_VERSION " + version + ")");
            }
            assertThat(rowGroups(file)).as(version).isEqualTo(1);
            Table read = ParquetFiles.read(file);
            assertThat(read.rowCount()).isEqualTo(ROWS);
            assertBoundedAndEqual(stream(LOCAL.source(file)), read);
            assertBoundedAndEqual(stream(onPool(LOCAL.source(file))), read);
        }
    }

    @Test
    void aNestedColumnKeepsOneBatchPerRowGroupWithTheSameRows() throws Exception {
        Path file = dir.resolve("nested.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT i AS id, [i, i + 1] AS lst FROM range(0, 100000) t(i) ORDER BY i) TO '" + file
                    + "' (FORMAT PARQUET, ROW_GROUP_SIZE 1000000)");
        }
        List<Table> batches = stream(LOCAL.source(file));
        assertThat(batches).hasSize(1);
        assertThat(Table.concat(batches.get(0).schema(), batches)).isEqualTo(ParquetFiles.read(file));
    }

    @Test
    void aCorruptPageLateInTheRowGroupFailsTheStreamByName() throws Exception {
        Path file = dir.resolve("late.parquet");
        ParquetFiles.write(file, table(), Map.of("rowGroupSize", 1L << 40, "pageSize", 10_000, "compression", "none"));
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        java.util.Arrays.fill(bytes, bytes.length / 2, bytes.length / 2 + 200, (byte) 0x5A);
        java.nio.file.Files.write(file, bytes);
        for (ReadSource source : List.of(LOCAL.source(file), onPool(LOCAL.source(file)))) {
            assertThatThrownBy(() -> stream(source))
                    .isInstanceOf(org.datahandle.DataFormatException.class)
                    .hasMessageContaining(ParquetFiles.HANDLE)
                    .hasMessageContaining("late.parquet")
                    .hasMessageContaining("row group 0");
        }
    }

    private static void assertBoundedAndEqual(List<Table> batches, Table read) {
        assertThat(batches).hasSizeGreaterThan(1);
        for (Table b : batches) {
            assertThat(b.rowCount()).isPositive().isLessThanOrEqualTo(ParquetTableReader.STREAM_BATCH_ROWS);
        }
        assertThat(batches.get(0).rowCount()).isEqualTo(ParquetTableReader.STREAM_BATCH_ROWS);
        assertThat(Table.concat(read.schema(), batches)).isEqualTo(read);
    }

    private static long rowGroups(Path file) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + file + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Table> stream(ReadSource source) throws IOException {
        List<Table> batches = new ArrayList<>();
        try (TableReader r = ParquetFiles.codec(Map.of()).openStream(List.of(source))) {
            for (var b = r.next(); b.isPresent(); b = r.next()) {
                batches.add(b.get());
            }
        }
        return batches;
    }

    /** The source with an executor, so the next batch decodes on a pool thread. */
    private ReadSource onPool(ReadSource s) {
        return LocalCodecFiles.onExecutor(s, pool);
    }
}
