package org.datahandle.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.datahandle.DataFormatException;
import org.datahandle.spi.Codec;
import org.datahandle.spi.CodecFactory;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every tabular {@link Codec} must show, alone and under each compression. A codec's test
 * extends this class with one small class per configuration:
 *
 * <pre>{@code
 * class CsvGzContractTest extends AbstractCodecContractTest {
 *     protected CodecFactory codecFactory() { return new CsvCodecFactory(); }
 *     protected Optional<CompressionCodec> compression() { return Optional.of(new GzipCodec()); }
 *     protected Set<DataType> inferredTypes() { return Set.of(DataType.BOOLEAN, DataType.INT32, ...); }
 * }
 * }</pre>
 *
 * <p>Capability hooks say what the format can hold; the tests of what it cannot are skipped, not passed.
 * Types the format stores but cannot recover from the data alone (a text format's {@code float32}) are
 * declared to the codec through its {@code schema} option, as a user would.
 */
public abstract class AbstractCodecContractTest {
    /** Handle id the sources and targets report; errors must name their file. */
    protected static final String HANDLE = "contract";

    @TempDir
    protected Path dir;

    private int fileCounter;

    /** The codec's factory; {@link CodecFactory#format()} also names the files. */
    protected abstract CodecFactory codecFactory();

    /** Options every codec of the test is made with. */
    protected Map<String, Object> options() {
        return Map.of();
    }

    /** The compression files are written and read with, or empty for none. */
    protected Optional<CompressionCodec> compression() {
        return Optional.empty();
    }

    /** The scalar types the format stores (values read back equal). Default: all of them. */
    protected Set<DataType> supportedTypes() {
        return Set.copyOf(SampleTables.SCALAR_TYPES);
    }

    /**
     * The types the codec recovers from the data with no {@code schema} option: all of
     * {@link #supportedTypes()} for a self-describing format, fewer for a text format that infers.
     */
    protected Set<DataType> inferredTypes() {
        return supportedTypes();
    }

    /** Whether lists and structs round trip. */
    protected boolean supportsNested() {
        return false;
    }

    /** What a file of zero rows still tells a reader about its schema. */
    protected EmptySchema emptySchema() {
        return EmptySchema.TYPES;
    }

    /** The most rows {@link Codec#openStream} may put in one batch, when the codec promises a bound. */
    protected OptionalInt maxStreamBatchRows() {
        return OptionalInt.empty();
    }

    /** Rows of the many-rows tests: enough to span several stream batches. */
    protected int manyRows() {
        return 150_000;
    }

    /** What an empty file keeps of its schema. */
    public enum EmptySchema {
        /** Nothing: a reader sees no columns. */
        NONE,
        /** Column names (a CSV header), types unknown. */
        NAMES,
        /** Names and types. */
        TYPES
    }

    /**
     * The options for reading data of {@code schema}: {@link #options()}, plus a {@code schema} option
     * naming the types the codec cannot infer, when the codec understands that option.
     */
    protected Map<String, Object> optionsFor(Schema schema) {
        Map<String, Object> result = new LinkedHashMap<>(options());
        if (codecFactory().optionNames().contains("schema")) {
            Map<String, String> declared = new LinkedHashMap<>();
            for (Field f : schema.fields()) {
                if (!inferredTypes().contains(f.type())) {
                    declared.put(f.name(), f.type().typeName());
                }
            }
            if (!declared.isEmpty()) {
                result.put("schema", declared);
            }
        }
        return result;
    }

    /** Files for this test's compression. */
    protected LocalCodecFiles files() {
        return new LocalCodecFiles(HANDLE, compression(), Map.of());
    }

    // ---- round trips

    @Test
    void everySupportedTypeRoundTripsWithNullsAndUnicode() throws IOException {
        Table table = SampleTables.ofTypes(supported(), 60);
        assertThat(roundTrip(table)).isEqualTo(table);
    }

    @Test
    void nestedTypesRoundTrip() throws IOException {
        assumeTrue(supportsNested(), "the format holds no lists or structs");
        Table table = SampleTables.ofTypes(SampleTables.NESTED_TYPES, 12);
        assertThat(roundTrip(table)).isEqualTo(table);
    }

    @Test
    void everyStringSampleRoundTripsAlone() throws IOException {
        // One string per file: a value that is only wrong at the start or end of a file shows here.
        for (String s : SampleTables.STRINGS) {
            Table table = Table.builder(Schema.of(Field.of("text", DataType.STRING))).addRow(s).build();
            assertThat(roundTrip(table)).as("the value %s", quoted(s)).isEqualTo(table);
        }
    }

    @Test
    void oneRowTable() throws IOException {
        // The last sample of each type is its most telling one (Long.MAX_VALUE, not 0), so a codec that
        // infers types from the data can tell them apart from a single row.
        Table sample = SampleTables.ofTypes(supported(), 64);
        Table.Builder b = Table.builder(sample.schema());
        Object[] row = new Object[sample.columnCount()];
        for (int c = 0; c < row.length; c++) {
            List<Object> values = SampleTables.values(sample.schema().field(c).type());
            row[c] = values.get(values.size() - 1);
        }
        Table table = b.addRow(row).build();
        assertThat(roundTrip(table)).isEqualTo(table);
    }

    @Test
    void emptyTableKeepsWhatTheFormatCan() throws IOException {
        Schema schema = Schema.of(Field.of("id", DataType.INT64), Field.of("name", DataType.STRING),
                Field.of("day", DataType.DATE));
        Path file = write(Table.empty(schema));
        Table read = readAll(schema, List.of(file));
        assertThat(read.rowCount()).isZero();
        if (emptySchema() == EmptySchema.TYPES) {
            assertThat(read.schema()).isEqualTo(schema);
        } else if (emptySchema() == EmptySchema.NAMES) {
            assertThat(read.schema().names()).isEqualTo(schema.names());
        }
        assertThat(stream(schema, List.of(file))).as("batches of an empty file")
                .allSatisfy(b -> assertThat(b.rowCount()).isZero());
    }

    @Test
    void wideTableOf500Columns() throws IOException {
        List<DataType> supported = supported();
        List<DataType> types = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            types.add(supported.get(i % supported.size()));
        }
        Table table = SampleTables.ofTypes(types, 25);
        assertThat(roundTrip(table)).isEqualTo(table);
    }

    @Test
    void manyRowsAcrossBatches() throws IOException {
        Table table = SampleTables.manyRows(0, manyRows());
        Path file = write(table);
        assertThat(readAll(table.schema(), List.of(file))).isEqualTo(table);
        List<Table> batches = stream(table.schema(), List.of(file));
        assertThat(Table.concat(table.schema(), batches)).isEqualTo(table);
        if (maxStreamBatchRows().isPresent()) {
            int max = maxStreamBatchRows().getAsInt();
            assertThat(batches).allSatisfy(b -> assertThat(b.rowCount()).isBetween(1, max));
            assertThat(batches).hasSizeGreaterThanOrEqualTo((manyRows() + max - 1) / max);
        }
    }

    @Test
    void openReaderOverThreePartsIsTheirConcatenation() throws IOException {
        Table whole = SampleTables.ofTypes(supported(), 3 * 40);
        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            parts.add(write(whole.slice(i * 40, (i + 1) * 40)));
        }
        assertThat(readAll(whole.schema(), parts)).isEqualTo(whole);
    }

    @Test
    void streamBatchesConcatenateToWhatOpenReaderReads() throws IOException {
        Table a = SampleTables.manyRows(0, manyRows() / 2);
        Table b = SampleTables.manyRows(manyRows() / 2, manyRows());
        List<Path> parts = List.of(write(a), write(b));
        Table full = readAll(a.schema(), parts);
        List<Table> batches = stream(a.schema(), parts);
        assertThat(batches).allSatisfy(t -> assertThat(t.schema()).isEqualTo(full.schema()));
        assertThat(Table.concat(full.schema(), batches)).isEqualTo(full);
        assertThat(full).isEqualTo(Table.concat(a.schema(), List.of(a, b)));
    }

    // ---- errors

    @Test
    void truncatedFileIsADataFormatErrorNamingThePath() throws IOException {
        // One long multi-line value: any cut near the middle lands inside it, in any format.
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        while (text.length() < 40_000) {
            text.append(Integer.toString(random.nextInt(), 36)).append(random.nextInt(8) == 0 ? ",\n\"" : " ");
        }
        Table table = Table.builder(Schema.of(Field.of("text", DataType.STRING))).addRow(text.toString()).build();
        Path file = write(table);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertDataFormatError(() -> readAll(table.schema(), List.of(file)), file);
        assertDataFormatError(() -> stream(table.schema(), List.of(file)), file);
    }

    @Test
    void garbageBytesAreADataFormatErrorNamingThePath() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        Path file = file("garbage");
        try (OutputStream out = files().target(file).open()) {
            out.write(garbage);
        }
        Schema schema = Schema.of(Field.of("text", DataType.STRING));
        assertDataFormatError(() -> readAll(schema, List.of(file)), file);
        assertDataFormatError(() -> stream(schema, List.of(file)), file);
    }

    // ---- helpers for subclasses

    /** Writes {@code table} to a new file, with the test's compression. */
    protected Path write(Table table) throws IOException {
        Path file = file("part-" + fileCounter++);
        Codec codec = codecFactory().create(optionsFor(table.schema()));
        try (TableWriter writer = codec.openWriter(files().target(file), table.schema())) {
            writer.write(table);
        }
        return file;
    }

    /** A fresh file name with the format's and compression's suffixes. */
    protected Path file(String baseName) {
        return files().file(dir, baseName, codecFactory().format());
    }

    /** Reads the files as one table, with the options for {@code schema}. */
    protected Table readAll(Schema schema, List<Path> paths) throws IOException {
        try (TableReader reader = codecFactory().create(optionsFor(schema)).openReader(sources(paths))) {
            return reader.readAll();
        }
    }

    /** Streams the files, with the options for {@code schema}. */
    protected List<Table> stream(Schema schema, List<Path> paths) throws IOException {
        List<Table> batches = new ArrayList<>();
        try (TableReader reader = codecFactory().create(optionsFor(schema)).openStream(sources(paths))) {
            for (Optional<Table> t = reader.next(); t.isPresent(); t = reader.next()) {
                batches.add(t.get());
            }
        }
        return batches;
    }

    /** Writes then reads back. */
    protected Table roundTrip(Table table) throws IOException {
        return readAll(table.schema(), List.of(write(table)));
    }

    private List<ReadSource> sources(List<Path> paths) {
        return paths.stream().map(p -> files().source(p)).toList();
    }

    private List<DataType> supported() {
        return SampleTables.SCALAR_TYPES.stream().filter(supportedTypes()::contains).toList();
    }

    /** Something that reads. */
    protected interface Read {
        Object run() throws IOException;
    }

    /** Asserts {@code read} fails with a {@link DataFormatException} that names {@code file} and says where. */
    protected static DataFormatException assertDataFormatError(Read read, Path file) {
        DataFormatException e = catchThrowableOfType(DataFormatException.class, read::run);
        assertThat(e).as("a DataFormatException reading %s", file).isNotNull();
        assertThat(e.getMessage()).contains(file.getFileName().toString());
        assertThat(e.path()).as("the exception's path").hasValue(file.toAbsolutePath().normalize().toUri());
        assertThat(e.line().isPresent() || e.byteOffset().isPresent()).as("a line or byte offset in " + e.getMessage())
                .isTrue();
        return e;
    }

    private static String quoted(String s) {
        return "'" + s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
    }
}
