package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.datahandle.DataFormatException;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.table.DataType;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A full read cuts the input into chunks parsed on several threads ({@link ChunkedParse}). With tiny
 * chunks, every record boundary, quoted line break and doubled quote falls on a chunk edge somewhere;
 * the table, the inferred types and every error must be exactly those of a read in one chunk and of
 * a stream, which reads record by record with the general tokenizer only.
 */
class ChunkedReadTest {
    /** Large enough that every file here is one chunk, parsed in the caller's thread. */
    private static final int ONE_CHUNK = 1 << 30;
    /**
     * Not a chunk size: read as a stream, which parses record by record with {@link CsvParser} alone
     * (every file here fits in one stream batch, so the inferred types are the same): the reference.
     */
    private static final int STREAM = -1;

    @TempDir
    Path dir;

    private int files;

    private Path file(String content) throws IOException {
        return file(content.getBytes(UTF_8));
    }

    private Path file(byte[] content) throws IOException {
        Path p = dir.resolve("part" + (++files) + ".csv");
        Files.write(p, content);
        return p;
    }

    private static Table read(int chunkBytes, Map<String, Object> options, Path... paths) throws IOException {
        CsvCodec codec = new CsvCodec(CsvOptions.parse(options, ','), CsvCodec.STREAM_BATCH_ROWS, chunkBytes);
        try (TableReader r = chunkBytes == STREAM ? codec.openStream(sources(paths)) : codec.openReader(sources(paths))) {
            return r.readAll();
        }
    }

    private static List<ReadSource> sources(Path... paths) {
        List<ReadSource> sources = new ArrayList<>();
        for (Path p : paths) {
            sources.add(LocalCodecFiles.plain("h").source(p));
        }
        return sources;
    }

    /** Quoted line breaks (LF, CRLF, CR), doubled quotes, delimiters in quotes, nulls, blank lines, UTF-8. */
    private static String tricky(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder s = new StringBuilder("id,text,amount,day\r\n");
        for (int r = 0; r < rows; r++) {
            s.append(r).append(',');
            switch (random.nextInt(8)) {
                case 0 -> s.append("\"two\nlines\"");
                case 1 -> s.append("\"crlf\r\ninside, and a comma\"");
                case 2 -> s.append("\"say \"\"hi\"\"\"");
                case 3 -> s.append("\"\n\n\"");
                case 4 -> s.append("grüße ✓");
                case 5 -> s.append(""); // null
                case 6 -> s.append("\"\"");   // empty string, not null
                default -> s.append("plain").append(r);
            }
            s.append(',').append(random.nextInt(5) == 0 ? "" : String.valueOf(random.nextInt(1000) - 500));
            s.append(',').append(String.format("2024-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)));
            s.append(random.nextBoolean() ? "\n" : "\r\n");
            if (random.nextInt(20) == 0) {
                s.append('\n'); // a blank line
            }
        }
        return s.toString();
    }

    /** A source that offers the catalog's executor, as the library's sources do. */
    private record WithExecutor(ReadSource delegate, java.util.concurrent.Executor threads) implements ReadSource {
        @Override
        public String handleId() {
            return delegate.handleId();
        }

        @Override
        public org.datahandle.spi.Location location() {
            return delegate.location();
        }

        @Override
        public java.io.InputStream open() throws IOException {
            return delegate.open();
        }

        @Override
        public org.datahandle.spi.SeekableInput openSeekable() throws IOException {
            return delegate.openSeekable();
        }

        @Override
        public java.util.Optional<java.util.concurrent.Executor> executor() {
            return java.util.Optional.of(threads);
        }
    }

    @Test
    void chunksAreParsedOnTheSourcesExecutor() throws IOException {
        Path p = file(tricky(2000, 99));
        java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService engine = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Executor counting = task -> {
                tasks.incrementAndGet();
                engine.execute(task);
            };
            CsvCodec codec = new CsvCodec(CsvOptions.parse(Map.of(), ','), CsvCodec.STREAM_BATCH_ROWS, 257);
            Table shared;
            try (TableReader r = codec.openReader(List.of(new WithExecutor(LocalCodecFiles.plain("h").source(p), counting)))) {
                shared = r.readAll();
            }
            assertThat(shared).isEqualTo(read(ONE_CHUNK, Map.of(), p));
            assertThat(tasks.get()).as("chunks and columns parsed on the given executor").isPositive();
            // an executor that runs nothing: the reader does every chunk itself, and still finishes
            try (TableReader r = codec.openReader(List.of(new WithExecutor(LocalCodecFiles.plain("h").source(p),
                    task -> { })))) {
                assertThat(r.readAll()).isEqualTo(shared);
            }
        } finally {
            engine.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 13, 64, 257})
    void tinyChunksGiveTheSameTable(int chunkBytes) throws IOException {
        Path p = file(tricky(300, chunkBytes));
        Table whole = read(ONE_CHUNK, Map.of(), p);
        Table chunked = read(chunkBytes, Map.of(), p);
        assertThat(whole).isEqualTo(read(STREAM, Map.of(), p));
        assertThat(whole.rowCount()).isEqualTo(300);
        assertThat(chunked.schema()).isEqualTo(whole.schema());
        assertThat(chunked).isEqualTo(whole);
        assertThat(whole.schema().field(2).type()).isEqualTo(DataType.INT32);
        assertThat(whole.schema().field(3).type()).isEqualTo(DataType.DATE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 11, ONE_CHUNK})
    void oddRecordsReadAsAStreamReadsThem(int chunkBytes) throws IOException {
        // nullValue text, a quote inside an unquoted field, lone CRs, CRLF, UTF-8, no line break at the end
        Path p = file("a,b,c\n1,NA,x\"y\r2,\"\",NA\r\n3,ü,\"q\"\n4,5,last");
        Map<String, Object> options = Map.of("nullValue", "NA");
        Table t = read(chunkBytes, options, p);
        assertThat(t).isEqualTo(read(STREAM, options, p));
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.isNull(0, 1)).isTrue();
        assertThat(t.get(0, "c")).isEqualTo("x\"y");
        assertThat(t.get(1, "b")).isEqualTo("");
        assertThat(t.get(3, "c")).isEqualTo("last");

        Path single = file("v\n1\n\n2\r\n\r\n3");
        Table one = read(chunkBytes, Map.of(), single);
        assertThat(one).isEqualTo(read(STREAM, Map.of(), single));
        assertThat(one.rowCount()).isEqualTo(5); // with one column, a blank line is a null cell
    }

