package org.datahandle.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.datahandle.DataFormatException;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.table.BinaryColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.StringColumn;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A whole read ({@code readAll}), which decodes every row group into its rows of the final column
 * arrays ({@link WholeTable}), against the batches of the same file (one table per row group,
 * {@code next()}) concatenated: the path every read took before. Both on one thread and with the row
 * groups decoded in parallel, whose null and boolean bits meet in shared words where a row group
 * does not start on a multiple of 64 rows. Beyond cell equality, the raw arrays must agree too: a
 * null row holds 0 or an empty range in both.
 */
class WholeReadTest {
    private static final LocalCodecFiles LOCAL = LocalCodecFiles.plain(ParquetFiles.HANDLE);
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    static Stream<Path> corpus() throws IOException {
        return PageDecodingTest.corpus();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusFilesReadWholeAsTheirBatchesConcatenated(Path file) throws IOException {
        assertWholeReadIsBatchesConcatenated(file);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"V1", "V2"})
    void duckDbRowGroupsOfOddSizesWithNullsAtTheirEdges(String version) throws Exception {
        Path file = dir.resolve("duck-" + version + ".parquet");
        duckDb("COPY (" + everyKind(0, 20_011) + ") TO '" + file + "' (FORMAT parquet, PARQUET_VERSION " + version
                + ", ROW_GROUP_SIZE 2049)");
        assertWholeReadIsBatchesConcatenated(file);
    }

