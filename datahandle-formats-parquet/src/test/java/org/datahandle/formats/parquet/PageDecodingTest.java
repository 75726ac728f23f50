package org.datahandle.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page decoder of flat columns ({@link ColumnChunkDecoder}) against parquet-java's record
 * assembly, the independent path every column took before: for each file both read every row
 * group, and every cell must be equal. The files are the parquet-testing corpus (every encoding,
 * page version, codec and null pattern its writers produced) and files DuckDB writes with the V1
 * and V2 page formats (PLAIN, dictionary, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
 * BYTE_STREAM_SPLIT...).
 */
class PageDecodingTest {
    private static final LocalCodecFiles LOCAL = LocalCodecFiles.plain(ParquetFiles.HANDLE);

    static Stream<Path> corpus() throws IOException {
        return ParquetTestingCorpusTest.files()
                .filter(p -> ParquetTestingCorpusTest.parquetJavaRowCount(p).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusFilesDecodeAsRecordAssemblyDoes(Path file) throws IOException {
        assertSameAsAssembly(file);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"V1", "V2"})
    void duckDbFilesOfEveryEncodingDecodeAsRecordAssemblyDoes(String version, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("duck-" + version + ".parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i::INTEGER AS i32, (i * 1000003)::BIGINT AS i64,"
                    + " CASE WHEN i % 7 = 0 THEN NULL ELSE i / 3.0 END AS f64,"
                    + " (i / 4.0)::FLOAT AS f32,"
                    + " CASE WHEN i % 11 = 0 THEN NULL ELSE 'v' || (i % 97) END AS low_card,"
                    + " CASE WHEN i % 5 = 0 THEN NULL ELSE md5(i::VARCHAR) || 'é' END AS high_card,"
                    + " i % 3 = 0 AS flag, DATE '2020-01-01' + (i % 1000)::INTEGER AS d,"
                    + " TIMESTAMPTZ '2020-01-01 00:00:00+00' + to_microseconds(i * 1000) AS ts,"
                    + " (i % 100000)::DECIMAL(9,2) AS dec9, (i * 7)::DECIMAL(18,3) AS dec18,"
                    + " (i::DECIMAL(38,0) * 1000000000000) AS dec38, i::UINTEGER AS u32, i::UBIGINT AS u64,"
                    + " CASE WHEN i % 2 = 0 THEN NULL ELSE [i, i + 1] END AS list_col,"
                    + " {'a': i, 'b': 'x' || i} AS struct_col"
                    + " FROM range(0, 120000) t(i)) TO '" + file + "' (FORMAT parquet, PARQUET_VERSION " + version
                    + ", ROW_GROUP_SIZE 50000)");
        }
        assertSameAsAssembly(file);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"snappy", "zstd", "gzip", "none"})
    void ourOwnFilesDecodeAsRecordAssemblyDoes(String compression, @TempDir Path dir) throws Exception {
        Path source = dir.resolve("duck.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i::INTEGER AS i32, CASE WHEN i % 3 = 0 THEN NULL ELSE i::BIGINT END AS i64,"
                    + " CASE WHEN i % 13 = 0 THEN NULL ELSE 'label_' || (i % 500) END AS s"
                    + " FROM range(0, 70000) t(i)) TO '" + source + "' (FORMAT parquet)");
        }
        Path file = dir.resolve("ours.parquet");
        ParquetFiles.write(file, ParquetFiles.read(source), Map.of("compression", compression,
                "pageSize", 4096));
        assertSameAsAssembly(file);
    }

    private static void assertSameAsAssembly(Path file) throws IOException {
        List<Table> pages = rowGroups(file, false);
        List<Table> assembled = rowGroups(file, true);
        assertThat(pages).hasSameSizeAs(assembled);
        for (int g = 0; g < pages.size(); g++) {
            Table a = pages.get(g);
            Table b = assembled.get(g);
            assertThat(a.schema()).isEqualTo(b.schema());
            assertThat(a.rowCount()).isEqualTo(b.rowCount());
            for (int c = 0; c < a.columnCount(); c++) {
                for (int r = 0; r < a.rowCount(); r++) {
                    Object x = a.column(c).get(r);
                    Object y = b.column(c).get(r);
                    String where = file.getFileName() + " row group " + g + " column "
                            + a.schema().field(c).name() + " row " + r;
                    if (x instanceof byte[] bx && y instanceof byte[] by) {
                        assertThat(Arrays.equals(bx, by)).as(where).isTrue();
                    } else if (x instanceof Float fx && y instanceof Float fy) {
                        assertThat(Float.floatToIntBits(fx)).as(where).isEqualTo(Float.floatToIntBits(fy));
                    } else if (x instanceof Double dx && y instanceof Double dy) {
                        assertThat(Double.doubleToLongBits(dx)).as(where).isEqualTo(Double.doubleToLongBits(dy));
                    } else {
                        assertThat(x).as(where).isEqualTo(y);
                    }
                }
            }
        }
    }

    private static List<Table> rowGroups(Path file, boolean assembleAll) throws IOException {
        List<Table> groups = new ArrayList<>();
        try (ParquetFile f = ParquetFile.open(LOCAL.source(file), false, assembleAll)) {
            for (Optional<Table> t = f.nextRowGroup(); t.isPresent(); t = f.nextRowGroup()) {
                groups.add(t.get());
            }
        }
        return groups;
    }
}
