package org.datahandle.formats.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.Time;
import org.apache.arrow.flatbuf.Type;
import org.datahandle.DataFormatException;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.LocalCodecFiles;
import org.datahandle.testing.SampleTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt Arrow data of every kind the issue lists: each is a {@link DataFormatException} naming the handle,
 * the file and a byte offset, with no allocation beyond the file's real size.
 */
class ArrowBadInputTest {
    private static final String HANDLE = "bad";
    private static final LocalCodecFiles FILES = LocalCodecFiles.plain(HANDLE);
    private static final Schema LONGS = Schema.of(Field.of("n", DataType.INT64));
    private static final Schema TEXT = Schema.of(Field.of("s", DataType.STRING));

    @TempDir
    Path dir;

    private int counter;

    @Test
    void aBufferPastTheBodyIsRefused() throws IOException {
        byte[] stream = RawIpc.withSchema(LONGS)
                .batch(3, new long[][] {{3, 0}}, new long[][] {{0, 0}, {64, 24}}, new byte[32]).end().toByteArray();
        assertBad(stream, "lies outside the 32-byte record batch body");
    }

    @Test
    void aNegativeBufferLengthIsRefused() throws IOException {
        byte[] stream = RawIpc.withSchema(LONGS)
                .batch(3, new long[][] {{3, 0}}, new long[][] {{0, 0}, {0, -24}}, new byte[32]).end().toByteArray();
        assertBad(stream, "length -24");
    }

    @Test
    void negativeAndInconsistentCountsAreRefused() throws IOException {
        assertBad(RawIpc.withSchema(LONGS).batch(3, new long[][] {{-5, 0}}, new long[][] {{0, 0}, {0, 24}},
                new byte[24]).end().toByteArray(), "claims -5 values");
        assertBad(RawIpc.withSchema(LONGS).batch(3, new long[][] {{3, 4}}, new long[][] {{0, 0}, {0, 24}},
                new byte[24]).end().toByteArray(), "claims 4 nulls among 3 values");
        assertBad(RawIpc.withSchema(LONGS).batch(-1, new long[][] {{3, 0}}, new long[][] {{0, 0}, {0, 24}},
                new byte[24]).end().toByteArray(), "claims -1 rows");
        assertBad(RawIpc.withSchema(LONGS).batch(3, new long[][] {{4, 0}}, new long[][] {{0, 0}, {0, 24}},
                new byte[24]).end().toByteArray(), "too short");
        assertBad(RawIpc.withSchema(LONGS).batch(3, new long[][] {{3, 1}}, new long[][] {{0, 0}, {0, 24}},
                new byte[24]).end().toByteArray(), "validity bitmap of 0 bytes");
    }

    @Test
    void nonMonotoneOffsetsAreRefused() throws IOException {
        byte[] offsets = RawIpc.ints(0, 5, 3, 8);
        byte[] body = RawIpc.concat(offsets, "abcdefgh".getBytes(StandardCharsets.US_ASCII));
        byte[] stream = RawIpc.withSchema(TEXT).batch(3, new long[][] {{3, 0}},
                new long[][] {{0, 0}, {0, 16}, {16, 8}}, body).end().toByteArray();
        assertBad(stream, "offsets must not decrease");
    }

    @Test
    void offsetsPastTheDataAreRefused() throws IOException {
        byte[] body = RawIpc.concat(RawIpc.ints(0, 5, 100), "abcdefgh".getBytes(StandardCharsets.US_ASCII));
        byte[] stream = RawIpc.withSchema(TEXT).batch(2, new long[][] {{2, 0}},
                new long[][] {{0, 0}, {0, 12}, {12, 8}}, body).end().toByteArray();
        assertBad(stream, "past the 8-byte data buffer");
    }

    @Test
    void invalidUtf8InAStringColumnIsRefusedWithItsOffset() throws IOException {
        byte[] data = {'o', 'k', (byte) 0xC3, 0x28, 'x', 'y', 'z', 'w'};
        byte[] body = RawIpc.concat(RawIpc.ints(0, 2, 8), data);
        byte[] stream = RawIpc.withSchema(TEXT).batch(2, new long[][] {{2, 0}},
                new long[][] {{0, 0}, {0, 12}, {12, 8}}, body).end().toByteArray();
        DataFormatException e = assertBad(stream, "row 1: invalid UTF-8");
        int bodyStart = indexOf(stream, body);
        assertThat(e.byteOffset()).hasValue((long) bodyStart + 12 + 2);
    }