    @Test
    void aQuotedFieldLongerThanManyChunks() throws IOException {
        String longText = "x\n,\"\"y\r\n".repeat(500);
        String csv = "a,b\n1,\"" + longText + "\"\n2,z\n";
        Path p = file(csv);
        Table t = read(16, Map.of(), p);
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.get(0, "b")).isEqualTo(longText.replace("\"\"", "\""));
        assertThat(t.get(1, "b")).isEqualTo("z");
        assertThat(t).isEqualTo(read(ONE_CHUNK, Map.of(), p));
    }

    @Test
    void typesAreInferredOverEveryChunk() throws IOException {
        StringBuilder s = new StringBuilder("n,m\n");
        for (int i = 0; i < 1000; i++) {
            s.append(i).append(',').append(i).append('\n');
        }
        s.append("oops,").append(Long.MAX_VALUE).append('\n'); // only the last chunk says text and int64
        Path p = file(s.toString());
        Table t = read(64, Map.of(), p);
        assertThat(t.schema().field(0).type()).isEqualTo(DataType.STRING);
        assertThat(t.schema().field(1).type()).isEqualTo(DataType.INT64);
        assertThat(t.get(1000, "n")).isEqualTo("oops");
        assertThat(t).isEqualTo(read(ONE_CHUNK, Map.of(), p));
    }

    /**
     * Each chunk is converted to the type its own cells infer (ChunkTypes); the column's type comes from
     * all of them. Pieces are widened (int32 → int64 → float64) or written back as their exact text when
     * a later chunk makes the column a string.
     */
    @ParameterizedTest
    @ValueSource(ints = {16, 40, 97})
    void piecesTypedPerChunkWidenOrGiveBackTheirExactText(int chunkBytes) throws IOException {
        StringBuilder s = new StringBuilder("widen,toFloat,decimals,dates,flags,stamps,nums\n");
        String[][] rows = {
            {"1", "7", "1.50", "2024-01-31", "TRUE", "2024-01-01T10:00:00Z", "-0"},
            {"", "", "", "", "", "", ""},
            {"2", "3000000000", "-0.00", "0099-12-31", "false", "2024-01-01T10:00:00.5Z", "100"},
            {"-2147483648", "12", "100", "1970-01-01", "True", "2024-02-29T23:59:59Z", "0.000123"},
            {"9000000000", "2.5", "12345678901.234", "2000-02-29", "FALSE", "2024-03-01T00:00:00+01:00", "1e3"},
            {"3", "-4", "0.1", "9999-12-31", "true", "2024-03-01 00:00:00Z", "NaN"},
        };
        for (int repeat = 0; repeat < 8; repeat++) {
            for (String[] row : rows) {
                s.append(String.join(",", row)).append('\n');
            }
        }
        String text = s.toString();
        Path p = file(text);
        Table whole = read(ONE_CHUNK, Map.of(), p);
        assertThat(read(chunkBytes, Map.of(), p)).isEqualTo(whole);
        assertThat(whole).isEqualTo(read(STREAM, Map.of(), p));
        assertThat(whole.schema().field(0).type()).isEqualTo(DataType.INT64);
        assertThat(whole.schema().field(1).type()).isEqualTo(DataType.FLOAT64);
        assertThat(whole.get(4, "toFloat")).isEqualTo(2.5);
        assertThat(whole.get(2, "toFloat")).isEqualTo(3e9);

        // the same, with a last row that makes every column text: each cell must come back as written
        Path withText = file(text + "x,x,x,x,x,x,x\n");
        Table strings = read(chunkBytes, Map.of(), withText);
        assertThat(strings).isEqualTo(read(ONE_CHUNK, Map.of(), withText));
        for (int c = 0; c < 7; c++) {
            assertThat(strings.schema().field(c).type()).isEqualTo(DataType.STRING);
        }
        for (int r = 0; r < 48; r++) {
            String[] row = rows[r % rows.length];
            for (int c = 0; c < 7; c++) {
                assertThat(strings.get(r, c)).as("row %d column %d", r, c).isEqualTo(row[c].isEmpty() ? null : row[c]);
            }
        }
    }

    @Test
    void severalPartsWithHeadersAndLinesCountedPerPart() throws IOException {
        Path a = file(tricky(120, 1));
        Path b = file(tricky(80, 2));
        Table t = read(9, Map.of(), a, b);
        assertThat(t.rowCount()).isEqualTo(200);
        assertThat(t).isEqualTo(read(ONE_CHUNK, Map.of(), a, b)).isEqualTo(read(STREAM, Map.of(), a, b));
    }

    @Test
    void headerlessFirstRecordIsKept() throws IOException {
        Path p = file("1,a\n2,\"b\nc\"\n3,d\n");
        Table t = read(3, Map.of("header", false), p);
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.get(1, "col2")).isEqualTo("b\nc");
        assertThat(t).isEqualTo(read(ONE_CHUNK, Map.of("header", false), p))
                .isEqualTo(read(STREAM, Map.of("header", false), p));
    }

    @Test
    void explicitSchemaErrorsNameTheRightLine() throws IOException {
        StringBuilder s = new StringBuilder("v,w\n");
        for (int i = 0; i < 200; i++) {
            s.append(i).append(",\"a\nb\"\n"); // two lines per record
        }
        s.append("x,y\n");
        Path p = file(s.toString());
        Map<String, Object> options = Map.of("schema", Map.of("v", "int32"));
        assertSameError(p, options, "line 402");
    }

    @Test
    void wrongWidthAfterQuotedLineBreaksNamesTheRightLine() throws IOException {
        String body = "1,\"x\ny\"\n".repeat(100) + "2\n" + "3,z\n".repeat(50);
        assertSameError(file("a,b\n" + body), Map.of(), "line 202");
    }

    @Test
    void unterminatedQuoteAtTheEnd() throws IOException {
        assertSameError(file("a,b\n" + "1,2\n".repeat(100) + "3,\"open\n4,5\n6,7\n"), Map.of(),
                "unterminated quote: the quoted field opened at line 102");
    }

    @Test
    void invalidUtf8InALaterChunk() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("a,b\n" + "1,2\n".repeat(100)).getBytes(UTF_8));
        out.writeBytes(new byte[] {'3', ',', (byte) 0xC3, (byte) 0x28, '\n'});
        out.writeBytes("4,5\n".getBytes(UTF_8));
        assertSameError(file(out.toByteArray()), Map.of(), "line 102");
    }

    private static void assertSameError(Path p, Map<String, Object> options, String expected) {
        Throwable whole = catchThrowable(() -> read(STREAM, options, p));
        assertThat(whole).isInstanceOf(DataFormatException.class).hasMessageContaining(expected);
        for (int chunk : new int[] {1, 5, 32, 100, ONE_CHUNK}) {
            Throwable chunked = catchThrowable(() -> read(chunk, options, p));
            assertThat(chunked).as("chunks of %d bytes", chunk).isInstanceOf(DataFormatException.class)
                    .hasMessage(whole.getMessage());
        }
    }
}
