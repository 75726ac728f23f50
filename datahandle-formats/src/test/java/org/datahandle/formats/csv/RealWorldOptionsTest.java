package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The options of real-world CSV files (issue 17): each read, written, and refused when wrong. */
class RealWorldOptionsTest {
    private static final String H = "export";
    private static final LocalCodecFiles LOCAL = LocalCodecFiles.plain(H);
    private static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    private int files;

    private Path file(byte[] content) throws IOException {
        Path p = dir.resolve("part" + (++files) + ".csv");
        Files.write(p, content);
        return p;
    }

    private Path file(String content) throws IOException {
        return file(content.getBytes(UTF_8));
    }

    private static Map<String, Object> map(Object... options) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put((String) options[i], options[i + 1]);
        }
        return map;
    }

    private static Codec csv(Object... options) {
        return new CsvCodecFactory().create(map(options));
    }

    /** A codec with small stream batches and tiny chunks, so both paths cut records everywhere. */
    private static CsvCodec small(int batchRows, Object... options) {
        return new CsvCodec(CsvOptions.parse(map(options), ','), batchRows, 257);
    }

    private static List<ReadSource> sources(Path... paths) {
        List<ReadSource> sources = new ArrayList<>();
        for (Path p : paths) {
            sources.add(LOCAL.source(p));
        }
        return sources;
    }

    private static Table read(Codec codec, Path... paths) throws IOException {
        try (TableReader r = codec.openReader(sources(paths))) {
            return r.readAll();
        }
    }

    private static Table stream(Codec codec, Path... paths) throws IOException {
        try (TableReader r = codec.openStream(sources(paths))) {
            return r.readAll();
        }
    }

    /** The full read and the stream agree; the full read is returned. */
    private static Table both(Codec codec, Path... paths) throws IOException {
        Table full = read(codec, paths);
        assertThat(stream(codec, paths)).isEqualTo(full);
        return full;
    }

    private Path write(Codec codec, Table t) throws IOException {
        Path p = dir.resolve("out" + (++files) + ".csv");
        try (TableWriter w = codec.openWriter(LOCAL.target(p), t.schema())) {
            w.write(t);
        }
        return p;
    }

    // ---- the quirky file of the issue

    @Test
    void aSpreadsheetExportWithEveryQuirkReads() throws IOException {
        String text = """
                # Export from Kassenbuch 4.2 – Filiale München
                # Stand: 31.01.2024; alle Beträge in €
                Datum;Artikel;Betrag;Betrag;Menge
                31/01/2024;Käse;1.234,50;3,14;1
                01/02/2024;Brötchen „fein“;0,99;-2,5;12
                # Zwischensumme
                29/02/2024;"Äpfel; rot";-1.000.000,00;0,0;NA
                """;
        Path quirky = file(text.getBytes(CP1252));
        Codec codec = small(2, "encoding", "cp1252", "delimiter", ";", "decimal", ",", "thousands", ".", "comment",
                "#", "dateFormat", "dd/MM/yyyy", "nullValue", List.of("NA", "-"));
        Table t = both(codec, quirky);
        assertThat(t.schema().names()).containsExactly("Datum", "Artikel", "Betrag", "Betrag_2", "Menge");
        assertThat(t.schema().fields()).extracting(Field::type).containsExactly(DataType.DATE, DataType.STRING,
                DataType.FLOAT64, DataType.FLOAT64, DataType.INT32);
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.get(0, "Datum")).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(t.get(1, "Artikel")).isEqualTo("Brötchen „fein“");
        assertThat(t.get(2, "Artikel")).isEqualTo("Äpfel; rot");
        assertThat(t.get(0, "Betrag")).isEqualTo(1234.5);
        assertThat(t.get(2, "Betrag")).isEqualTo(-1_000_000.0);
        assertThat(t.get(1, "Betrag_2")).isEqualTo(-2.5);
        assertThat(t.get(2, "Menge")).isNull();

        // and the columns option renames the made-unique duplicate
        Table renamed = read(small(2, "encoding", "cp1252", "delimiter", ";", "decimal", ",", "thousands", ".",
                "comment", "#", "columns", Map.of("Betrag_2", "Rabatt")), quirky);
        assertThat(renamed.schema().names()).containsExactly("Rabatt");
        assertThat(renamed.get(0, "Rabatt")).isEqualTo(3.14);

        // without the options it fails, and the message says which option helps
        assertThatThrownBy(() -> read(csv("delimiter", ";"), quirky)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("encoding");
    }

    // ---- encoding

    @Test
    void encodingsAreTranscodedAsTheyStream() throws IOException {
        String text = "name,city\nRené,Zürich\nŁukasz,Kraków\n" + "x,€\n".repeat(500);
        for (String name : List.of("UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32")) {
            Charset cs = Charset.forName(name);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (name.endsWith("LE")) {
                bytes.write(new byte[] {(byte) 0xFF, (byte) 0xFE}); // a byte order mark, as Excel writes it
            }
            bytes.write(text.getBytes(cs));
            Table t = both(small(64, "encoding", name), file(bytes.toByteArray()));
            assertThat(t.schema().names()).as(name).containsExactly("name", "city");
            assertThat(t.get(1, "city")).as(name).isEqualTo("Kraków");
            assertThat(t.rowCount()).isEqualTo(502);
        }
        Table latin = both(small(64, "encoding", "latin-1"), file("a\ncafé\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(latin.get(0, "a")).isEqualTo("café");
    }

    @Test
    void surrogatePairsAndLineEndsSplitAcrossBuffersSurvive() throws IOException {
        // 5 UTF-16 units a row: the 64 Ki-unit buffers end inside a pair again and again
        String text = "a,b\r" + "x,\uD83E\uDDEC\r".repeat(70_000);
        Table t = both(small(10_000, "encoding", "UTF-16LE"), file(text.getBytes(StandardCharsets.UTF_16LE)));
        assertThat(t.rowCount()).isEqualTo(70_000);
        assertThat(t.get(69_999, "b")).isEqualTo("\uD83E\uDDEC");
        // lone CRs in a skipped preamble, a CR at the very end of it
        Table skipped = both(small(10, "skipRows", 3), file("one\rtwo\r\nthree\ra,b\r1,2\r"));
        assertThat(skipped.schema().names()).containsExactly("a", "b");
        assertThat(skipped.get(0, "b")).isEqualTo(2);
    }

    @Test
    void bytesTheEncodingDoesNotDefineAreAnErrorWithTheirOffset() throws IOException {
        byte[] bytes = "a,b\n1,x".getBytes(CP1252);
        byte[] bad = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = (byte) 0x81; // undefined in windows-1252
        bad[bytes.length + 1] = '\n';
        Path p = file(bad);
        assertThatThrownBy(() -> read(csv("encoding", "windows-1252"), p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(H).hasMessageContaining(p.toString()).hasMessageContaining("0x81")
                .hasMessageContaining("byte offset 7").hasMessageContaining("windows-1252");
        Path odd = file(new byte[] {0, 'a', 0, '\n', 0, '1', (byte) 0xD8}); // a cut UTF-16 code unit
        assertThatThrownBy(() -> read(csv("encoding", "UTF-16BE"), odd)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("UTF-16BE");
    }

    @Test
    void writingInAnEncodingReadsBackAndRefusesWhatItCannotHold() throws IOException {
        Table t = Table.builder(Schema.of(Field.of("s", DataType.STRING))).addRow("café €").addRow("naïve").build();
        Codec codec = csv("encoding", "cp1252");
        Path p = write(codec, t);
        assertThat(Files.readAllBytes(p)).isEqualTo("s\ncafé €\nnaïve\n".getBytes(CP1252));
        assertThat(read(codec, p)).isEqualTo(t);
        Table chinese = Table.builder(Schema.of(Field.of("s", DataType.STRING))).addRow("漢字").build();
        assertThatThrownBy(() -> write(codec, chinese)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("windows-1252").hasMessageContaining("encoding");
    }

    // ---- decimal and thousands

    @Test
    void decimalCommasAndThousandsSeparators() throws IOException {
        Path p = file("""
                int;float;grouped;dotted;zip;text
                1.234;3,14;1.234.567,5;3.14;08123;1,5 kg
                -7;-0,5;12;1.5;00001;x
                """);
        Table t = both(small(1, "delimiter", ";", "decimal", ",", "thousands", "."), p);
        assertThat(t.schema().fields()).extracting(Field::type).containsExactly(DataType.INT32, DataType.FLOAT64,
                DataType.FLOAT64, DataType.STRING, DataType.STRING, DataType.STRING);
        assertThat(t.get(0, "int")).isEqualTo(1234);
        assertThat(t.get(0, "float")).isEqualTo(3.14);
        assertThat(t.get(0, "grouped")).isEqualTo(1_234_567.5);
        // '3.14' is no number where '.' groups thousands: its text is kept as written
        assertThat(t.get(0, "dotted")).isEqualTo("3.14");
        assertThat(t.get(0, "zip")).isEqualTo("08123");

        Path spaces = file("n|d\n1 234 567|2,5\n12|1e3\n");
        Table s = both(small(1, "delimiter", "|", "decimal", ",", "thousands", " "), spaces);
        assertThat(s.get(0, "n")).isEqualTo(1_234_567);
        assertThat(s.get(1, "d")).isEqualTo(1000.0);

        // an explicit schema reads local numbers too, decimal columns included
        Table typed = both(small(1, "delimiter", ";", "decimal", ",", "schema", Map.of("float", "decimal(10,3)",
                "int", "int64")), file("int;float\n12;3,142\n"));
        assertThat(typed.get(0, "float")).isEqualTo(new java.math.BigDecimal("3.142"));
        assertThat(typed.get(0, "int")).isEqualTo(12L);
        // where the user declared a number, the ISO form reads too; text does not
        Path mixed = file("n\n1,5\n2.5\n");
        assertThat(read(csv("delimiter", ";", "decimal", ",", "schema", Map.of("n", "float64")), mixed).get(1, "n"))
                .isEqualTo(2.5);
        assertThatThrownBy(() -> read(csv("delimiter", ";", "decimal", ",", "schema", Map.of("n", "float64")),
                file("n\n1,5\n2,5x\n"))).isInstanceOf(DataFormatException.class).hasMessageContaining("line 3")
                .hasMessageContaining("'2,5x'");
    }

    // ---- dateFormat and timestampFormat

    @Test
    void dateAndTimestampPatterns() throws IOException {
        Path p = file("""
                day,us,when,zoned,iso
                31/01/2024,01-31-2024,31.01.2024 13:45,2024-01-31 13:45 +0100,2024-01-31
                29/02/2024,12-31-1999,01.02.2024 00:00:59,2024-02-01 00:00 Z,2024-02-29
                """);
        Table t = both(small(1, "dateFormat", "dd/MM/yyyy", "timestampFormat", "dd.MM.yyyy HH:mm[:ss]"), p);
        assertThat(t.schema().fields()).extracting(Field::type).containsExactly(DataType.DATE, DataType.STRING,
                DataType.TIMESTAMP_LOCAL, DataType.STRING, DataType.DATE);
        assertThat(t.get(1, "day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(t.get(1, "when")).isEqualTo(LocalDateTime.of(2024, 2, 1, 0, 0, 59));
        assertThat(t.get(0, "iso")).isEqualTo(LocalDate.of(2024, 1, 31)); // ISO still reads

        Table us = both(small(1, "dateFormat", "%m-%d-%Y", "timestampFormat", "%Y-%m-%d %H:%M %z"), p);
        assertThat(us.get(1, "us")).isEqualTo(LocalDate.of(1999, 12, 31));
        assertThat(us.schema().field("zoned").orElseThrow().type()).isEqualTo(DataType.TIMESTAMP);
        assertThat(us.get(0, "zoned")).isEqualTo(Instant.parse("2024-01-31T12:45:00Z"));
        assertThat(us.get(1, "zoned")).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));

        // an impossible date is not a date: the column keeps its text
        Table strict = both(small(1, "dateFormat", "dd/MM/yyyy"), file("d\n31/02/2024\n"));
        assertThat(strict.get(0, "d")).isEqualTo("31/02/2024");

        // written in the pattern, read back the same
        Table written = Table.builder(Schema.of(Field.of("d", DataType.DATE), Field.of("t", DataType.TIMESTAMP_LOCAL)))
                .addRow(LocalDate.of(2024, 1, 31), LocalDateTime.of(2024, 1, 31, 13, 45)).build();
        Codec codec = csv("dateFormat", "dd/MM/yyyy", "timestampFormat", "dd.MM.yyyy HH:mm");
        Path out = write(codec, written);
        assertThat(Files.readString(out)).isEqualTo("d,t\n31/01/2024,31.01.2024 13:45\n");
        assertThat(read(codec, out)).isEqualTo(written);
    }

    // ---- skipRows and comment

    @Test
    void skipRowsAndCommentsKeepTheFilesLineNumbers() throws IOException {
        String text = "Report \"Q1\", generated 2024\r\n\r\nid,v\n# first block\n1,a\n2,b\n#,x\n3,c\n4,d,extra\n";
        Path p = file(text);
        Codec codec = small(2, "skipRows", 2, "comment", "#");
        assertThatThrownBy(() -> read(codec, p)).isInstanceOf(DataFormatException.class).hasMessageContaining("line 9")
                .hasMessageContaining("expected 2 fields, got 3");
        assertThatThrownBy(() -> stream(codec, p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 9");
        Path fine = file(text.replace("4,d,extra", "4,d"));
        Table t = both(codec, fine);
        assertThat(t.schema().names()).containsExactly("id", "v");
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.get(3, "v")).isEqualTo("d");
        // skipRows on every part of a handle
        Table two = both(codec, fine, fine);
        assertThat(two.rowCount()).isEqualTo(8);
        // a preamble longer than the file leaves no data
        assertThat(read(csv("skipRows", 50), fine).rowCount()).isZero();
    }

    @Test
    void commentLinesAcrossChunksAndTheWriterQuotesValuesThatLookLikeThem() throws IOException {
        StringBuilder sb = new StringBuilder("# exported\nk,v\n");
        for (int i = 0; i < 2000; i++) {
            sb.append(i).append(",v").append(i).append('\n');
            if (i % 7 == 0) {
                sb.append("# note ").append(i).append(", with a, comma and a \" quote\n");
            }
        }
        Table t = both(small(100, "comment", "#"), file(sb.toString()));
        assertThat(t.rowCount()).isEqualTo(2000);
        assertThat(t.get(1999, "v")).isEqualTo("v1999");

        Table hashes = Table.builder(Schema.of(Field.of("tag", DataType.STRING), Field.of("n", DataType.INT32)))
                .addRow("#1 item", 1).addRow("plain", 2).build();
        Codec codec = csv("comment", "#");
        Path out = write(codec, hashes);
        assertThat(Files.readString(out)).startsWith("tag,n\n\"#1 item\",1\n");
        assertThat(read(codec, out)).isEqualTo(hashes);
    }

    // ---- nullValue as a list

    @Test
    void nullValueListsAndQuotedMarkersStayText() throws IOException {
        Path p = file("a,b,c\nNA,1,-\n\"NA\",.,x\n,2,n/a\n");
        Table t = both(small(1, "nullValue", List.of("NA", ".", "n/a", "-")), p);
        assertThat(t.schema().field("b").orElseThrow().type()).isEqualTo(DataType.INT32);
        assertThat(t.get(0, "a")).isNull();
        assertThat(t.get(1, "a")).isEqualTo("NA");
        assertThat(t.get(1, "b")).isNull();
        assertThat(t.get(0, "c")).isNull();
        assertThat(t.get(2, "c")).isNull();
        assertThat(t.get(1, "c")).isEqualTo("x");

        Table written = Table.builder(Schema.of(Field.of("s", DataType.STRING))).addRow((Object) null).addRow("-")
                .addRow("NA").build();
        Codec codec = csv("nullValue", List.of("NA", "-"));
        Path out = write(codec, written);
        assertThat(Files.readString(out)).isEqualTo("s\nNA\n\"-\"\n\"NA\"\n");
        assertThat(read(codec, out)).isEqualTo(written);
    }

    // ---- columns and duplicate headers

    @Test
    void duplicateHeadersAreMadeUniqueAndColumnsSelectsAndRenames() throws IOException {
        Path p = file("a,b,a,a_2,a\n1,x,2,3,4\n");
        Table all = both(csv(), p);
        assertThat(all.schema().names()).containsExactly("a", "b", "a_3", "a_2", "a_4");
        assertThat(all.get(0, "a_3")).isEqualTo(2);

        Table picked = both(small(1, "columns", List.of("a_4", "b")), p);
        assertThat(picked.schema().names()).containsExactly("a_4", "b");
        assertThat(picked.get(0, "a_4")).isEqualTo(4);

        Map<String, Object> renames = new LinkedHashMap<>();
        renames.put("b", "label");
        renames.put("a", "first");
        Table renamed = both(small(1, "columns", renames, "schema", Map.of("first", "int64")), p);
        assertThat(renamed.schema().fields()).containsExactly(Field.of("label", DataType.STRING),
                Field.of("first", DataType.INT64));

        Table text = both(csv("columns", "b:label, a"), p);
        assertThat(text.schema().names()).containsExactly("label", "a");

        assertThatThrownBy(() -> read(csv("columns", List.of("a", "nope")), p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(H).hasMessageContaining("line 1").hasMessageContaining("option 'columns'")
                .hasMessageContaining("'nope'").hasMessageContaining("[a, b, a_3, a_2, a_4]");

        // written under the file's names, read back under the new ones
        Codec codec = csv("columns", renames);
        Path out = write(codec, renamed);
        assertThat(Files.readString(out)).startsWith("b,a\n");
        assertThat(read(csv("columns", renames, "schema", Map.of("first", "int64")), out)).isEqualTo(renamed);
    }

    // ---- inferRows

    @Test
    void inferRowsWidensTheSampleOfAStream() throws IOException {
        StringBuilder sb = new StringBuilder("id,v\n");
        for (int i = 0; i < 70_000; i++) {
            sb.append(i).append(',').append(i % 100).append('\n');
        }
        sb.append("70000,n/a\n"); // line 70,002
        Path p = file(sb.toString());
        assertThatThrownBy(() -> stream(csv(), p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 70002").hasMessageContaining("inferRows");
        Table all = stream(csv("inferRows", "all"), p);
        assertThat(all.schema().field("v").orElseThrow().type()).isEqualTo(DataType.STRING);
        assertThat(all.schema().field("id").orElseThrow().type()).isEqualTo(DataType.INT32);
        assertThat(all.rowCount()).isEqualTo(70_001);
        assertThat(all.get(70_000, "v")).isEqualTo("n/a");
        assertThat(stream(csv("inferRows", 70_001), p).schema()).isEqualTo(all.schema());
        assertThat(read(csv(), p).schema()).isEqualTo(all.schema()); // a full read infers from every row anyway

        // a smaller sample than a batch: inferred from those rows only
        Path small = file("n\n1\n2\nx\n");
        assertThatThrownBy(() -> stream(small(100, "inferRows", 2), small)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 4").hasMessageContaining("first 2 rows");
        assertThat(stream(small(100, "inferRows", 3), small).schema().field("n").orElseThrow().type())
                .isEqualTo(DataType.STRING);
    }

    // ---- badRows

    @Test
    void badRowsSkipCountsAndReportsTheFirstLines() throws IOException {
        StringBuilder sb = new StringBuilder("id,n\n");
        for (int i = 1; i <= 30; i++) {
            sb.append(i).append(',').append(i % 3 == 0 ? "x" : Integer.toString(i)).append(i % 5 == 0 ? ",z" : "")
                    .append('\n');
        }
        Path p = file(sb.toString());
        // failing: the first record of the wrong width fails the parse, before any value is converted
        assertThatThrownBy(() -> read(csv("schema", Map.of("n", "int32")), p)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("line 6").hasMessageContaining("expected 2 fields, got 3");
        assertThatThrownBy(() -> read(csv("schema", Map.of("n", "int32")), file(sb.toString().replace(",z", ""))))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("line 4")
                .hasMessageContaining("'x' is not a valid int32");
        List<String> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger("org.datahandle.formats.csv");
        logger.addHandler(capture);
        try {
            Codec codec = small(7, "schema", Map.of("n", "int32"), "badRows", "skip");
            Table full = read(codec, p);
            Table streamed = stream(codec, p);
            assertThat(streamed).isEqualTo(full);
            // rows 3, 5, 6, 9, 10, ... : every third has text, every fifth an extra field
            long expected = Stream.iterate(1, i -> i + 1).limit(30).filter(i -> i % 3 != 0 && i % 5 != 0).count();
            assertThat(full.rowCount()).isEqualTo(expected);
            assertThat(warnings).hasSize(2);
            assertThat(warnings.get(0)).contains("handle '" + H + "'").contains("skipped " + (30 - expected)
                    + " bad rows").contains("line 4: column 'n': 'x' is not a valid int32")
                    .contains("line 6: expected 2 fields, got 3").contains("and " + (30 - expected - 10) + " more");
            assertThat(warnings.get(1)).isEqualTo(warnings.get(0));
        } finally {
            logger.removeHandler(capture);
        }
    }

    // ---- option values

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("encoding", "klingon", "unknown character set"),
                Arguments.of("decimal", ",,", "one ASCII character"),
                Arguments.of("decimal", ",", "must differ from the delimiter"),
                Arguments.of("decimal", "5", "punctuation"),
                Arguments.of("thousands", ".", "must differ from 'decimal'"),
                Arguments.of("dateFormat", "dd/MM/yyyy HH:mm", "more than a date"),
                Arguments.of("dateFormat", "%d/%q", "%q"),
                Arguments.of("dateFormat", "", "empty"),
                Arguments.of("timestampFormat", "dd/MM/yyyy bbb", "not a date pattern"),
                Arguments.of("skipRows", -1, "at least 0"),
                Arguments.of("skipRows", "two", "whole number"),
                Arguments.of("comment", "a", "cannot start a value"),
                Arguments.of("comment", ",", "cannot start a value"),
                Arguments.of("nullValue", Map.of("a", "b"), "a map"),
                Arguments.of("nullValue", List.of(), "empty list"),
                Arguments.of("columns", List.of("a", "a"), "twice"),
                Arguments.of("columns", Map.of("a", "x", "b", "x"), "two columns the name 'x'"),
                Arguments.of("columns", List.of(), "names no column"),
                Arguments.of("inferRows", 0, "at least 1"),
                Arguments.of("inferRows", "some", "or 'all'"),
                Arguments.of("badRows", "ignore", "fail (the default"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badOptions")
    void badOptionValuesAreRefusedNamingTheOption(String option, Object value, String says) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (option.equals("thousands")) {
            options.put("decimal", ".");
            options.put("delimiter", ";");
        }
        options.put(option, value);
        assertThatThrownBy(() -> new CsvCodecFactory().create(options)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + option + "'").hasMessageContaining(says);
    }

    @Test
    void goodOptionValuesAreTaken() {
        Map<String, Object> options = map("encoding", "UTF-16", "delimiter", ";", "decimal", ",", "thousands", "'",
                "dateFormat", "%d.%m.%Y", "timestampFormat", "yyyy-MM-dd'T'HH:mm:ssXXX", "skipRows", "3", "comment",
                "%", "nullValue", List.of("NA", ""), "columns", Map.of("a", "b"), "inferRows", "ALL", "badRows", "Skip");
        CsvOptions o = CsvOptions.parse(options, ',');
        assertThat(o.encoding()).isEqualTo(StandardCharsets.UTF_16);
        assertThat(o.skipRows()).isEqualTo(3);
        assertThat(o.comment()).isEqualTo('%');
        assertThat(o.inferRows().getAsLong()).isEqualTo(CsvOptions.ALL_ROWS);
        assertThat(o.badRows()).isEqualTo(CsvOptions.BadRowPolicy.SKIP);
        assertThat(o.cells().timestampZoned).isTrue();
        assertThat(new CsvCodecFactory().optionNames()).containsAll(options.keySet());
    }
}