    @Test
    void aMissingEndOfStreamMarkerIsRefused() throws IOException {
        byte[] full = validStream();
        assertBad(Arrays.copyOf(full, full.length - 8), "end-of-stream marker");
    }

    @Test
    void aMetadataLengthClaimingGigabytesIsRefusedBeforeAnyAllocation() throws IOException {
        byte[] claim = {-1, -1, -1, -1, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x7F};
        assertBad(RawIpc.concat(claim, new byte[100]), "larger than");
        byte[] full = validStream();
        byte[] lying = full.clone();
        // the schema message's length, first of the stream, now claims 1.9 GB
        lying[4] = 0;
        lying[5] = 0;
        lying[6] = 0;
        lying[7] = 0x72;
        assertBad(lying, "larger than");
    }

    @Test
    void aBodyLengthClaimingGigabytesFailsAtTheRealEndOfTheFile() throws IOException {
        // 1.9 GB would not fit the test's 1 GB heap: reading must stop at the real end of the data
        byte[] stream = RawIpc.withSchema(LONGS).batch(3, new long[][] {{3, 0}}, new long[][] {{0, 0}, {0, 24}},
                new byte[24], 1_900_000_000L).toByteArray();
        assertBad(stream, "claims 1900000000 bytes");
    }

    @Test
    void aCorruptFlatbufferIsRefused() throws IOException {
        byte[] full = validStream();
        byte[] corrupt = full.clone();
        for (int i = 8; i < 24; i++) {
            corrupt[i] = (byte) 0xEE;
        }
        assertBad(corrupt, "corrupt message flatbuffer");
    }

    @Test
    void aTypeATableCannotHoldIsRefusedNamingTheColumn() throws IOException {
        FlatBufferBuilder b = new FlatBufferBuilder();
        int name = b.createString("when");
        int type = Time.createTime(b, (short) 1, 32);
        int children = org.apache.arrow.flatbuf.Field.createChildrenVector(b, new int[0]);
        org.apache.arrow.flatbuf.Field.startField(b);
        org.apache.arrow.flatbuf.Field.addName(b, name);
        org.apache.arrow.flatbuf.Field.addNullable(b, true);
        org.apache.arrow.flatbuf.Field.addTypeType(b, Type.Time);
        org.apache.arrow.flatbuf.Field.addType(b, type);
        org.apache.arrow.flatbuf.Field.addChildren(b, children);
        int field = org.apache.arrow.flatbuf.Field.endField(b);
        int fields = org.apache.arrow.flatbuf.Schema.createFieldsVector(b, new int[] {field});
        org.apache.arrow.flatbuf.Schema.startSchema(b);
        org.apache.arrow.flatbuf.Schema.addFields(b, fields);
        int schema = org.apache.arrow.flatbuf.Schema.endSchema(b);
        Message.startMessage(b);
        Message.addVersion(b, MetadataVersion.V5);
        Message.addHeaderType(b, MessageHeader.Schema);
        Message.addHeader(b, schema);
        b.finish(Message.endMessage(b));
        byte[] meta = b.sizedByteArray();
        byte[] padded = Arrays.copyOf(meta, (meta.length + 7) / 8 * 8);
        byte[] prefix = {-1, -1, -1, -1, (byte) padded.length, (byte) (padded.length >> 8), 0, 0};
        byte[] stream = new RawIpc().bytes(prefix).bytes(padded).end().toByteArray();
        assertBad(stream, "column 'when' has Arrow type Time");
    }

    @Test
    void aDictionaryIndexOutsideTheDictionaryIsRefused() throws IOException {
        // pyarrow-style dictionary data is built by the interop test; here the indices lie
        Path python = org.datahandle.testing.TestPython.assumePython("pyarrow");
        Path file = dir.resolve("dict.arrows");
        org.datahandle.testing.TestPython.run(python, """
                import sys, pyarrow as pa, pyarrow.ipc as ipc
                arr = pa.DictionaryArray.from_arrays(pa.array([0, 1, 2], pa.int8()), pa.array(["a", "b", "c"]))
                t = pa.table({"d": arr})
                with ipc.new_stream(sys.argv[1], t.schema) as w:
                    w.write_table(t)
                """, List.of(file.toString())).assertSuccess();
        byte[] bytes = Files.readAllBytes(file);
        // the last record batch body holds the int8 indices 0, 1, 2: make the last one 9
        int at = indexOf(bytes, new byte[] {0, 1, 2});
        assertThat(at).isPositive();
        bytes[at + 2] = 9;
        assertBad(bytes, "dictionary index 9 is outside the dictionary of 3 values");
    }