    @Test
    void severalFilesFillOneTable() throws Exception {
        Path a = dir.resolve("a.parquet");
        Path b = dir.resolve("b.parquet");
        Path c = dir.resolve("c.parquet");
        duckDb("COPY (" + everyKind(0, 5_000) + ") TO '" + a + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
        duckDb("COPY (" + everyKind(5_000, 5_001) + ") TO '" + b + "' (FORMAT parquet)");
        duckDb("COPY (" + everyKind(5_001, 9_999) + ") TO '" + c + "' (FORMAT parquet, ROW_GROUP_SIZE 333,"
                + " PARQUET_VERSION V2)");
        List<ReadSource> sources = List.of(source(a, false), source(b, false), source(c, false));
        Table batches = batchesConcatenated(sources);
        assertThat(batches.rowCount()).isEqualTo(9_999);
        List<ReadSource> parallel = List.of(source(a, true), source(b, true), source(c, true));
        for (List<ReadSource> s : List.of(sources, parallel)) {
            try (TableReader r = ParquetFiles.codec(Map.of()).openReader(s)) {
                assertSameArrays(r.readAll(), batches, "three files");
            }
        }
    }

    @Test
    void ourOwnSmallPagesAndRequiredColumns() throws Exception {
        Path source = dir.resolve("duck.parquet");
        duckDb("COPY (" + everyKind(0, 30_000) + ") TO '" + source + "' (FORMAT parquet)");
        Table table = ParquetFiles.read(source);
        // not nullable: a required column, no definition levels at all
        List<Field> fields = new ArrayList<>(table.schema().fields());
        fields.set(0, new Field("i32", DataType.INT32, false));
        Table required = Table.of(Schema.of(fields), table.columns());
        Path file = dir.resolve("ours.parquet");
        ParquetFiles.write(file, required, Map.of("pageSize", 2048, "rowGroupSize", 64 * 1024));
        assertWholeReadIsBatchesConcatenated(file);
        assertThat(ParquetFiles.read(file).schema().field(0).nullable()).isFalse();
    }

    @Test
    void aReadAfterBatchesGoesOnFromThere() throws Exception {
        Path file = dir.resolve("duck.parquet");
        duckDb("COPY (" + everyKind(0, 10_000) + ") TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 2500)");
        Table all = ParquetFiles.read(file);
        try (TableReader r = ParquetFiles.codec(Map.of()).openReader(List.of(source(file, true)))) {
            Table first = r.next().orElseThrow();
            Table rest = r.readAll();
            assertThat(first.rowCount() + rest.rowCount()).isEqualTo(10_000);
            assertThat(Table.concat(all.schema(), List.of(first, rest))).isEqualTo(all);
        }
    }

    /**
     * A footer may claim any number of rows in a few bytes. Rows beyond what the heap holds are not
     * allocated up front: the read goes the old way and fails on the first column chunk that holds
     * fewer values, naming it, instead of running out of memory; a claim that fits is allocated and
     * fails the same way.
     */
    @ParameterizedTest(name = "{0} rows claimed")
    @ValueSource(longs = {1_500_000_000L, 200_000_000L, 1_000_000L})
    void aFooterClaimingHugeRowCountsIsAFormatErrorNotOutOfMemory(long claimed) throws Exception {
        Path file = dir.resolve("liar.parquet");
        duckDb("COPY (" + everyKind(0, 1_000) + ") TO '" + file + "' (FORMAT parquet)");
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        int footerLength = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getInt();
        int footerStart = bytes.length - 8 - footerLength;
        org.apache.parquet.format.FileMetaData meta = org.apache.parquet.format.Util.readFileMetaData(
                new java.io.ByteArrayInputStream(bytes, footerStart, footerLength));
        meta.getRow_groups().get(0).setNum_rows(claimed);
        meta.setNum_rows(claimed);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(bytes, 0, footerStart);
        java.io.ByteArrayOutputStream footer = new java.io.ByteArrayOutputStream();
        org.apache.parquet.format.Util.writeFileMetaData(meta, footer);
        footer.writeTo(out);
        out.write(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
        out.write("PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.nio.file.Files.write(file, out.toByteArray());
        for (boolean parallel : new boolean[] {false, true}) {
            try (TableReader r = ParquetFiles.codec(Map.of()).openReader(List.of(source(file, parallel)))) {
                assertThatThrownBy(r::readAll).isInstanceOf(DataFormatException.class)
                        .hasMessageContaining("row group 0").hasMessageContaining(String.valueOf(claimed));
            }
        }
    }

    @ParameterizedTest(name = "{0} distinct values")
    @ValueSource(ints = {3, 50_000})
    void invalidUtf8FailsAndLongAsciiValuesPassInDictionaryAndPlainPages(int distinct) throws Exception {
        // 3 distinct values: dictionary pages; 50,000: too many for DuckDB's dictionary, PLAIN pages.
        // Values of 200 bytes have length prefixes with the high bit set, which the page-wide ASCII
        // scan sees, so each value is then checked on its own.
        Path good = dir.resolve("good.parquet");
        duckDb("COPY (SELECT i, encode(repeat('a', 200) || (i % " + distinct + ")) AS s,"
                + " encode('é' || (i % " + distinct + ")) AS t FROM range(0, 60000) t(i)) TO '" + good
                + "' (FORMAT parquet)");
        Path bad = dir.resolve("bad.parquet");
        duckDb("COPY (SELECT i, CASE WHEN i = 59999 THEN '\\xC3\\x28'::BLOB ELSE encode('v' || (i % " + distinct
                + ")) END AS s FROM range(0, 60000) t(i)) TO '" + bad + "' (FORMAT parquet)");
        for (Path file : List.of(good, bad)) {
            assertThat(encodingsOfS(file)).as("encodings of %s", file.getFileName())
                    .contains(distinct == 3 ? "DICTIONARY" : "PLAIN");
        }
        for (boolean parallel : new boolean[] {false, true}) {
            try (TableReader r = ParquetFiles.codec(Map.of("binaryAsString", true))
                    .openReader(List.of(source(good, parallel)))) {
                Table t = r.readAll();
                assertThat(t.get(59_999, "s")).isEqualTo("a".repeat(200) + (59_999 % distinct));
                assertThat(t.get(7, "t")).isEqualTo("é" + (7 % distinct));
            }
            try (TableReader r = ParquetFiles.codec(Map.of("binaryAsString", true))
                    .openReader(List.of(source(bad, parallel)))) {
                assertThatThrownBy(r::readAll).isInstanceOf(DataFormatException.class)
                        .hasMessageContaining("invalid UTF-8").hasMessageContaining("'s'");
            }
        }
    }

    /** Every column kind a flat DuckDB file holds, nulls in different patterns, and a list and a struct. */
    private static String everyKind(int from, int to) {
        return "SELECT i::INTEGER AS i32, CASE WHEN i % 3 = 0 THEN NULL ELSE (i * 1000003)::BIGINT END AS i64,"
                + " CASE WHEN i % 7 = 0 THEN NULL ELSE i / 3.0 END AS f64,"
                + " CASE WHEN i % 64 < 5 THEN NULL ELSE (i / 4.0)::FLOAT END AS f32,"
                + " CASE WHEN i % 11 = 0 THEN NULL ELSE 'v' || (i % 97) END AS low_card,"
                + " CASE WHEN i % 5 = 0 THEN NULL ELSE md5(i::VARCHAR) || 'é' END AS high_card,"
                + " CASE WHEN i % 2049 = 0 THEN '' ELSE 'x' END AS short_or_empty,"
                + " CASE WHEN i % 13 = 0 THEN NULL ELSE i % 3 = 0 END AS flag,"
                + " DATE '2020-01-01' + (i % 1000)::INTEGER AS d,"
                + " CASE WHEN i % 2049 < 2 THEN NULL ELSE i END AS null_at_group_edges,"
                + " TIMESTAMPTZ '2020-01-01 00:00:00+00' + to_microseconds(i * 1000) AS ts,"
                + " (TIMESTAMP '2020-01-01' + to_microseconds(i * 1000))::TIMESTAMP_MS AS ts_ms,"
                + " (i % 100000)::DECIMAL(9,2) AS dec9, i::UINTEGER AS u32,"
                + " CASE WHEN i % 17 = 0 THEN NULL ELSE encode('b' || i) END AS blob,"
                + " NULL::INTEGER AS all_null,"
                + " CASE WHEN i % 2 = 0 THEN NULL ELSE [i, i + 1] END AS list_col,"
                + " {'a': i, 'b': 'x' || i} AS struct_col"
                + " FROM range(" + from + ", " + to + ") t(i)";
    }

    private static String encodingsOfS(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT string_agg(encodings, ',') FROM parquet_metadata('" + file
                        + "') WHERE path_in_schema = 's'")) {
            r.next();
            return r.getString(1);
        }
    }

    private static void duckDb(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void assertWholeReadIsBatchesConcatenated(Path file) throws IOException {
        Table batches = batchesConcatenated(List.of(source(file, false)));
        for (boolean parallel : new boolean[] {false, true}) {
            try (TableReader r = ParquetFiles.codec(Map.of()).openReader(List.of(source(file, parallel)))) {
                assertSameArrays(r.readAll(), batches, file.getFileName() + (parallel ? " in parallel" : ""));
            }
        }
    }

    /** The path of reads before: a table per row group, concatenated. */
    private static Table batchesConcatenated(List<ReadSource> sources) throws IOException {
        List<Table> batches = new ArrayList<>();
        try (TableReader r = ParquetFiles.codec(Map.of()).openReader(sources)) {
            for (Optional<Table> b = r.next(); b.isPresent(); b = r.next()) {
                batches.add(b.get());
            }
            return batches.isEmpty() ? Table.empty(r.schema()) : Table.concat(r.schema(), batches);
        }
    }

    private static void assertSameArrays(Table whole, Table expected, String what) {
        assertThat(whole.schema()).as(what).isEqualTo(expected.schema());
        assertThat(whole.rowCount()).as(what).isEqualTo(expected.rowCount());
        assertThat(whole).as(what).isEqualTo(expected);
        for (int c = 0; c < whole.columnCount(); c++) {
            Column a = whole.column(c);
            Column b = expected.column(c);
            String where = what + ", column " + whole.schema().field(c).name();
            assertThat(a.nullCount()).as(where).isEqualTo(b.nullCount());
            if (a instanceof IntColumn x) {
                assertThat(x.valueBuffer()).as(where).isEqualTo(((IntColumn) b).valueBuffer());
            } else if (a instanceof LongColumn x) {
                assertThat(x.valueBuffer()).as(where).isEqualTo(((LongColumn) b).valueBuffer());
            } else if (a instanceof DoubleColumn x) {
                assertThat(x.valueBuffer()).as(where).isEqualTo(((DoubleColumn) b).valueBuffer());
            } else if (a instanceof FloatColumn x) {
                assertThat(x.valueBuffer()).as(where).isEqualTo(((FloatColumn) b).valueBuffer());
            } else if (a instanceof StringColumn x) {
                assertThat(x.offsetBuffer()).as(where).isEqualTo(((StringColumn) b).offsetBuffer());
                assertThat(x.dataBuffer()).as(where).isEqualTo(((StringColumn) b).dataBuffer());
            } else if (a instanceof BinaryColumn x) {
                assertThat(x.offsetBuffer()).as(where).isEqualTo(((BinaryColumn) b).offsetBuffer());
                assertThat(x.dataBuffer()).as(where).isEqualTo(((BinaryColumn) b).dataBuffer());
            }
        }
    }

    /** A local file, with the pool as its executor when {@code parallel}, so row groups decode at once. */
    private ReadSource source(Path p, boolean parallel) {
        ReadSource s = LOCAL.source(p);
        if (!parallel) {
            return s;
        }
        return LocalCodecFiles.onExecutor(s, pool);
    }
}
