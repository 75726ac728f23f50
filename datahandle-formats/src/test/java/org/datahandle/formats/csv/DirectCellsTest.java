package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.datahandle.spi.TableReader;
import org.datahandle.table.DataType;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A full read takes the columns whose kind the chunks before showed straight from the bytes
 * ({@link DirectCells}); a cell of another shape sends its chunk back to the general way. Random files
 * whose columns are mostly of one shape, with the boundary cases of each fast path sprinkled in (long
 * overflow, {@code -0}, 16 and more significant digits, exponents, a leading {@code +}, spaces, leading
 * zeros, bad dates, quoted cells), must read exactly as a stream reads them, record by record with the
 * general tokenizer; and every number and date must be what the JDK's own parsers make of its text.
 */
class DirectCellsTest {
    private static final int ONE_CHUNK = 1 << 30;
    private static final int STREAM = -1;

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    private static final String[] ODD_INTEGERS = {"-0", "007", "+5", " 5", "5 ", "0", "-1", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1234567890123456", "123456789012345",
        "-12345678901234", "-123456789012345", "2147483647", "2147483648", "-2147483648", "-2147483649", "1e3", "1.0",
        "\"12\"", "\"\"", "12a", "-", "1-2", "99999999999999999999"};
    private static final String[] ODD_DECIMALS = {"-0.0", "-0", "0", "0.5", ".5", "5.", "1e5", "1.5E-3", "-2.5e+10",
        "12345678901234.5", "1234567890123.456", "123456789012345.6", "0.1234567890123456789", "0.000000000000001",
        "0.0000000000000001", "00.5", "+1.5", "NaN", "Infinity", "-Infinity", "1.7976931348623157E308", "4.9e-324",
        "2e-400", "1e400", "123456789012345678", "0.30000000000000004", "9007199254740993", "9007199254740993.0",
        " 1.5", "1.5 ", "\"1,5\"", "\"3.25\"", "1.50", "100", "-100.000"};
    private static final String[] ODD_DATES = {"2023-02-29", "2024-02-29", "2023-13-01", "2023-1-01", "0000-01-01",
        "9999-12-31", " 2023-01-01", "2023/01/01", "2023-04-31", "2023-00-10", "2023-01-00", "\"2023-05-06\"",
        "20230101", "2023-01-01T00:00:00"};

    private Path write(String text) throws IOException {
        Path p = dir.resolve("d" + System.nanoTime() + ".csv");
        Files.write(p, text.getBytes(UTF_8));
        return p;
    }

    private static Table read(int chunkBytes, Map<String, Object> options, Path p) throws IOException {
        CsvCodec codec = new CsvCodec(CsvOptions.parse(options, ','), CsvCodec.STREAM_BATCH_ROWS, chunkBytes);
        var sources = List.of(LocalCodecFiles.plain("h").source(p));
        try (TableReader r = chunkBytes == STREAM ? codec.openStream(sources) : codec.openReader(sources)) {
            return r.readAll();
        }
    }

    private static String integer(Random random) {
        int digits = 1 + random.nextInt(15);
        StringBuilder s = new StringBuilder();
        if (random.nextInt(4) == 0 && digits < 15) {
            s.append('-');
        }
        s.append(1 + random.nextInt(9));
        for (int i = 1; i < digits; i++) {
            s.append(random.nextInt(10));
        }
        return random.nextInt(30) == 0 ? "0" : s.toString();
    }