    @Test
    void aFileWhoseFooterLiesIsRefused() throws IOException {
        Path file = writeFile(SampleTables.manyRows(0, 10));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 10] ^= 0x10; // the footer length
        assertBad(bytes, "footer length");
        assertBad(Arrays.copyOf(bytes, bytes.length - 3), "does not end with its footer");
    }

    @Test
    void everyTruncationOfAFileAndAStreamIsRefused() throws IOException {
        Table t = SampleTables.ofTypes(SampleTables.SCALAR_TYPES, 7);
        for (byte[] full : List.of(Files.readAllBytes(writeFile(t)), validStream())) {
            // every cut in the schema message and at the end, and a cut inside every 64 bytes in between
            for (int cut = 0; cut < full.length; cut += cut < 512 || cut > full.length - 64 ? 1 : 11) {
                assertBad(Arrays.copyOf(full, cut), "");
            }
        }
    }

    @Test
    void randomCorruptionIsEitherReadOrADataFormatErrorNeverAnythingElse() throws IOException {
        List<DataType> types = new ArrayList<>(SampleTables.SCALAR_TYPES);
        types.addAll(SampleTables.NESTED_TYPES);
        byte[] full = Files.readAllBytes(writeFile(SampleTables.ofTypes(types, 20)));
        Random random = new Random(20261130);
        int failures = 0;
        for (int round = 0; round < 400; round++) {
            byte[] bytes = full.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(bytes.length);
                bytes[at] = round % 3 == 0 ? (byte) random.nextInt(256) : (byte) (bytes[at] ^ (1 << random.nextInt(8)));
            }
            Path file = dir.resolve("fuzz-" + round + ".arrow");
            Files.write(file, bytes);
            Throwable thrown = catchThrowable(() -> read(file));
            if (thrown != null) {
                assertThat(thrown).as("round %d", round).isInstanceOf(DataFormatException.class);
                checkNamesFileAndOffset((DataFormatException) thrown, file);
                failures++;
            }
        }
        assertThat(failures).as("most corruptions are noticed").isGreaterThan(100);
    }

    private byte[] validStream() throws IOException {
        Table t = SampleTables.ofTypes(SampleTables.SCALAR_TYPES, 7);
        Path file = dir.resolve("valid-" + counter++ + ".arrows");
        try (TableWriter w = new ArrowStreamCodecFactory().create(Map.of()).openWriter(FILES.target(file), t.schema())) {
            w.write(t);
        }
        return Files.readAllBytes(file);
    }

    private Path writeFile(Table t) throws IOException {
        Path file = dir.resolve("valid-" + counter++ + ".arrow");
        try (TableWriter w = new ArrowCodecFactory().create(Map.of()).openWriter(FILES.target(file), t.schema())) {
            w.write(t);
        }
        return file;
    }

    private DataFormatException assertBad(byte[] bytes, String message) throws IOException {
        Path file = dir.resolve("case-" + counter++ + ".arrows");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
        Throwable thrown = catchThrowable(() -> read(file));
        assertThat(thrown).as("reading %d bytes that should fail with '%s'", bytes.length, message)
                .isInstanceOf(DataFormatException.class);
        DataFormatException e = (DataFormatException) thrown;
        assertThat(e.getMessage()).contains(message);
        checkNamesFileAndOffset(e, file);
        return e;
    }

    private static void checkNamesFileAndOffset(DataFormatException e, Path file) {
        assertThat(e.getMessage()).contains("handle '" + HANDLE + "'").contains(file.getFileName().toString());
        assertThat(e.path()).hasValue(file.toAbsolutePath().normalize().toUri());
        assertThat(e.byteOffset()).as(e.getMessage()).isPresent();
        assertThat(e.byteOffset().getAsLong()).isBetween(0L, file.toFile().length());
    }

    private static Table read(Path file) throws IOException {
        try (TableReader r = new ArrowStreamCodecFactory().create(Map.of()).openReader(List.of(FILES.source(file)))) {
            return r.readAll();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
