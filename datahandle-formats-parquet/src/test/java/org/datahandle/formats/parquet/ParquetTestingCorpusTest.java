package org.datahandle.formats.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.datahandle.DataFormatException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.Table;
import org.datahandle.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of apache/parquet-testing: what parquet-java itself reads, we read with the same row
 * count (and, where an {@code _expect.csv} exists, the same values); what it cannot read, we reject
 * with a DataHandle exception naming the file. Encrypted files are unsupported.
 */
class ParquetTestingCorpusTest {
    /** Files parquet-java's own reader rejects and we read: a bare LZ4 block under the LZ4 codec. */
    static final java.util.Set<String> READ_BEYOND_PARQUET_JAVA = java.util.Set.of("non_hadoop_lz4_compressed.parquet");

    static Stream<Path> files() throws IOException {
        Path corpus = TestData.assumeCorpus("parquet-testing");
        try (Stream<Path> walk = Files.walk(corpus)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList();
            assertThat(files).as("parquet files in %s", corpus).hasSizeGreaterThan(20);
            return files.stream();
        }
    }

    static Stream<Path> encryptedFiles() throws IOException {
        Path corpus = TestData.assumeCorpus("parquet-testing");
        try (Stream<Path> walk = Files.walk(corpus)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".parquet.encrypted"))
                    .sorted()
                    .toList();
            assertThat(files).isNotEmpty();
            return files.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsWhatParquetJavaReads(Path file) throws Exception {
        Optional<Long> oracleRows = parquetJavaRowCount(file);
        String name = file.getFileName().toString();
        if (oracleRows.isPresent()) {
            Table table = ParquetFiles.read(file);
            assertThat((long) table.rowCount()).as("rows of %s", name).isEqualTo(oracleRows.get());
            List<Table> batches = ParquetFiles.stream(file);
            assertThat(batches).allSatisfy(b -> assertThat(b.rowCount()).isPositive());
            assertThat(Table.concat(table.schema(), batches)).as("stream of %s", name).isEqualTo(table);
            Path expect = file.resolveSibling(name.replace(".parquet", "_expect.csv"));
            if (Files.exists(expect)) {
                assertMatchesCsv(table, expect);
            }
        } else if (READ_BEYOND_PARQUET_JAVA.contains(name)) {
            // checked against DuckDB in ParquetCompressionTest
            assertThat(ParquetFiles.read(file).rowCount()).as("rows of %s", name).isPositive();
        } else {
            Throwable thrown = catchThrowable(() -> ParquetFiles.read(file));
            assertThat(thrown).as("%s, which parquet-java cannot read", name)
                    .isInstanceOfAny(DataFormatException.class, UnsupportedFormatException.class)
                    .hasMessageContaining(name)
                    .hasMessageContaining(ParquetFiles.HANDLE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encryptedFiles")
    void encryptedFilesAreUnsupported(Path file) {
        assertThatThrownBy(() -> ParquetFiles.read(file))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("encrypted")
                .hasMessageContaining("not supported");
    }

    @Test
    void alltypesPlainHasTheKnownValues() throws Exception {
        Table t = ParquetFiles.read(TestData.assumeCorpus("parquet-testing").resolve("alltypes_plain.parquet"));
        assertThat(t.rowCount()).isEqualTo(8);
        assertThat(t.schema().field("id").orElseThrow().type()).isEqualTo(DataType.INT32);
        assertThat(t.schema().field("timestamp_col").orElseThrow().type()).isEqualTo(DataType.TIMESTAMP);
        assertThat(t.schema().field("date_string_col").orElseThrow().type()).isEqualTo(DataType.BINARY);
        List<Object> ids = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            ids.add(t.get(r, "id"));
        }
        assertThat(ids).containsExactly(4, 5, 6, 7, 2, 3, 0, 1);
        assertThat(t.get(0, "bool_col")).isEqualTo(true);
        assertThat(t.get(1, "bool_col")).isEqualTo(false);
        assertThat(t.get(0, "timestamp_col")).isEqualTo(Instant.parse("2009-03-01T00:00:00Z"));
        assertThat(t.get(1, "timestamp_col")).isEqualTo(Instant.parse("2009-03-01T00:01:00Z"));
        assertThat(new String((byte[]) t.get(0, "date_string_col"), UTF_8)).isEqualTo("03/01/09");
    }

    @Test
    void decimalsOfEveryPhysicalTypeReadAsDecimal() throws Exception {
        Path corpus = TestData.assumeCorpus("parquet-testing");
        for (String name : List.of("int32_decimal.parquet", "int64_decimal.parquet", "byte_array_decimal.parquet",
                "fixed_length_decimal.parquet", "fixed_length_decimal_legacy.parquet")) {
            Table t = ParquetFiles.read(corpus.resolve(name));
            assertThat(t.schema().field(0).type()).as(name).isInstanceOf(DataType.Decimal.class);
            // These files hold 1.00, 2.00, ... 24.00.
            for (int r = 0; r < t.rowCount(); r++) {
                assertThat((BigDecimal) t.get(r, 0)).as(name + " row " + r).isEqualByComparingTo(BigDecimal.valueOf(r + 1));
            }
        }
    }

    @Test
    void int96FromSparkIsATimestamp() throws Exception {
        Table t = ParquetFiles.read(TestData.assumeCorpus("parquet-testing").resolve("int96_from_spark.parquet"));
        assertThat(t.schema().field(0).type()).isEqualTo(DataType.TIMESTAMP);
        assertThat(t.rowCount()).isEqualTo(6);
        // From int96_from_spark.md: the first value is 2024-01-01T20:34:56.123456Z.
        assertThat(t.get(0, 0)).isEqualTo(Instant.parse("2024-01-01T20:34:56.123456Z"));
    }

    /** parquet-java's example (Group) reader, with checksum verification as our codec does; empty if it fails. */
    static Optional<Long> parquetJavaRowCount(Path file) {
        try (ParquetReader<Group> reader = new ParquetReader.Builder<Group>(new LocalInputFile(file),
                new PlainParquetConfiguration()) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.usePageChecksumVerification(true).build()) {
            long n = 0;
            while (reader.read() != null) {
                n++;
            }
            return Optional.of(n);
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * The {@code _expect.csv} files are written by Spark/pandas: a header, then one line per row;
     * strings quoted or not, an empty unquoted field is null. Cells are compared as text, by position.
     */
    private static void assertMatchesCsv(Table table, Path csv) throws IOException {
        List<List<String>> rows = Csv.parse(Files.readString(csv, UTF_8));
        List<String> header = rows.get(0);
        assertThat(table.columnCount()).as("columns of %s", csv).isEqualTo(header.size());
        assertThat(rows.size() - 1).as("rows of %s", csv).isEqualTo(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            for (int c = 0; c < table.columnCount(); c++) {
                String expected = rows.get(r + 1).get(c);
                String actual = text(table.column(c), r);
                assertThat(actual).as("%s row %d column %s", csv.getFileName(), r, header.get(c)).isEqualTo(expected);
            }
        }
    }

    private static String text(Column column, int row) {
        Object v = column.get(row);
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] bytes) {
            return new String(bytes, UTF_8);
        }
        if (v instanceof LocalDate || v instanceof BigDecimal) {
            return v.toString();
        }
        return String.valueOf(v);
    }

    /** Minimal RFC 4180 reader that keeps quoted empty fields ("") apart from absent ones (null). */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            int i = 0;
            while (i < text.length()) {
                char ch = text.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    if (ch == '"') {
                        quoted = false;
                    } else {
                        cell.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                    wasQuoted = true;
                } else if (ch == ',' || ch == '\n') {
                    row.add(cell.length() == 0 && !wasQuoted ? null : cell.toString());
                    cell.setLength(0);
                    wasQuoted = false;
                    if (ch == '\n') {
                        rows.add(row);
                        row = new ArrayList<>();
                    }
                } else if (ch != '\r') {
                    cell.append(ch);
                }
                i++;
            }
            if (cell.length() > 0 || wasQuoted || !row.isEmpty()) {
                row.add(cell.length() == 0 && !wasQuoted ? null : cell.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
