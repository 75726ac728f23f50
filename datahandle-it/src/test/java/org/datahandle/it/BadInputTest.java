package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.datahandle.it.BadInput.ascii;
import static org.datahandle.it.BadInput.bgzf;
import static org.datahandle.it.BadInput.bytes;
import static org.datahandle.it.BadInput.concat;
import static org.datahandle.it.BadInput.corruptMiddle;
import static org.datahandle.it.BadInput.csv;
import static org.datahandle.it.BadInput.cut;
import static org.datahandle.it.BadInput.dropLast;
import static org.datahandle.it.BadInput.gzip;
import static org.datahandle.it.BadInput.zstd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.TableStream;
import org.datahandle.testing.TestData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through real handles loaded from YAML: every case must fail, on {@code read()} and on
 * {@code stream()}, with a {@link DataHandleException} that names the handle and the file (and, for
 * data errors, where in it), leave memory unproduced, and leave every file as it was.
 */
class BadInputTest {
    private static final String ID = "suspect";
    /** Big enough to span several 64 KiB BGZF blocks, even compressed. */
    private static final byte[] CSV = csv(20_000);
    private static final byte[] GZ = gzip(CSV);
    private static final byte[] BGZ = bgzf(CSV);
    private static final byte[] ZST = zstd(CSV);
    private static final int BGZF_EOF_BLOCK = 28;

    @TempDir
    Path dir;

    /**
     * One bad input.
     *
     * @param name what is wrong, for the report
     * @param files the handle's files in path order: name to content
     * @param badFile the file the error must name
     * @param options the handle's {@code disk.options} as YAML flow, or empty
     * @param expected the exception type
     * @param line the 1-based line the error must give, or -1 to only require a line or byte offset
     */
    record Case(String name, List<Map.Entry<String, Supplier<byte[]>>> files, String badFile, String options,
            Class<? extends DataHandleException> expected, long line) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case data(String name, String file, byte[] content, long line) {
        return new Case(name, List.of(Map.entry(file, () -> content)), file, "", DataFormatException.class, line);
    }

