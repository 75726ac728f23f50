package org.datahandle.formats.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.datahandle.DataFormatException;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.SampleTables;
import org.junit.jupiter.api.Test;

/**
 * {@link ArrowIpcReader#nextEncoded()} and {@link ArrowIpcWriter#write(EncodedBatch)}: a stream copied into a
 * file batch by batch gives the rows a decode gives, is checked exactly as a decode checks it, and is copied
 * without a decode only when the writer would lay the batch out the same way.
 */
class EncodedBatchTest {
    private static final URI SOURCE = URI.create("http://host/v1/handles/dat");
    private static final Schema TEXT = Schema.of(Field.of("s", DataType.STRING));
    private static final Schema LONGS = Schema.of(Field.of("n", DataType.INT64));

    @Test
    void aStreamOfEveryTypeCopiedIntoAFileReadsBackTheSameAndFlatBatchesAreNotDecoded() throws IOException {
        List<DataType> types = new ArrayList<>(SampleTables.SCALAR_TYPES);
        types.addAll(SampleTables.NESTED_TYPES);
        Table table = SampleTables.ofTypes(types, 300);
        byte[] stream = stream(table, ArrowWriteOptions.defaults().withMaxBatchRows(70));

        Copy copy = copy(stream, ArrowWriteOptions.defaults());

        assertThat(copy.table()).isEqualTo(table);
        assertThat(copy.batches()).isEqualTo(5);
        assertThat(copy.copied()).as("batches copied without a decode").isEqualTo(5);
    }

    @Test
    void batchesTheWriterWouldLayOutDifferentlyAreDecodedAndEncodedAgain() throws IOException {
        Table table = SampleTables.ofTypes(SampleTables.SCALAR_TYPES, 200);
        byte[] compressed = stream(table, ArrowWriteOptions.defaults().withCompression(ArrowCompression.LZ4_FRAME));
        Copy fromCompressed = copy(compressed, ArrowWriteOptions.defaults());
        assertThat(fromCompressed.table()).isEqualTo(table);
        assertThat(fromCompressed.copied()).as("a compressed body is decoded").isZero();

        Copy split = copy(stream(table, ArrowWriteOptions.defaults()), ArrowWriteOptions.defaults().withMaxBatchRows(64));
        assertThat(split.table()).isEqualTo(table);
        assertThat(split.copied()).as("a batch over the writer's batch size is split").isZero();

        Copy compressing = copy(stream(table, ArrowWriteOptions.defaults()),
                ArrowWriteOptions.defaults().withCompression(ArrowCompression.ZSTD));
        assertThat(compressing.table()).isEqualTo(table);
        assertThat(compressing.copied()).as("a compressing writer encodes").isZero();
    }

    @Test
    void corruptBatchesFailInNextEncodedWithTheErrorNextGives() throws IOException {
        byte[] data = {'o', 'k', (byte) 0xC3, 0x28, 'x', 'y', 'z', 'w'};
        List<byte[]> bad = List.of(
                RawIpc.withSchema(TEXT).batch(2, new long[][] {{2, 0}}, new long[][] {{0, 0}, {0, 12}, {12, 8}},
                        RawIpc.concat(RawIpc.ints(0, 2, 8), data)).end().toByteArray(),
                RawIpc.withSchema(TEXT).batch(3, new long[][] {{3, 0}}, new long[][] {{0, 0}, {0, 16}, {16, 8}},
                        RawIpc.concat(RawIpc.ints(0, 5, 3, 8), new byte[8])).end().toByteArray(),
                RawIpc.withSchema(TEXT).batch(2, new long[][] {{2, 0}}, new long[][] {{0, 0}, {0, 12}, {12, 8}},
                        RawIpc.concat(RawIpc.ints(0, 5, 100), new byte[8])).end().toByteArray(),
                RawIpc.withSchema(TEXT).batch(2, new long[][] {{2, 0}}, new long[][] {{0, 0}, {0, 4}, {4, 8}},
                        RawIpc.concat(RawIpc.ints(0, 5, 8), new byte[8])).end().toByteArray(),
                RawIpc.withSchema(LONGS).batch(3, new long[][] {{3, 0}}, new long[][] {{0, 0}, {64, 24}},
                        new byte[32]).end().toByteArray(),
                RawIpc.withSchema(LONGS).batch(3, new long[][] {{3, 4}}, new long[][] {{0, 0}, {0, 24}},
                        new byte[24]).end().toByteArray(),
                RawIpc.withSchema(LONGS).batch(3, new long[][] {{3, 1}}, new long[][] {{0, 0}, {0, 24}},
                        new byte[24]).end().toByteArray(),
                RawIpc.withSchema(LONGS).batch(4, new long[][] {{3, 0}}, new long[][] {{0, 0}, {0, 24}},
                        new byte[24]).end().toByteArray(),
                RawIpc.withSchema(LONGS).batch(3, new long[][] {{3, 0}}, new long[][] {{0, 0}}, new byte[24])
                        .end().toByteArray());
        for (byte[] stream : bad) {
            Throwable decoding = catchThrowable(() -> readAll(stream));
            Throwable checking = catchThrowable(() -> {
                try (ArrowIpcReader r = ArrowIpc.reader(new ByteArrayInputStream(stream), "dat", SOURCE)) {
                    while (r.nextEncoded().isPresent()) {
                        // checked, then dropped
                    }
                }
            });
            assertThat(decoding).isInstanceOf(DataFormatException.class);
            assertThat(checking).isInstanceOf(DataFormatException.class).hasMessage(decoding.getMessage());
        }
    }

