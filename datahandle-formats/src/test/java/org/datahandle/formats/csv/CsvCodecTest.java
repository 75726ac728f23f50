package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.DataFormatException;
import org.datahandle.spi.Codec;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvCodecTest {
    private static final String H = "samples";
    private static final LocalCodecFiles LOCAL = LocalCodecFiles.plain(H);

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

    private static Codec csv(Object... options) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put((String) options[i], options[i + 1]);
        }
        return new CsvCodecFactory().create(map);
    }

    private static Table read(Codec codec, Path... paths) throws IOException {
        List<ReadSource> sources = new ArrayList<>();
        for (Path p : paths) {
            sources.add(LOCAL.source(p));
        }
        try (TableReader r = codec.openReader(sources)) {
            return r.readAll();
        }
    }

    private Path write(Codec codec, Table t) throws IOException {
        Path p = dir.resolve("out" + (++files) + ".csv");
        try (TableWriter w = codec.openWriter(LOCAL.target(p), t.schema())) {
            w.write(t);
        }
        return p;
    }

    @Test
    void infersTypesWithoutLosingText() throws IOException {
        Table t = read(csv(), file("""
                b,i,l,d,day,ts,local,zip,s,n,mixed
                true,1,1,1.50,2024-02-29,2024-01-01T10:00:00Z,2024-01-01 10:00:00.5,08123,x,,1
                FALSE,-2,9000000000,-3,1999-12-31,2024-01-01T10:00:00.123456+02:00,2024-01-01T10:00,12345,"",,1.5
                """));
        assertThat(t.schema().fields()).extracting(Field::type).containsExactly(DataType.BOOLEAN, DataType.INT32,
                DataType.INT64, DataType.FLOAT64, DataType.DATE, DataType.TIMESTAMP, DataType.TIMESTAMP_LOCAL,
                DataType.STRING, DataType.STRING, DataType.STRING, DataType.FLOAT64);
        assertThat(t.get(1, "b")).isEqualTo(false);
        assertThat(t.get(1, "l")).isEqualTo(9_000_000_000L);
        assertThat(t.get(0, "d")).isEqualTo(1.5);
        assertThat(t.get(0, "day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(t.get(1, "ts")).isEqualTo(Instant.parse("2024-01-01T08:00:00.123456Z"));
        assertThat(t.get(0, "local")).isEqualTo(LocalDateTime.of(2024, 1, 1, 10, 0, 0, 500_000_000));
        assertThat(t.get(0, "zip")).isEqualTo("08123");
        assertThat(t.get(1, "s")).isEqualTo("");
        assertThat(t.get(0, "n")).isNull();
        assertThat(t.isNull(1, 9)).isTrue();
    }

    @Test
    void textThatWouldChangeStaysText() throws IOException {
        Table t = read(csv(), file("a,b,c,d,e,f,g\n007,+5,1.,12345678901234567890123,1e400,2024-02-30,12345678901234567.5\n"));
        for (int c = 0; c < t.columnCount(); c++) {
            assertThat(t.schema().field(c).type()).as(t.schema().field(c).name()).isEqualTo(DataType.STRING);
        }
        assertThat(t.get(0, "g")).isEqualTo("12345678901234567.5");
        Table numbers = read(csv(), file("x,y\n0.30000000000000004,NaN\n1e3,1.0\n"));
        assertThat(numbers.get(0, "x")).isEqualTo(0.30000000000000004);
        assertThat(numbers.get(1, "x")).isEqualTo(1000.0);
        assertThat((Double) numbers.get(0, "y")).isNaN();
    }

    @Test
    void infersOverAllRowsOfAllParts() throws IOException {
        Path a = file("id,v\n1,10\n2,20\n");
        Path b = file("id,v\n3,x\n4,5000000000\n");
        Table t = read(csv(), a, b);
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.schema().field("id").orElseThrow().type()).isEqualTo(DataType.INT32);
        assertThat(t.schema().field("v").orElseThrow().type()).isEqualTo(DataType.STRING);
        assertThat(t.get(0, "v")).isEqualTo("10");
        Table longs = read(csv(), file("n\n1\n"), file("n\n5000000000\n"));
        assertThat(longs.get(0, "n")).isEqualTo(1L);
    }

    @Test
    void partsMustShareTheirHeader() throws IOException {
        Path a = file("id,v\n1,2\n");
        Path b = file("id,w\n1,2\n");
        assertThatThrownBy(() -> read(csv(), a, b)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(b.toString()).hasMessageContaining("line 1")
                .hasMessageContaining("[id, w] differs from the header [id, v]");
    }

    @Test
    void roundTripsEveryScalarTypeWithNullsAndUnicode() throws IOException {
        Schema schema = Schema.of(Field.of("b", DataType.BOOLEAN), Field.of("i", DataType.INT32),
                Field.of("l", DataType.INT64), Field.of("f", DataType.FLOAT32), Field.of("d", DataType.FLOAT64),
                Field.of("s", DataType.STRING), Field.of("day", DataType.DATE), Field.of("ts", DataType.TIMESTAMP),
                Field.of("local", DataType.TIMESTAMP_LOCAL), Field.of("dec", DataType.decimal(12, 3)),
                Field.of("bin", DataType.BINARY));
        Table t = Table.builder(schema)
                .addRow(true, 1, Long.MAX_VALUE, 1.25f, 1e-7, "日本, \"quoted\"\nline", LocalDate.of(2024, 1, 31),
                        Instant.parse("2024-05-06T07:08:09.123456Z"), LocalDateTime.of(2020, 1, 1, 0, 0),
                        new BigDecimal("-12.345"), new byte[] {0, -1, 7})
                .addRow(null, null, null, null, null, null, null, null, null, null, null)
                .addRow(false, Integer.MIN_VALUE, -1L, -0.5f, 1e22, " padded ", LocalDate.of(1, 1, 1),
                        Instant.EPOCH, LocalDateTime.of(1969, 7, 20, 20, 17, 40), new BigDecimal("0.001"), new byte[0])
                .addRow(true, 0, 0L, Float.MAX_VALUE, Double.MIN_VALUE, "", LocalDate.of(9999, 12, 31),
                        Instant.parse("1900-01-01T00:00:00Z"), LocalDateTime.of(2000, 2, 29, 12, 0, 0, 1000),
                        new BigDecimal("123456789.000"), "é".getBytes(UTF_8))
                .build();
        Map<String, Object> types = new LinkedHashMap<>();
        for (Field f : schema.fields()) {
            types.put(f.name(), f.type().typeName());
        }
        Codec codec = csv("schema", types);
        Path out = write(codec, t);
        assertThat(read(codec, out)).isEqualTo(t);
        String text = Files.readString(out);
        assertThat(text).startsWith("b,i,l,f,d,s,day,ts,local,dec,bin\n")
                .contains("0.0000001").contains("10000000000000000000000.0").doesNotContain("E-")
                .contains("\"日本, \"\"quoted\"\"\nline\"").contains("\" padded \"").contains(",\"\",")
                .contains("\n,,,,,,,,,,\n");
        Schema inferable = Schema.of(Field.of("b", DataType.BOOLEAN), Field.of("i", DataType.INT32),
                Field.of("l", DataType.INT64), Field.of("d", DataType.FLOAT64), Field.of("s", DataType.STRING),
                Field.of("day", DataType.DATE), Field.of("ts", DataType.TIMESTAMP), Field.of("local", DataType.TIMESTAMP_LOCAL));
        Table plain = Table.builder(inferable)
                .addRow(true, 1, 5_000_000_000L, 1e22, "ünï", LocalDate.of(2024, 1, 1), Instant.EPOCH,
                        LocalDateTime.of(2024, 1, 1, 0, 0))
                .addRow(null, null, null, null, null, null, null, null)
                .addRow(false, -1, 1L, 2.0, "x,y", LocalDate.of(2024, 1, 2), Instant.parse("2024-01-01T00:00:00.5Z"),
                        LocalDateTime.of(2024, 1, 1, 0, 0, 1))
                .build();
        assertThat(read(csv(), write(csv(), plain))).isEqualTo(plain);
    }

    @Test
    void doublesArePlainAndShortest() {
        assertThat(CsvTableWriter.formatDouble(1e-5)).isEqualTo("0.00001");
        assertThat(CsvTableWriter.formatDouble(1.5e300)).startsWith("15").endsWith(".0").doesNotContain("E");
        assertThat(CsvTableWriter.formatDouble(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(CsvTableWriter.formatDouble(-2.0)).isEqualTo("-2.0");
        assertThat(CsvTableWriter.formatDouble(Double.NaN)).isEqualTo("NaN");
        assertThat(Double.parseDouble(CsvTableWriter.formatDouble(Double.MIN_VALUE))).isEqualTo(Double.MIN_VALUE);
        assertThat(CsvTableWriter.formatFloat(1e-10f)).isEqualTo("0.0000000001");
    }

    @Test
    void nestedColumnsAreWrittenAsJson() throws IOException {
        Schema s = Schema.of(Field.of("tags", DataType.listOf(DataType.STRING)),
                Field.of("p", DataType.struct(List.of(Field.of("x", DataType.INT32)))));
        Table t = Table.builder(s).addRow(List.of("a", "b\""), Map.of("x", 1)).build();
        assertThat(Files.readString(write(csv(), t))).isEqualTo("tags,p\n\"[\"\"a\"\",\"\"b\\\"\"\"\"]\",\"{\"\"x\"\":1}\"\n");
    }

    @Test
    void headerFalseNamesColumnsAndTsvUsesTabs() throws IOException {
        Table t = read(csv("header", false), file("1,a\n2,b"));
        assertThat(t.schema().names()).containsExactly("col1", "col2");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.get(1, "col2")).isEqualTo("b");
        Codec tsv = new TsvCodecFactory().create(Map.of("schema", Map.of("n", "int64")));
        Table tab = read(tsv, file("n\ttext\n1\ta,b\n"));
        assertThat(tab.get(0, "n")).isEqualTo(1L);
        assertThat(tab.get(0, "text")).isEqualTo("a,b");
        Path out = write(tsv, tab);
        assertThat(Files.readString(out)).isEqualTo("n\ttext\n1\ta,b\n");
    }

    @Test
    void lineEndingsBomAndMissingFinalNewline() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "a,b\r\n1,\"x\r\ny\"\r\n2,z".getBytes(UTF_8);
        byte[] content = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, content, 0, 3);
        System.arraycopy(body, 0, content, 3, body.length);
        Table t = read(csv(), file(content));
        assertThat(t.schema().names()).containsExactly("a", "b");
        assertThat(t.toRows()).containsExactly(Map.of("a", 1, "b", "x\r\ny"), Map.of("a", 2, "b", "z"));
        Table cr = read(csv(), file("a\r1\r2\r"));
        assertThat(cr.rowCount()).isEqualTo(2);
    }

    @Test
    void nullValueOptionAndQuotedEmpty() throws IOException {
        Table t = read(csv("nullValue", "NA"), file("a,b\nNA,\"NA\"\n1,\n"));
        assertThat(t.get(0, "a")).isNull();
        assertThat(t.get(0, "b")).isEqualTo("NA");
        assertThat(t.get(1, "b")).isNull();
        assertThat(t.get(1, "a")).isEqualTo(1);
        Codec na = csv("nullValue", "NA");
        assertThat(Files.readString(write(na, t))).isEqualTo("a,b\nNA,\"NA\"\n1,NA\n");
    }

    @Test
    void explicitSchemaOverridesInference() throws IOException {
        Table t = read(csv("schema", Map.of("zip", "int32", "price", "decimal(6,2)")), file("zip,price\n08123,1.5\n"));
        assertThat(t.get(0, "zip")).isEqualTo(8123);
        assertThat(t.get(0, "price")).isEqualTo(new BigDecimal("1.50"));
        Table text = read(csv("inferTypes", false), file("n\n1\n"));
        assertThat(text.get(0, "n")).isEqualTo("1");
    }

    @Test
    void explicitSchemaMismatchNamesPathLineAndColumn() throws IOException {
        Path p = file("id,v\n1,2\n2,x\n");
        assertThatThrownBy(() -> read(csv("schema", Map.of("v", "int64")), p))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("handle 'samples'").hasMessageContaining(p.toString())
                .hasMessageContaining("line 3").hasMessageContaining("byte offset 9")
                .hasMessageContaining("column 'v': 'x' is not a valid int64")
                .satisfies(e -> {
                    DataFormatException d = (DataFormatException) e;
                    assertThat(d.line()).hasValue(3);
                    assertThat(d.path()).contains(p.toUri());
                });
    }

    @Test
    void unknownSchemaColumnOrTypeIsAnIllegalArgument() throws IOException {
        assertThatThrownBy(() -> csv("schema", Map.of("v", "int128"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown type 'int128' for column 'v'");
        // A schema column the file lacks is the data contradicting the spec: a data error at the header, so that
        // it reaches the caller as a DataHandleException naming the file.
        Path p = file("id\n1\n");
        assertThatThrownBy(() -> read(csv("schema", Map.of("nope", "int32")), p))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("column 'nope'")
                .hasMessageContaining("[id]").hasMessageContaining(p.toString());
        assertThatThrownBy(() -> csv("delimiter", ",,")).hasMessageContaining("option 'delimiter'");
        assertThatThrownBy(() -> csv("header", "yes")).hasMessageContaining("option 'header'");
        assertThatThrownBy(() -> csv("colour", "red")).hasMessageContaining("unknown option 'colour'");
    }

    @Test
    void raggedRow() throws IOException {
        Path p = file("a,b,c\n1,2,3\n4,5\n");
        assertThatThrownBy(() -> read(csv(), p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("line 3")
                .hasMessageContaining("expected 3 fields, got 2");
        Path quoted = file("a,b\n\"multi\nline\",2\n1,2,3\n");
        assertThatThrownBy(() -> read(csv(), quoted)).hasMessageContaining("line 4").hasMessageContaining("got 3");
    }

    @Test
    void unterminatedQuoteSaysWhereItOpened() throws IOException {
        Path p = file("a,b\n1,2\n3,\"open\nstill open\n");
        assertThatThrownBy(() -> read(csv(), p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p.toString())
                .hasMessageContaining("unterminated quote").hasMessageContaining("opened at line 3 (byte offset 10)");
        Path after = file("a\n\"x\"y\n");
        assertThatThrownBy(() -> read(csv(), after)).hasMessageContaining("line 2")
                .hasMessageContaining("after the closing quote");
    }

    @Test
    void invalidUtf8GivesTheByteOffset() throws IOException {
        byte[] bytes = "a,b\n1,ok\n2,x".getBytes(UTF_8);
        byte[] bad = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = (byte) 0xC3; // a lead byte followed by ASCII
        bad[bytes.length + 1] = 'z';
        Path p = file(bad);
        assertThatThrownBy(() -> read(csv(), p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("line 3")
                .hasMessageContaining("invalid UTF-8").hasMessageContaining("byte offset 12");
        Path surrogate = file(new byte[] {'a', '\n', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'});
        assertThatThrownBy(() -> read(csv(), surrogate)).hasMessageContaining("invalid UTF-8")
                .hasMessageContaining("byte offset 2");
        Path truncated = file(new byte[] {'a', '\n', (byte) 0xE2, (byte) 0x82});
        assertThatThrownBy(() -> read(csv(), truncated)).hasMessageContaining("invalid UTF-8");
    }

    @Test
    void emptyInputs() throws IOException {
        Table none = read(csv(), file(""));
        assertThat(none.columnCount()).isZero();
        assertThat(none.rowCount()).isZero();
        Table headerOnly = read(csv(), file("a,b\n"));
        assertThat(headerOnly.schema().names()).containsExactly("a", "b");
        assertThat(headerOnly.rowCount()).isZero();
        Table skipEmptyPart = read(csv(), file("a\n1\n"), file(""), file("a\n2\n"));
        assertThat(skipEmptyPart.rowCount()).isEqualTo(2);
        Table blankLines = read(csv(), file("\n\na,b\n1,2\n\n3,4\n"));
        assertThat(blankLines.rowCount()).isEqualTo(2);
    }

    @Test
    void streamsInBatchesAndAsksForASchemaWhenALaterValueDoesNotFit() throws IOException {
        StringBuilder sb = new StringBuilder("id,v\n");
        for (int i = 0; i < 10; i++) {
            sb.append(i).append(',').append(i).append('\n');
        }
        Path ok = file(sb.toString());
        CsvCodec codec = new CsvCodec(CsvOptions.parse(Map.of(), ','), 4);
        List<Integer> sizes = new ArrayList<>();
        try (TableReader r = codec.openStream(List.of(LOCAL.source(ok)))) {
            assertThat(r.schema().field(1).type()).isEqualTo(DataType.INT32);
            for (Optional<Table> b = r.next(); b.isPresent(); b = r.next()) {
                sizes.add(b.get().rowCount());
            }
        }
        assertThat(sizes).containsExactly(4, 4, 2);
        Path bad = file(sb.append("10,ten\n").toString());
        assertThatThrownBy(() -> {
            try (TableReader r = codec.openStream(List.of(LOCAL.source(bad)))) {
                r.readAll();
            }
        }).isInstanceOf(DataFormatException.class).hasMessageContaining("line 12").hasMessageContaining("column 'v'")
                .hasMessageContaining("inferred from the first 4 rows").hasMessageContaining("'schema' option");
        CsvCodec typed = new CsvCodec(CsvOptions.parse(Map.of("schema", Map.of("v", "string")), ','), 4);
        try (TableReader r = typed.openStream(List.of(LOCAL.source(bad)))) {
            assertThat(r.readAll().get(10, "v")).isEqualTo("ten");
        }
    }

    @Test
    void streamEmptyInputHasNoBatches() throws IOException {
        CsvCodec codec = new CsvCodec(CsvOptions.parse(Map.of(), ','), 4);
        try (TableReader r = codec.openStream(List.of(LOCAL.source(file("a,b\n"))))) {
            assertThat(r.next()).isEmpty();
            assertThat(r.schema().names()).containsExactly("a", "b");
        }
    }

    @Test
    void quoteCanBeTurnedOff() throws IOException {
        Codec noQuote = new TsvCodecFactory().create(Map.of("quote", ""));
        Path p = file("a\tb\n\"x\t5\n");
        Table t = read(noQuote, p);
        assertThat(t.get(0, "a")).isEqualTo("\"x");
        Schema s = Schema.of(Field.of("a", DataType.STRING));
        Table tab = Table.builder(s).addRow("has\ttab").build();
        assertThatThrownBy(() -> write(noQuote, tab)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("needs quotes");
    }

    @Test
    void aBufferBoundaryInsideAFieldAndAWideFile() throws IOException {
        StringBuilder sb = new StringBuilder("k,text\n");
        String longText = "é".repeat(40_000) + "\r\n" + "x".repeat(30_000);
        sb.append("1,\"").append(longText).append("\"\r\n2,after\r\n");
        Table t = read(csv(), file(sb.toString()));
        assertThat(t.get(0, "text")).isEqualTo(longText);
        assertThat(t.get(1, "k")).isEqualTo(2);
    }
}