    private static Case data(String name, String file, byte[] content, String options, long line) {
        return new Case(name, List.of(Map.entry(file, () -> content)), file, options, DataFormatException.class, line);
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // Truncated compressed streams, cut in several places.
        for (double f : new double[] {0.1, 0.5, 0.9}) {
            c.add(data("gz cut at " + (int) (f * 100) + "%", "t.csv.gz", cut(GZ, f), -1));
            c.add(data("bgz cut at " + (int) (f * 100) + "%", "t.csv.bgz", cut(BGZ, f), -1));
            c.add(data("zst cut at " + (int) (f * 100) + "%", "t.csv.zst", cut(ZST, f), -1));
        }
        c.add(data("gz without the last trailer byte", "t.csv.gz", dropLast(GZ, 1), -1));
        c.add(data("bgz cut inside its EOF block", "t.csv.bgz", dropLast(BGZ, 10), -1));
        c.add(data("zst without its last byte", "t.csv.zst", dropLast(ZST, 1), -1));
        // Corrupt bytes in the middle.
        c.add(data("gz with corrupt bytes in the middle", "c.csv.gz", corruptMiddle(GZ), -1));
        c.add(data("bgz with corrupt bytes in the middle", "c.csv.bgz", corruptMiddle(BGZ), -1));
        c.add(data("zst with corrupt bytes in the middle", "c.csv.zst", corruptMiddle(ZST), -1));
        // Content that contradicts the name.
        c.add(data("zst data named .gz", "z.csv.gz", ZST, -1));
        c.add(data("gzip data named .csv", "g.csv", GZ, -1));
        c.add(data("plain gzip (not BGZF) named .bgz", "g.csv.bgz", GZ, -1));
        c.add(data("gzip data named .zst", "g.csv.zst", GZ, -1));
        c.add(new Case("a Parquet file named .csv", List.of(Map.entry("p.csv", BadInputTest::parquetFile)), "p.csv", "",
                DataFormatException.class, -1));
        c.add(data("an empty .csv.gz", "e.csv.gz", new byte[0], -1));
        c.add(data("trailing garbage after a gzip member", "tg.csv.gz", concat(gzip(ascii("a,b\n1,2\n")),
                ascii("this is not gzip\n")), -1));
        c.add(data("BGZF without its EOF block", "noeof.csv.bgz", dropLast(BGZ, BGZF_EOF_BLOCK), -1));
        // Decompression bombs: a few KiB that expand past the limit (1000 times the file, at least 64 MiB).
        c.add(data("a .zst that expands more than a thousandfold", "bomb.csv.zst", BadInput.zstdBomb(100L << 20), -1));
        // CSV structure.
        c.add(data("a row with more fields than the header", "r.csv", ascii("a,b\n1,2\n3,4,5\n"), 3));
        c.add(data("a row with fewer fields than the header", "r.csv", ascii("a,b,c\n1,2,3\n4,5,6\n7,8\n"), 4));
        c.add(data("an unterminated quote", "q.csv", ascii("a,b\n1,\"open\n2,3\n"), 2));
        c.add(data("text after a closing quote", "q.csv", ascii("a,b\n1,\"x\"y\n"), 2));
        // a header naming a column twice reads (a, b, a_2), so the columns option can name them; naming one
        // the header lacks is the error, at the header
        c.add(data("a columns option naming a column the header lacks", "h.csv", ascii("a,b,a\n1,2,3\n"),
                "{columns: [a, a_3]}", 1));
        c.add(data("a cp1252 file read with encoding cp1252 and a byte it does not define", "w.csv",
                concat(ascii("a,b\n1,caf"), bytes(0xE9), ascii("\n2,"), bytes(0x81), ascii("\n")), "{encoding: cp1252}",
                -1));
        c.add(data("a wrong-width row after a comment and a skipped preamble", "p.csv",
                ascii("title\n\na,b\n# note\n1,2\n3\n"), "{skipRows: 2, comment: '#'}", 6));
        c.add(data("an unterminated quote under badRows: skip (which skips rows, not broken quoting)", "q.csv",
                ascii("a,b\n1,2\n3\n4,\"open\n"), "{badRows: skip}", 4));
        c.add(data("a ragged row in a gzipped csv", "r.csv.gz", gzip(ascii("a,b\n1,2\n3\n")), 3));
        // Invalid UTF-8.
        c.add(data("a lone continuation byte", "u.csv", concat(ascii("a,b\n1,x"), bytes(0x80), ascii("y\n")), 2));
        c.add(data("a truncated 3-byte sequence", "u.csv", concat(ascii("a,b\n1,2\n3,"), bytes(0xE6, 0x97), ascii("\n")),
                3));
        c.add(data("an overlong encoding of '/'", "u.csv", concat(ascii("a,b\n1,"), bytes(0xC0, 0xAF), ascii("\n")), 2));
        c.add(data("an encoded UTF-16 surrogate", "u.csv", concat(ascii("a,b\n1,"), bytes(0xED, 0xA0, 0x80), ascii("\n")),
                2));
        c.add(data("a 0xFF byte in a quoted field", "u.csv", concat(ascii("a,b\n1,\"x"), bytes(0xFF), ascii("\"\n")), 2));
        c.add(data("Latin-1 text in the header", "u.csv", concat(ascii("caf"), bytes(0xE9), ascii(",b\n1,2\n")), 1));
        // Text is never altered silently.
        c.add(data("an unpaired UTF-16 surrogate escaped in JSON Lines", "s.jsonl",
                ascii("{\"a\": \"ok\"}\n{\"a\": \"x\\ud800y\"}\n"), 2));
        c.add(data("an unpaired low surrogate escaped in a JSON key", "k.json", ascii("[{\"\\udc00\": 1}]"), 1));
        // JSON nested past the depth limit (1000): a parser error, not a stack overflow.
        c.add(data("JSON arrays nested 100,000 deep", "deep.json", ascii("[".repeat(100_000) + "]".repeat(100_000)),
                -1));
        // Values against an explicit schema.
        c.add(data("text in an int32 column of the schema", "s.csv", ascii("n,name\n1,a\nabc,b\n"),
                "{schema: {n: int32}}", 3));
        c.add(data("an impossible date in a date column", "s.csv", ascii("d\n2024-01-01\n2024-13-45\n"),
                "{schema: {d: date}}", 3));
        c.add(data("an int64 overflow in an int64 column", "s.csv", ascii("n\n1\n99999999999999999999\n"),
                "{schema: {n: int64}}", 3));
        c.add(data("a schema naming a column the file lacks", "s.csv", ascii("a,b\n1,2\n"), "{schema: {c: int32}}", 1));
        // Delimiter mismatches.
        c.add(data("a comma-separated file named .tsv", "d.tsv", ascii("id,name,score\n1,a,0.5\n2,b,1.5\n"), 1));
        c.add(data("quoted comma-separated fields in a .tsv", "d.tsv", ascii("\"id\",\"name\"\n\"1\",\"a\"\n"), 1));
        c.add(data("a tab-separated file named .csv", "d.csv", ascii("id\tname\tscore\n1\ta\t0.5\n"), 1));
        // Several parts: the error names the bad one.
        c.add(new Case("a bad second part of two", List.of(Map.entry("p1.csv", () -> ascii("a,b\n1,2\n")),
                Map.entry("p2.csv", () -> ascii("a,b\n3,4,5\n"))), "p2.csv", "", DataFormatException.class, 2));
        c.add(new Case("parts whose headers differ", List.of(Map.entry("h1.csv", () -> ascii("a,b\n1,2\n")),
                Map.entry("h2.csv", () -> ascii("a,c\n3,4\n"))), "h2.csv", "", DataFormatException.class, 1));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputFailsCleanlyAndPublishesNothing(Case c) throws IOException {
        List<String> paths = new ArrayList<>();
        for (Map.Entry<String, Supplier<byte[]>> f : c.files()) {
            Files.write(dir.resolve(f.getKey()), f.getValue().get());
            paths.add(f.getKey());
        }
        String yaml = ID + ":\n  disk:\n    path: [" + String.join(", ", paths) + "]\n"
                + (c.options().isEmpty() ? "" : "    options: " + c.options() + "\n");
        Path workflow = Workflows.write(dir.resolve("workflow.yaml"), yaml);
        Map<String, String> before = snapshot();
        Path bad = dir.resolve(c.badFile()).toAbsolutePath();

        Catalog catalog;
        try {
            catalog = Catalog.load(workflow);
        } catch (DataHandleException e) {
            // Failing at load time is fine too, as long as the error is as clear.
            check(c, e, bad);
            assertThat(snapshot()).isEqualTo(before);
            return;
        }
        try (catalog) {
            DataHandle h = catalog.get(ID);
            check(c, catchThrowable(h::read), bad);
            check(c, catchThrowable(() -> {
                try (TableStream s = h.stream()) {
                    while (s.hasNext()) {
                        s.next();
                    }
                }
            }), bad);
            assertThat(h.state().memoryProduced()).as("memory produced").isFalse();
        }
        assertThat(snapshot()).as("files after the failed reads").isEqualTo(before);
    }

    private static void check(Case c, Throwable t, Path bad) {
        assertThat(t).as("the failure").isInstanceOf(c.expected());
        String message = t.getMessage();
        assertThat(message).as("the message names the handle").contains("'" + ID + "'");
        assertThat(message).as("the message names the file").contains(bad.toString());
        if (t instanceof DataFormatException e) {
            assertThat(e.path()).as("path() of: " + message).isPresent();
            assertThat(Path.of(e.path().get())).isEqualTo(bad);
            if (c.line() >= 0) {
                assertThat(e.line()).as("line() of: " + message).hasValue(c.line());
            } else {
                assertThat(e.line().isPresent() || e.byteOffset().isPresent())
                        .as("a line or byte offset in: " + message).isTrue();
            }
        }
    }

    /** Relative path to SHA-256 of every file under the test folder. */
    private Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString(), sha256(p));
            }
        }
        return files;
    }

    private static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] parquetFile() {
        Path file = TestData.assumeCorpus("parquet-testing").resolve("alltypes_plain.parquet");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Limits lowered through their system properties, so a small file shows what a huge one would do. */
    @org.junit.jupiter.api.Test
    void aRecordPastTheLengthOrColumnLimitIsADataErrorOnReadAndStream() throws IOException {
        String bytes = System.getProperty("datahandle.csv.maxRecordBytes");
        String columns = System.getProperty("datahandle.csv.maxColumns");
        System.setProperty("datahandle.csv.maxRecordBytes", String.valueOf(1 << 20));
        System.setProperty("datahandle.csv.maxColumns", "1000");
        try {
            // a "line" of 3 MiB with no line break, and a record of 1,001 fields
            Files.write(dir.resolve("long.csv"), concat(ascii("a,b\n1,"), ascii("x".repeat(3 << 20))));
            Files.writeString(dir.resolve("wide.csv"), "a\n" + "1,".repeat(1000) + "1\n");
            Path workflow = Workflows.write(dir.resolve("workflow.yaml"),
                    "long:\n  disk:\n    path: long.csv\nwide:\n  disk:\n    path: wide.csv\n");
            try (Catalog catalog = Catalog.load(workflow)) {
                for (String id : List.of("long", "wide")) {
                    DataHandle h = catalog.get(id);
                    for (Throwable t : List.of(catchThrowable(h::read), catchThrowable(() -> {
                        try (TableStream s = h.stream()) {
                            while (s.hasNext()) {
                                s.next();
                            }
                        }
                    }))) {
                        assertThat(t).isInstanceOf(DataFormatException.class)
                                .hasMessageContaining("'" + id + "'").hasMessageContaining(id + ".csv")
                                .hasMessageContaining(id.equals("long") ? "datahandle.csv.maxRecordBytes"
                                        : "datahandle.csv.maxColumns");
                        assertThat(((DataFormatException) t).line()).hasValue(id.equals("long") ? 2L : 2L);
                    }
                }
            }
        } finally {
            restore("datahandle.csv.maxRecordBytes", bytes);
            restore("datahandle.csv.maxColumns", columns);
        }
    }

    @org.junit.jupiter.api.Test
    void aFifoAsDataOrWorkflowIsAClearErrorAtOnce() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        Path workflow = Workflows.write(dir.resolve("workflow.yaml"), "piped:\n  disk:\n    path: pipe.csv\n");
        // a hang is the bug; the timeout only keeps a regression from stalling the build
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(2), () -> {
            try (Catalog catalog = Catalog.load(workflow)) {
                assertThat(catchThrowable(() -> catalog.get("piped").read())).isInstanceOf(DataHandleException.class)
                        .hasMessageContaining("pipe.csv").hasMessageContaining("not a regular file");
            }
            assertThat(catchThrowable(() -> Catalog.load(fifo))).isInstanceOf(DataHandleException.class)
                    .hasMessageContaining("not a regular file");
            Files.createDirectories(dir.resolve("folder.csv"));
            Files.writeString(dir.resolve("folder.csv/part.csv"), "a\n1\n");
            try (Catalog catalog = Catalog.load(Workflows.write(dir.resolve("workflow.yaml"),
                    "folder:\n  disk:\n    path: folder.csv\n"))) {
                assertThat(catchThrowable(() -> catalog.get("folder").read())).isInstanceOf(DataHandleException.class)
                        .hasMessageContaining("folder.csv").hasMessageContaining("is a folder");
            }
        });
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** Valid input that other tools accept is accepted too, whatever it looks like at first sight. */
    @org.junit.jupiter.api.Test
    void gzipMembersOfBothKindsInEitherOrderReadAsOneStream() throws IOException {
        byte[] first = ascii("a,b\n1,2\n");
        byte[] second = ascii("3,4\n5,6\n");
        Files.write(dir.resolve("bgz-then-gz.csv.gz"), concat(bgzf(first), gzip(second)));
        Files.write(dir.resolve("gz-then-bgz.csv.gz"), concat(gzip(first), bgzf(second)));
        Path workflow = Workflows.write(dir.resolve("workflow.yaml"), "x:\n  disk:\n    path: bgz-then-gz.csv.gz\n"
                + "y:\n  disk:\n    path: gz-then-bgz.csv.gz\n");
        // the oracle: gzip itself reads both as one stream
        for (String name : List.of("bgz-then-gz.csv.gz", "gz-then-bgz.csv.gz")) {
            try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve(name)))) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                        .isEqualTo("a,b\n1,2\n3,4\n5,6\n");
            }
        }
        try (Catalog catalog = Catalog.load(workflow)) {
            for (String id : List.of("x", "y")) {
                org.datahandle.table.Table t = catalog.get(id).read();
                assertThat(t.rowCount()).as(id).isEqualTo(3);
                assertThat(t.get(2, "b")).as(id).isEqualTo(6);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aTextFileWhoseFirstCellIsParquetsMagicIsText() throws IOException {
        Files.writeString(dir.resolve("magic.csv"), "PAR1,b\n1,2\n");
        Path workflow = Workflows.write(dir.resolve("workflow.yaml"), "m:\n  disk:\n    path: magic.csv\n");
        try (Catalog catalog = Catalog.load(workflow)) {
            org.datahandle.table.Table t = catalog.get("m").read();
            assertThat(t.schema().field(0).name()).isEqualTo("PAR1");
            assertThat(t.get(0, "b")).isEqualTo(2);
        }
    }
}
