package org.datahandle.formats.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.SampleTables;
import org.junit.jupiter.api.Test;

/** The {@link ArrowIpc} API as a server or a pipe uses it: batches in, batches out, in order. */
class ArrowIpcTest {
    private static final URI SOURCE = URI.create("memory:/test");

    @Test
    void eachWriteIsABatchAndTheReaderHandsThemBackInOrder() throws IOException {
        Table whole = SampleTables.manyRows(0, 1000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowIpcWriter w = ArrowIpc.streamWriter(Channels.newChannel(bytes), whole.schema(),
                ArrowWriteOptions.defaults().withMaxBatchRows(300))) {
            w.write(whole.slice(0, 100));
            w.write(whole.slice(100, 1000));
            assertThat(w.rowsWritten()).isEqualTo(1000);
        }
        List<Integer> sizes = new ArrayList<>();
        List<Table> batches = new ArrayList<>();
        try (ArrowIpcReader r = ArrowIpc.reader(Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray())),
                SOURCE)) {
            assertThat(r.isFile()).isFalse();
            assertThat(r.schema()).isEqualTo(whole.schema());
            for (Optional<Table> b = r.next(); b.isPresent(); b = r.next()) {
                sizes.add(b.get().rowCount());
                batches.add(b.get());
            }
            assertThat(r.next()).isEmpty();
        }
        assertThat(sizes).containsExactly(100, 300, 300, 300);
        assertThat(Table.concat(whole.schema(), batches)).isEqualTo(whole);
    }

    @Test
    void theSchemasKeyValueMetadataSurvivesStreamsAndFiles() throws IOException {
        Schema schema = Schema.of(Field.of("id", DataType.INT64))
                .withMetadata(java.util.Map.of("vcf.header", "##fileformat=VCFv4.2", "note", ""));
        for (boolean file : new boolean[] {false, true}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ArrowIpcWriter w = file ? ArrowIpc.fileWriter(bytes, schema) : ArrowIpc.streamWriter(bytes, schema)) {
                w.finish();
            }
            try (ArrowIpcReader r = ArrowIpc.reader(new ByteArrayInputStream(bytes.toByteArray()), SOURCE)) {
                assertThat(r.schema().metadata()).as(file ? "file" : "stream").isEqualTo(schema.metadata());
                assertThat(r.metadata()).isEqualTo(schema.metadata());
            }
        }
    }

    @Test
    void theSchemaIsWrittenBeforeAnyBatchSoAReaderCanStartAtOnce() throws IOException {
        Schema schema = Schema.of(Field.of("id", DataType.INT64));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ArrowIpcWriter w = ArrowIpc.streamWriter(bytes, schema);
        assertThat(bytes.size()).isPositive().isEqualTo((int) w.bytesWritten());
        assertThat(bytes.size() % 64).as("the first body starts 64-byte aligned").isZero();
        w.finish();
        try (ArrowIpcReader r = ArrowIpc.reader(new ByteArrayInputStream(bytes.toByteArray()), SOURCE)) {
            assertThat(r.schema()).isEqualTo(schema);
            assertThat(r.next()).isEmpty();
        }
    }

    @Test
    void aReaderAtTheOtherEndOfAPipeGetsEachBatchAsItIsWritten() throws Exception {
        Table first = SampleTables.manyRows(0, 10);
        Table second = SampleTables.manyRows(10, 20);
        java.io.PipedInputStream in = new java.io.PipedInputStream(1 << 20);
        java.io.PipedOutputStream out = new java.io.PipedOutputStream(in);
        java.util.concurrent.CountDownLatch firstRead = new java.util.concurrent.CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try (ArrowIpcWriter w = ArrowIpc.streamWriter(out, first.schema())) {
                w.write(first);
                // the second batch waits until the reader has the first: no flush, no first batch, no second
                if (firstRead.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    w.write(second);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        try (ArrowIpcReader r = ArrowIpc.reader(in, SOURCE)) {
            assertThat(r.next()).hasValue(first);
            firstRead.countDown();
            assertThat(r.next()).hasValue(second);
            assertThat(r.next()).isEmpty();
        }
        writer.join();
    }

    @Test
    void fileFormatIsRecognisedByItsMagic() throws IOException {
        Table t = SampleTables.ofTypes(SampleTables.SCALAR_TYPES, 10);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowIpcWriter w = ArrowIpc.fileWriter(bytes, t.schema())) {
            w.write(t);
        }
        byte[] b = bytes.toByteArray();
        assertThat(new String(b, 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ARROW1");
        assertThat(new String(b, b.length - 6, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ARROW1");
        try (ArrowIpcReader r = ArrowIpc.reader(new ByteArrayInputStream(b), SOURCE)) {
            assertThat(r.isFile()).isTrue();
            assertThat(r.readAll()).isEqualTo(t);
        }
    }

    @Test
    void aBatchThatFailsPartWayLeavesOutputNoReaderTakesForComplete() throws IOException {
        Table t = SampleTables.manyRows(0, 50_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.io.OutputStream failing = new java.io.FilterOutputStream(bytes) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (bytes.size() + len > 100_000) {
                    throw new IOException("disk full");
                }
                bytes.write(b, off, len);
            }
        };
        ArrowIpcWriter w = ArrowIpc.streamWriter(failing, t.schema());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.write(t)).hasMessageContaining("disk full");
        org.assertj.core.api.Assertions.assertThatThrownBy(w::finish).hasMessageContaining("incomplete");
        w.close(); // closes without pretending the stream ended
        try (ArrowIpcReader r = ArrowIpc.reader(new ByteArrayInputStream(bytes.toByteArray()), SOURCE)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(r::readAll)
                    .isInstanceOf(org.datahandle.DataFormatException.class);
        }
    }

    @Test
    void aBatchOfAnotherSchemaIsRefused() throws IOException {
        Schema schema = Schema.of(Field.of("id", DataType.INT64));
        try (ArrowIpcWriter w = ArrowIpc.streamWriter(new ByteArrayOutputStream(), schema)) {
            Table other = Table.builder(Schema.of(Field.of("id", DataType.INT32))).addRow(1).build();
            assertThatThrownBy(() -> w.write(other)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not the writer's schema");
        }
    }
}