    private static String decimal(Random random) {
        int intDigits = 1 + random.nextInt(8);
        int places = 1 + random.nextInt(Math.min(7, 15 - intDigits));
        StringBuilder s = new StringBuilder();
        if (random.nextInt(5) == 0) {
            s.append('-');
        }
        if (random.nextInt(6) == 0) {
            s.append('0');
        } else {
            s.append(1 + random.nextInt(9));
            for (int i = 1; i < intDigits; i++) {
                s.append(random.nextInt(10));
            }
        }
        s.append('.');
        for (int i = 0; i < places; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    private static String date(Random random) {
        return LocalDate.ofEpochDay(random.nextInt(3_000_000) - 700_000).toString();
    }

    private static String pick(Random random, String[] odd, String usual, double oddShare) {
        return random.nextDouble() < oddShare ? odd[random.nextInt(odd.length)] : usual;
    }

    /** A file whose columns keep their shapes for long runs, with odd cells at random and a late change of kind. */
    private static String file(long seed, int rows, double oddShare) {
        Random random = new Random(seed);
        StringBuilder s = new StringBuilder("i,d,t,s,n,z\n");
        int change = random.nextInt(rows);
        for (int r = 0; r < rows; r++) {
            boolean nulls = random.nextInt(25) == 0;
            s.append(nulls ? "" : pick(random, ODD_INTEGERS, integer(random), oddShare)).append(',');
            s.append(random.nextInt(40) == 0 ? "" : pick(random, ODD_DECIMALS, decimal(random), oddShare)).append(',');
            s.append(random.nextInt(40) == 0 ? "" : pick(random, ODD_DATES, date(random), oddShare)).append(',');
            s.append(switch (random.nextInt(12)) {
                case 0 -> "";
                case 1 -> "\"a, quoted\"";
                case 2 -> "\"two\nlines\"";
                case 3 -> "grüße";
                case 4 -> integer(random);
                default -> "w" + random.nextInt(1000);
            }).append(',');
            s.append(random.nextInt(200) == 0 ? integer(random) : "").append(',');
            s.append(r < change ? integer(random) : random.nextInt(3) == 0 ? "text" : decimal(random));
            s.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        return s.toString();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void directColumnsReadAsTheGeneralWay(long seed) throws IOException {
        for (double oddShare : new double[] {0, 0.0005, 0.01}) {
            String text = file(seed, 4000, oddShare);
            Path p = write(text);
            Table reference = read(STREAM, Map.of(), p);
            assertThat(read(ONE_CHUNK, Map.of(), p)).isEqualTo(reference);
            for (int chunk : new int[] {200, 1500, 9000}) {
                Table t = read(chunk, Map.of(), p);
                assertThat(t.schema()).as("seed %d, odd %s, chunks of %d", seed, oddShare, chunk)
                        .isEqualTo(reference.schema());
                assertSameCells(t, reference, "seed " + seed + ", odd " + oddShare + ", chunks of " + chunk);
            }
            checkAgainstTheJdk(reference, text);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void optionsReadTheSameDirectly(long seed) throws IOException {
        String text = file(seed, 3000, 0.001).replace(",,", ",NA,");
        Path p = write(text);
        List<Map<String, Object>> variants = List.of(
                Map.of("nullValue", "NA"),
                Map.of("nullValue", List.of("NA", "w7", "-0")),
                Map.of("schema", Map.of("s", "string", "i", "string")),
                Map.of("inferTypes", false),
                Map.of("schema", Map.of("t", "string"), "nullValue", List.of("", "NA")));
        for (Map<String, Object> options : variants) {
            Table reference = read(STREAM, options, p);
            for (int chunk : new int[] {300, 4000}) {
                assertSameCells(read(chunk, options, p), reference, options + ", chunks of " + chunk);
            }
        }
    }

    /** Chunks of more rows than a piece holds ({@link ChunkTypes#PIECE_ROWS}): each column is cut into several pieces. */
    @org.junit.jupiter.api.Test
    void chunksOfManyPieces() throws IOException {
        Random random = new Random(5);
        StringBuilder s = new StringBuilder("i,s,t,d\n");
        for (int r = 0; r < 300_000; r++) {
            s.append(random.nextInt(50) == 0 ? "" : String.valueOf(random.nextInt(100))).append(',');
            s.append(switch (random.nextInt(50)) {
                case 0 -> "";
                case 1 -> "a longer cell of text than sixteen bytes " + r;
                case 2 -> "\"quoted, " + r + "\"";
                default -> "s" + (r % 7);
            }).append(',');
            s.append(random.nextInt(50) == 0 ? "" : date(random)).append(',');
            s.append(random.nextInt(50) == 0 ? "" : random.nextInt(100) + "." + random.nextInt(10)).append('\n');
        }
        Path p = write(s.toString());
        Table reference = read(ONE_CHUNK, Map.of(), p);
        assertThat(reference.schema().field(0).type()).isEqualTo(DataType.INT32);
        assertThat(reference.schema().field(3).type()).isEqualTo(DataType.FLOAT64);
        assertSameCells(read(1 << 20, Map.of(), p), reference, "chunks of 1 MiB");
        assertSameCells(read(1 << 20, Map.of("schema", Map.of("s", "string"), "inferTypes", false), p),
                read(ONE_CHUNK, Map.of("schema", Map.of("s", "string"), "inferTypes", false), p), "as text");
    }

    /** The same table, or the first cell that differs named. */
    private static void assertSameCells(Table t, Table reference, String what) {
        if (t.equals(reference)) {
            return;
        }
        assertThat(t.schema()).as(what).isEqualTo(reference.schema());
        assertThat(t.rowCount()).as(what).isEqualTo(reference.rowCount());
        for (int c = 0; c < t.schema().size(); c++) {
            for (int r = 0; r < t.rowCount(); r++) {
                assertThat(t.get(r, c)).as("%s: row %d column %d", what, r, c).isEqualTo(reference.get(r, c));
            }
        }
        assertThat(t).isEqualTo(reference);
    }

    /** Every typed cell against the JDK's parsers on the cell's own text: the oracle of the fast paths. */
    private static void checkAgainstTheJdk(Table t, String text) {
        List<String[]> rows = cells(text);
        for (int c = 0; c < t.schema().size(); c++) {
            DataType type = t.schema().field(c).type();
            for (int r = 0; r < t.rowCount(); r++) {
                String cell = rows.get(r + 1)[c];
                Object value = t.get(r, c);
                Object expected;
                if (value == null) {
                    expected = null;
                    cell = cell.isEmpty() ? cell : "(not null) " + cell;
                } else if (type == DataType.FLOAT64) {
                    expected = Double.parseDouble(cell);
                } else if (type == DataType.INT64) {
                    expected = Long.parseLong(cell);
                } else if (type == DataType.INT32) {
                    expected = Integer.parseInt(cell);
                } else if (type == DataType.DATE) {
                    expected = LocalDate.parse(cell);
                } else {
                    expected = cell;
                }
                // Double.equals compares the bits: -0.0 is not 0.0, and one ulp off is a failure
                if (!java.util.Objects.equals(value, expected)) {
                    assertThat(value).as("row %d column %d '%s'", r, c, cell).isEqualTo(expected);
                }
            }
        }
    }

    /**
     * Each fast path against the general way, cell by cell: a cell that {@link DirectCells} accepts has
     * the candidate types {@link TextTypes#narrow} gives it and the value the JDK parses from its text.
     * Cells sit inside other bytes (a '-' or digits around them), so a read past a cell's end shows.
     */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void acceptedCellsAreExact(long seed) {
        Random random = new Random(seed);
        List<String> cells = new ArrayList<>();
        cells.addAll(List.of(ODD_INTEGERS));
        cells.addAll(List.of(ODD_DECIMALS));
        cells.addAll(List.of(ODD_DATES));
        for (int i = 0; i < 20_000; i++) {
            cells.add(switch (random.nextInt(5)) {
                case 0 -> integer(random);
                case 1 -> decimal(random);
                case 2 -> date(random);
                case 3 -> String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(30) - 15));
                default -> noise(random);
            });
        }
        int accepted = 0;
        for (String text : cells) {
            if (text.startsWith("\"")) {
                continue; // quoting is the parser's
            }
            byte[] cell = text.getBytes(UTF_8);
            for (byte kind : new byte[] {DirectCells.INTEGERS, DirectCells.DECIMALS, DirectCells.DATES}) {
                // at the start or end of the array too, where the eight-byte steps cannot reach
                accepted += check(kind, cell, (byte) (random.nextBoolean() ? '-' : '7'), random.nextInt(10),
                        random.nextInt(10)) ? 1 : 0;
            }
        }
        assertThat(accepted).as("cells taken by a fast path").isGreaterThan(cells.size() / 2);
    }

    private static boolean check(byte kind, byte[] cell, byte around, int before, int after) {
        byte[] b = new byte[before + cell.length + after];
        java.util.Arrays.fill(b, around);
        System.arraycopy(cell, 0, b, before, cell.length);
        DirectCells direct = new DirectCells(1, 4, 256);
        direct.start(new byte[] {kind}, new boolean[1]);
        RawBatch batch = new RawBatch(1, new boolean[1]);
        String text = new String(cell, UTF_8);
        if (cell.length == 0 || !direct.addUnquoted(batch, b, new int[] {before}, new int[] {before + cell.length}, 1, 0, 0,
                null)) {
            return false;
        }
        int candidates = direct.candidates(0);
        if (candidates < 0) {
            return false; // the chunk would be read the general way
        }
        assertThat(candidates).as("candidates of '%s'", text).isEqualTo(TextTypes.narrow(TextTypes.ALL, cell, 0, cell.length));
        Object value = direct.pieces(0)[0].get(0);
        Object expected = switch (kind) {
            case DirectCells.INTEGERS -> direct.type(0) == DataType.INT32 ? (Object) Integer.parseInt(text) : (Object) Long.parseLong(text);
            case DirectCells.DECIMALS -> Double.parseDouble(text);
            default -> LocalDate.parse(text);
        };
        assertThat(value).as("'%s' read directly", text).isEqualTo(expected);
        if (kind == DirectCells.DECIMALS) {
            byte[] out = new byte[32];
            int n = TextTypes.formatDecimal((Double) value, direct.decimalPlaces(0)[0], out);
            assertThat(new String(out, 0, n, UTF_8)).as("'%s' written back", text).isEqualTo(text);
        }
        return true;
    }

    /** Eight digits at a time: every byte value in every place, and every length, against a digit-by-digit reading. */
    @org.junit.jupiter.api.Test
    void digitsEightAtATime() {
        for (int n = 1; n <= 16; n++) {
            for (int place = 0; place < n; place++) {
                for (int value = 0; value < 256; value++) {
                    byte[] b = new byte[20];
                    java.util.Arrays.fill(b, (byte) '-');
                    for (int i = 0; i < n; i++) {
                        b[20 - n + i] = (byte) ('1' + (i * 7) % 9);
                    }
                    b[20 - n + place] = (byte) value;
                    String text = new String(b, 20 - n, n, java.nio.charset.StandardCharsets.ISO_8859_1);
                    long expected = text.chars().allMatch(ch -> ch >= '0' && ch <= '9') ? Long.parseLong(text) : -1;
                    assertThat(DirectCells.digits(b, 20 - n, 20)).as("'%s'", text).isEqualTo(expected);
                    byte[] start = java.util.Arrays.copyOfRange(b, 20 - n, 20); // at the array's start: one by one
                    assertThat(DirectCells.digits(start, 0, n)).as("'%s' at 0", text).isEqualTo(expected);
                }
            }
        }
    }

    /** Dates in one step: every byte value in every place of a few dates, against the byte-by-byte reading. */
    @org.junit.jupiter.api.Test
    void datesInOneStep() {
        for (String date : new String[] {"2024-02-29", "2023-02-28", "0000-01-01", "9999-12-31", "1970-01-01", "2019-08-21"}) {
            byte[] text = date.getBytes(UTF_8);
            for (int place = 0; place < 10; place++) {
                for (int value = 0; value < 256; value++) {
                    byte[] b = text.clone();
                    b[place] = (byte) value;
                    assertThat(DirectCells.epochDay(b, 0)).as("%s with %d at %d", date, value, place)
                            .isEqualTo(TextTypes.parseEpochDay(b, 0, 10));
                }
            }
        }
    }

    /** Digits, signs, points, exponents and spaces in any order. */
    private static String noise(Random random) {
        String alphabet = "0123456789-+.eE 0123456789";
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(20);
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** The cells of the generated files: quoted cells hold no doubled quotes. */
    private static List<String[]> cells(String text) {
        List<String[]> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row.toArray(new String[0]));
                row.clear();
            } else if (ch != '\r') {
                cell.append(ch);
            }
        }
        return rows;
    }
}
