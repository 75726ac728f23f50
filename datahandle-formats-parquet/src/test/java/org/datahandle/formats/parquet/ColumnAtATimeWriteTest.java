package org.datahandle.formats.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.TestPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The column-at-a-time writer of flat columns ({@link FlatColumnEncoder}): when it keeps or gives up
 * the dictionary, all-null and empty values, page and row-group boundaries, statistics, a table
 * mixing flat and nested columns, and every codec read back by DuckDB and pyarrow.
 */
class ColumnAtATimeWriteTest {
    @TempDir
    Path dir;

    private static final Schema MIXED = Schema.of(
            Field.of("id", DataType.INT32),
            Field.of("amount", DataType.INT64),
            Field.of("price", DataType.FLOAT64),
            Field.of("ratio", DataType.FLOAT32),
            Field.of("code", DataType.INT32),
            Field.of("big", DataType.INT64),
            Field.of("label", DataType.STRING),
            Field.of("uniq", DataType.STRING),
            Field.of("flag", DataType.BOOLEAN),
            Field.of("day", DataType.DATE),
            Field.of("ts", DataType.TIMESTAMP),
            Field.of("bin", DataType.BINARY),
            Field.of("level", DataType.FLOAT64));

    private static Table mixed(int rows, int seed) {
        Table.Builder b = Table.builder(MIXED, rows);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < rows; i++) {
            b.addRow(i, 3_000_000_000L + random.nextLong(2_000_000_000L),
                    i % 50 == 7 ? null : random.nextInt(1_000_000) / 100.0,
                    i * 0.5f,
                    i % 100,
                    i % 13 == 0 ? null : (i % 37) * 1_000_000_000_000L,
                    i % 9 == 0 ? null : "word_" + (i % 50),
                    "unique " + i + " é",
                    i % 3 == 0,
                    LocalDate.ofEpochDay(14_000 + i % 365),
                    Instant.ofEpochSecond(1_700_000_000L + i, i % 1000 * 1000L),
                    i % 11 == 0 ? null : new byte[] {(byte) i, (byte) (i >> 8), 0},
                    i % 5 == 0 ? Double.NaN : (i % 7) - 3.0);
        }
        return b.build();
    }

    @Test
    void theDictionaryIsKeptForRepeatsAndGivenUpOnUniqueValues() throws Exception {
        Table table = mixed(40_000, 1); // over the 16,384 values where sampling starts
        Path file = dir.resolve("mixed.parquet");
        ParquetFiles.write(file, table, Map.of());

        Map<String, ColumnChunkMetaData> chunks = chunks(file, 0);
        for (String dictionary : List.of("code", "big", "label", "day", "level")) {
            assertThat(chunks.get(dictionary).hasDictionaryPage()).as(dictionary).isTrue();
            assertThat(chunks.get(dictionary).getEncodings()).as(dictionary).contains(dictionaryEncoding())
                    .doesNotContain(Encoding.PLAIN);
        }
        // unique in the sample of every 16th value: no dictionary is even built
        for (String plain : List.of("id", "amount", "price", "ratio", "uniq", "ts", "flag")) {
            assertThat(chunks.get(plain).hasDictionaryPage()).as(plain).isFalse();
            assertThat(chunks.get(plain).getEncodings()).as(plain).contains(Encoding.PLAIN)
                    .doesNotContain(dictionaryEncoding());
        }
        ParquetRoundTripTest.assertSameRows(ParquetFiles.read(file), table);
        assertSameAsDuckDb(table, file);
    }

    @Test
    void aSmallChunkOfUniqueValuesIsPlainBecauseItsDictionaryWouldNotBeSmaller() throws Exception {
        Table table = mixed(1000, 2); // below the sampling threshold: the size comparison decides
        Path file = dir.resolve("small.parquet");
        ParquetFiles.write(file, table, Map.of());

        Map<String, ColumnChunkMetaData> chunks = chunks(file, 0);
        assertThat(chunks.get("id").hasDictionaryPage()).isFalse();
        assertThat(chunks.get("uniq").hasDictionaryPage()).isFalse();
        assertThat(chunks.get("code").hasDictionaryPage()).isTrue();
        ParquetRoundTripTest.assertSameRows(ParquetFiles.read(file), table);
        assertSameAsDuckDb(table, file);
    }

    @Test
    void aDictionaryLargerThanThePageSizeIsDroppedAtTheExactLimit() throws Exception {
        // pageSize 4096: 1024 ints or 512 four-byte strings (each with its 4-byte length) fill a dictionary page
        Schema schema = Schema.of(Field.of("fits", DataType.INT32), Field.of("over", DataType.INT32),
                Field.of("longFits", DataType.INT64), Field.of("longOver", DataType.INT64),
                Field.of("textFits", DataType.STRING), Field.of("textOver", DataType.STRING));
        Table.Builder b = Table.builder(schema);
        for (int i = 0; i < 40_000; i++) {
            b.addRow(i % 1024, i % 1025, (long) (i % 512) << 40, (long) (i % 513) << 40,
                    String.format("%04d", i % 512), String.format("%04d", i % 513));
        }
        Table table = b.build();
        Path file = dir.resolve("limit.parquet");
        ParquetFiles.write(file, table, Map.of("pageSize", 4096));

        Map<String, ColumnChunkMetaData> chunks = chunks(file, 0);
        assertThat(chunks.get("fits").hasDictionaryPage()).isTrue();
        assertThat(chunks.get("over").hasDictionaryPage()).isFalse();
        assertThat(chunks.get("longFits").hasDictionaryPage()).isTrue();
        assertThat(chunks.get("longOver").hasDictionaryPage()).isFalse();
        assertThat(chunks.get("textFits").hasDictionaryPage()).isTrue();
        assertThat(chunks.get("textOver").hasDictionaryPage()).isFalse();
        ParquetRoundTripTest.assertSameRows(ParquetFiles.read(file), table);
        assertSameAsDuckDb(table, file);
    }

    @Test
    void allNullColumnsEmptyStringsAndOneValueColumns() throws Exception {
        Schema schema = Schema.of(Field.of("i", DataType.INT32), Field.of("l", DataType.INT64),
                Field.of("f", DataType.FLOAT32), Field.of("d", DataType.FLOAT64), Field.of("b", DataType.BOOLEAN),
                Field.of("s", DataType.STRING), Field.of("bin", DataType.BINARY), Field.of("day", DataType.DATE),
                Field.of("ts", DataType.TIMESTAMP), Field.of("empty", DataType.STRING),
                Field.of("emptyOrNull", DataType.STRING), Field.of("one", DataType.INT64),
                new Field("required", DataType.STRING, false));
        int rows = 50_000;
        Table.Builder b = Table.builder(schema);
        for (int i = 0; i < rows; i++) {
            b.addRow(null, null, null, null, null, null, null, null, null, "", i % 2 == 0 ? "" : null, 42L,
                    i % 3 == 0 ? "" : "x");
        }
        Table table = b.build();
        Path file = dir.resolve("nulls.parquet");
        ParquetFiles.write(file, table, Map.of());

        Table back = ParquetFiles.read(file);
        assertThat(back.schema()).isEqualTo(schema);
        ParquetRoundTripTest.assertSameRows(back, table);
        assertSameAsDuckDb(table, file);
        Map<String, ColumnChunkMetaData> chunks = chunks(file, 0);
        for (String allNull : List.of("i", "l", "f", "d", "b", "s", "bin", "day", "ts")) {
            Statistics<?> stats = chunks.get(allNull).getStatistics();
            assertThat(stats.getNumNulls()).as(allNull).isEqualTo(rows);
            assertThat(stats.hasNonNullValue()).as(allNull).isFalse();
        }
        Statistics<?> empty = chunks.get("emptyOrNull").getStatistics();
        assertThat(empty.getNumNulls()).isEqualTo(rows / 2);
        assertThat(empty.getMinBytes()).isEmpty();
        assertThat(empty.getMaxBytes()).isEmpty();
        assertThat(chunks.get("one").hasDictionaryPage()).isTrue();
        Object oneMin = chunks.get("one").getStatistics().genericGetMin();
        assertThat(oneMin).isEqualTo(42L);
    }

    @Test
    void statisticsHoldTheMinMaxAndNullsOfTheValues() throws Exception {
        Schema schema = Schema.of(Field.of("i", DataType.INT32), Field.of("l", DataType.INT64),
                Field.of("d", DataType.FLOAT64), Field.of("nan", DataType.FLOAT64), Field.of("zero", DataType.FLOAT32),
                Field.of("s", DataType.STRING), Field.of("b", DataType.BOOLEAN));
        Table table = Table.builder(schema)
                .addRow(5, -7L, 2.5, Double.NaN, 0.0f, "z", true)
                .addRow(null, Long.MAX_VALUE, null, 1.0, -0.0f, "é", true)
                .addRow(Integer.MIN_VALUE, null, -1e300, -4.0, null, null, null)
                .addRow(17, 0L, Double.POSITIVE_INFINITY, Double.NaN, 3.0f, "", true)
                .build();
        Path file = dir.resolve("stats.parquet");
        ParquetFiles.write(file, table, Map.of());

        Map<String, ColumnChunkMetaData> chunks = chunks(file, 0);
        assertStats(chunks.get("i"), Integer.MIN_VALUE, 17, 1);
        assertStats(chunks.get("l"), -7L, Long.MAX_VALUE, 1);
        assertStats(chunks.get("d"), -1e300, Double.POSITIVE_INFINITY, 1);
        assertStats(chunks.get("nan"), -4.0, 1.0, 0);
        assertStats(chunks.get("zero"), -0.0f, 3.0f, 1);
        assertStats(chunks.get("b"), true, true, 1);
        Statistics<?> s = chunks.get("s").getStatistics();
        assertThat(s.getNumNulls()).isEqualTo(1);
        assertThat(new String(s.getMinBytes(), UTF_8)).isEmpty();
        assertThat(new String(s.getMaxBytes(), UTF_8)).isEqualTo("é"); // unsigned byte order: 0xC3 > 'z'
        ParquetRoundTripTest.assertSameRows(ParquetFiles.read(file), table);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT count(*) FROM read_parquet('" + file + "') WHERE i > 10"
                        + " AND s = '' AND l = 0")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(1); // DuckDB filters with the statistics and the values
        }
    }

    @Test
    void manyPagesAndRowGroupsAcrossBatchesOfOddSizes() throws Exception {
        Table whole = mixed(70_001, 3);
        List<Table> batches = List.of(whole.slice(0, 1), whole.slice(1, 40_001), whole.slice(40_001, 70_001));
        Path file = dir.resolve("pages.parquet");
        // small pages and row groups; a string of 5,000 bytes (longer than a page) now and then
        Schema schema = Schema.of(Field.of("id", DataType.INT32), Field.of("text", DataType.STRING));
        ParquetFiles.write(file, MIXED, batches, Map.of("pageSize", 2048, "rowGroupSize", 512 * 1024));
        ParquetRoundTripTest.assertSameRows(ParquetFiles.read(file), whole);
        assertSameAsDuckDb(whole, file);
        ParquetMetadata footer = footer(file);
        assertThat(footer.getBlocks()).hasSizeGreaterThan(5);
        assertThat(footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(70_001);

        Table.Builder b = Table.builder(schema);
        for (int i = 0; i < 30_000; i++) {
            b.addRow(i, i % 997 == 0 ? "x".repeat(5000) + i : i % 4 == 0 ? null : "t" + i);
        }
        Table long_ = b.build();
        Path longFile = dir.resolve("long.parquet");
        ParquetFiles.write(longFile, long_, Map.of("pageSize", 2048));
        ParquetRoundTripTest.assertSameRows(ParquetFiles.read(longFile), long_);
        assertSameAsDuckDb(long_, longFile);

        // default page size: at most 20,000 rows a page
        Path defaults = dir.resolve("defaults.parquet");
        ParquetFiles.write(defaults, whole, Map.of());
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(defaults))) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    OffsetIndex pages = reader.readOffsetIndex(chunk);
                    assertThat(pages).isNotNull();
                    for (int p = 0; p < pages.getPageCount(); p++) {
                        long last = p + 1 < pages.getPageCount() ? pages.getFirstRowIndex(p + 1)
                                : block.getRowCount();
                        assertThat(last - pages.getFirstRowIndex(p)).as("%s page %d", chunk.getPath(), p)
                                .isBetween(1L, (long) FlatColumnEncoder.PAGE_ROW_LIMIT);
                    }
                }
            }
        }
    }

    @Test
    void aTableMixingFlatNestedAndDecimalColumnsOverSeveralRowGroups() throws Exception {
        Schema point = Schema.of(Field.of("x", DataType.INT32), Field.of("label", DataType.STRING));
        Schema schema = Schema.of(Field.of("id", DataType.INT64), Field.of("tags", DataType.listOf(DataType.STRING)),
                Field.of("name", DataType.STRING), Field.of("point", DataType.struct(point.fields())),
                Field.of("price", DataType.decimal(12, 2)), Field.of("flag", DataType.BOOLEAN));
        Table.Builder b = Table.builder(schema);
        for (int i = 0; i < 30_000; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("x", i % 5 == 0 ? null : i);
            p.put("label", "p" + (i % 10));
            b.addRow((long) i, i % 7 == 0 ? null : Arrays.asList("a" + i % 3, i % 2 == 0 ? null : "b"),
                    i % 4 == 0 ? null : "name " + (i % 100), i % 6 == 0 ? null : p,
                    i % 8 == 0 ? null : BigDecimal.valueOf(i * 7L, 2), i % 2 == 0);
        }
        Table table = b.build();
        Path file = dir.resolve("nested.parquet");
        ParquetFiles.write(file, table, Map.of("rowGroupSize", 256 * 1024));
        assertThat(footer(file).getBlocks()).hasSizeGreaterThan(2);
        Table back = ParquetFiles.read(file);
        assertThat(back.schema()).isEqualTo(schema);
        ParquetRoundTripTest.assertSameRows(back, table);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT count(*), count(tags), sum(len(tags)), count(name),"
                        + " sum(point.x), sum(price), count(*) FILTER (flag), max(id) FROM read_parquet('" + file + "')")) {
            r.next();
            long tags = 0;
            long x = 0;
            BigDecimal price = BigDecimal.ZERO;
            for (int i = 0; i < 30_000; i++) {
                tags += i % 7 == 0 ? 0 : 2;
                x += i % 6 == 0 || i % 5 == 0 ? 0 : i;
                price = i % 8 == 0 ? price : price.add(BigDecimal.valueOf(i * 7L, 2));
            }
            assertThat(r.getLong(1)).isEqualTo(30_000);
            assertThat(r.getLong(2)).isEqualTo(30_000 - (30_000 + 6) / 7);
            assertThat(r.getLong(3)).isEqualTo(tags);
            assertThat(r.getLong(4)).isEqualTo(30_000 - 30_000 / 4);
            assertThat(r.getLong(5)).isEqualTo(x);
            assertThat(r.getBigDecimal(6)).isEqualByComparingTo(price);
            assertThat(r.getLong(7)).isEqualTo(15_000);
            assertThat(r.getLong(8)).isEqualTo(29_999);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"snappy", "zstd", "gzip", "lz4", "lz4_raw", "none"})
    void pyArrowReadsEveryCodecWithTheSameValues(String codec) throws Exception {
        Path python = TestPython.assumePython("pyarrow");
        Table table = mixed(30_000, 4);
        Path file = dir.resolve(codec + ".parquet");
        Path copy = dir.resolve(codec + "-copy.parquet");
        ParquetFiles.write(file, table, Map.of("compression", codec, "rowGroupSize", 512 * 1024));
        // pyarrow reads our file and writes what it read, plain and uncompressed, for us to compare
        String script = String.join("\n",
                "import sys, pyarrow.parquet as pq",
                "f = pq.ParquetFile(sys.argv[1])",
                "print(f.metadata.row_group(0).column(0).compression)",
                "print(f.metadata.num_row_groups)",
                "t = f.read()",
                "print(t.num_rows)",
                "pq.write_table(t, sys.argv[2], compression='none', use_dictionary=False)");
        TestPython.Result result = TestPython.run(python, script, List.of(file.toString(), copy.toString()))
                .assertSuccess();
        ParquetRoundTripTest.assertSameRows(ParquetFiles.read(copy), table);
        String[] lines = result.stdout().strip().split("\n");
        // pyarrow's names: LZ4 for LZ4_RAW, and UNKNOWN for the deprecated Hadoop-framed LZ4 it still reads
        Map<String, String> names = Map.of("snappy", "SNAPPY", "zstd", "ZSTD", "gzip", "GZIP", "lz4", "UNKNOWN",
                "lz4_raw", "LZ4", "none", "UNCOMPRESSED");
        assertThat(lines[0].strip()).isEqualTo(names.get(codec));
        assertThat(Integer.parseInt(lines[1].strip())).isGreaterThan(1);
        assertThat(lines[2].strip()).isEqualTo("30000");
    }

    // ---- helpers

    @SuppressWarnings("deprecation")
    private static Encoding dictionaryEncoding() {
        return Encoding.PLAIN_DICTIONARY;
    }

    private static void assertStats(ColumnChunkMetaData chunk, Object min, Object max, long nulls) {
        Statistics<?> s = chunk.getStatistics();
        Object actualMin = s.genericGetMin();
        Object actualMax = s.genericGetMax();
        assertThat(actualMin).as("min of %s", chunk.getPath()).isEqualTo(min);
        assertThat(actualMax).as("max of %s", chunk.getPath()).isEqualTo(max);
        assertThat(s.getNumNulls()).as("nulls of %s", chunk.getPath()).isEqualTo(nulls);
    }

    private static ParquetMetadata footer(Path file) throws Exception {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter();
        }
    }

    private static Map<String, ColumnChunkMetaData> chunks(Path file, int block) throws Exception {
        Map<String, ColumnChunkMetaData> chunks = new HashMap<>();
        for (ColumnChunkMetaData c : footer(file).getBlocks().get(block).getColumns()) {
            chunks.put(c.getPath().toDotString(), c);
        }
        return chunks;
    }

    /** Every cell as DuckDB reads it, compared as text (dates as text, timestamps as micros, bytes as hex). */
    private static void assertSameAsDuckDb(Table table, Path file) throws Exception {
        List<String> select = new ArrayList<>();
        for (Field f : table.schema().fields()) {
            String q = '"' + f.name() + '"';
            if (f.type() == DataType.DATE) {
                select.add("CAST(" + q + " AS VARCHAR)");
            } else if (f.type() instanceof DataType.Timestamp) {
                select.add("epoch_us(" + q + ")");
            } else if (f.type() == DataType.BINARY) {
                select.add("hex(" + q + ")");
            } else {
                select.add(q);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT " + String.join(", ", select) + " FROM read_parquet('" + file
                        + "')")) {
            int row = 0;
            while (r.next()) {
                for (int col = 0; col < table.columnCount(); col++) {
                    String theirs = text(r.getObject(col + 1));
                    String ours = text(table.get(row, col));
                    if (!java.util.Objects.equals(theirs, ours)) { // one assertion per cell would be slow
                        assertThat(theirs).as("%s row %d column %d", file.getFileName(), row, col).isEqualTo(ours);
                    }
                }
                row++;
            }
            assertThat(row).as("rows of %s", file.getFileName()).isEqualTo(table.rowCount());
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] bytes) {
            return HexFormat.of().withUpperCase().formatHex(bytes);
        }
        if (v instanceof Instant i) {
            return Long.toString(i.getEpochSecond() * 1_000_000L + i.getNano() / 1000);
        }
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            return Long.toString(n.longValue());
        }
        return v.toString();
    }
}