    @Test
    void aBatchListingBuffersItsColumnsDoNotUseIsWrittenFromItsRowsNotCopied() throws IOException {
        // an int64 column uses two buffers; the third lies outside the body, which readers never look at
        byte[] body = new byte[24];
        body[0] = 7;
        body[8] = 8;
        body[16] = 9;
        byte[] stream = RawIpc.withSchema(LONGS).batch(3, new long[][] {{3, 0}},
                new long[][] {{0, 0}, {0, 24}, {4096, 64}}, body).end().toByteArray();
        Copy copy = copy(stream, ArrowWriteOptions.defaults());
        assertThat(copy.table()).isEqualTo(Table.builder(LONGS, 3).addRow(7L).addRow(8L).addRow(9L).build());
        assertThat(copy.copied()).isZero();
    }

    @Test
    void nonAsciiTextIsCheckedValueByValue() throws IOException {
        // "é" split between two values: the whole buffer is valid UTF-8, each value is not
        byte[] data = {'a', (byte) 0xC3, (byte) 0xA9, 'b', 0, 0, 0, 0};
        byte[] split = RawIpc.withSchema(TEXT).batch(2, new long[][] {{2, 0}}, new long[][] {{0, 0}, {0, 12}, {16, 8}},
                RawIpc.concat(RawIpc.concat(RawIpc.ints(0, 2, 4), new byte[4]), data)).end().toByteArray();
        assertThatThrownBy(() -> readEncoded(split)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("row 0: invalid UTF-8");
        byte[] whole = RawIpc.withSchema(TEXT).batch(2, new long[][] {{2, 0}}, new long[][] {{0, 0}, {0, 12}, {16, 8}},
                RawIpc.concat(RawIpc.concat(RawIpc.ints(0, 3, 4), new byte[4]), data)).end().toByteArray();
        assertThat(readEncoded(whole)).isEqualTo(Table.builder(TEXT, 2).addRow("aé").addRow("b").build());
    }

    @Test
    void anEncodedBatchCannotBeUsedOnceTheReaderMovedOn() throws IOException {
        Table table = SampleTables.manyRows(0, 100);
        byte[] stream = stream(table, ArrowWriteOptions.defaults().withMaxBatchRows(40));
        try (ArrowIpcReader r = ArrowIpc.reader(new ByteArrayInputStream(stream), "dat", SOURCE)) {
            EncodedBatch first = r.nextEncoded().orElseThrow();
            assertThat(first.decode().rowCount()).isEqualTo(40);
            EncodedBatch second = r.nextEncoded().orElseThrow();
            assertThat(second.rowCount()).isEqualTo(40);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArrowIpcWriter w = ArrowIpc.fileWriter(out, r.schema())) {
                assertThatThrownBy(() -> w.write(first)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("reader has moved on");
                w.write(second);
            }
        }
    }

    @Test
    void aBatchOfAnotherSchemaIsRefused() throws IOException {
        byte[] stream = stream(SampleTables.manyRows(0, 10), ArrowWriteOptions.defaults());
        try (ArrowIpcReader r = ArrowIpc.reader(new ByteArrayInputStream(stream), "dat", SOURCE);
                ArrowIpcWriter w = ArrowIpc.fileWriter(new ByteArrayOutputStream(), TEXT)) {
            EncodedBatch b = r.nextEncoded().orElseThrow();
            assertThatThrownBy(() -> w.write(b)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The result of copying a stream into a file. */
    record Copy(Table table, int batches, long copied) {}

    static Copy copy(byte[] stream, ArrowWriteOptions options) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        int batches = 0;
        long copied;
        try (ArrowIpcReader r = ArrowIpc.reader(new ByteArrayInputStream(stream), "dat", SOURCE);
                ArrowIpcWriter w = ArrowIpc.fileWriter(file, r.schema(), options)) {
            for (Optional<EncodedBatch> b = r.nextEncoded(); b.isPresent(); b = r.nextEncoded()) {
                w.write(b.get());
                batches++;
            }
            copied = w.copiedBatches();
        }
        try (ArrowIpcReader back = ArrowIpc.reader(new ByteArrayInputStream(file.toByteArray()), URI.create("file:/copy"))) {
            assertThat(back.isFile()).isTrue();
        }
        return new Copy(readAll(file.toByteArray()), batches, copied);
    }

    static byte[] stream(Table table, ArrowWriteOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArrowIpcWriter w = ArrowIpc.streamWriter(out, table.schema(), options)) {
            w.write(table);
        }
        return out.toByteArray();
    }

    static Table readAll(byte[] bytes) throws IOException {
        try (ArrowIpcReader r = ArrowIpc.reader(new ByteArrayInputStream(bytes), "dat", SOURCE)) {
            List<Table> batches = new ArrayList<>();
            for (Optional<Table> b = r.next(); b.isPresent(); b = r.next()) {
                batches.add(b.get());
            }
            return Table.concat(r.schema(), batches);
        }
    }

    private static Table readEncoded(byte[] bytes) throws IOException {
        try (ArrowIpcReader r = ArrowIpc.reader(new ByteArrayInputStream(bytes), "dat", SOURCE)) {
            List<Table> batches = new ArrayList<>();
            for (Optional<EncodedBatch> b = r.nextEncoded(); b.isPresent(); b = r.nextEncoded()) {
                batches.add(b.get().decode());
            }
            return Table.concat(r.schema(), batches);
        }
    }
}
