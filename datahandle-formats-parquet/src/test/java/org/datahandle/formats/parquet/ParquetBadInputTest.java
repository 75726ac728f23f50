package org.datahandle.formats.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.datahandle.DataFormatException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, foreign and unsupported files fail with DataHandle exceptions that say where and what. */
class ParquetBadInputTest {
    @TempDir
    Path dir;

    private Path validFile(String name, Map<String, Object> options) throws IOException {
        Schema schema = Schema.of(Field.of("id", DataType.INT64), Field.of("name", DataType.STRING));
        Table.Builder b = Table.builder(schema);
        for (int i = 0; i < 2000; i++) {
            b.addRow((long) i, "name " + i);
        }
        Path file = dir.resolve(name);
        ParquetFiles.write(file, b.build(), options);
        return file;
    }

    @Test
    void truncatedFooterNamesHandlePathAndOffset() throws Exception {
        Path file = validFile("cut.parquet", Map.of());
        long length = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length - 10);
        }

        assertThatThrownBy(() -> ParquetFiles.read(file))
                .isInstanceOfSatisfying(DataFormatException.class, e -> {
                    assertThat(e.byteOffset()).hasValue(length - 10 - 4);
                    assertThat(e.path()).hasValue(file.toUri());
                })
                .hasMessageContaining(ParquetFiles.HANDLE)
                .hasMessageContaining("cut.parquet")
                .hasMessageContaining("truncated")
                .hasMessageContaining("'PAR1'");
    }

    @Test
    void fileCutBeforeItsFooterWithMagicBackIsACorruptFooterLength() throws Exception {
        Path file = validFile("short.parquet", Map.of());
        byte[] bytes = Files.readAllBytes(file);
        // Keep the first half and append a footer length larger than what is left, then the magic.
        byte[] cut = Arrays.copyOf(bytes, bytes.length / 2 + 8);
        System.arraycopy(new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 0, 'P', 'A', 'R', '1'}, 0, cut, cut.length - 8, 8);
        Files.write(file, cut);

        assertThatThrownBy(() -> ParquetFiles.read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("short.parquet")
                .hasMessageContaining("footer length 65535");
    }

    @Test
    void randomBytesAreNotParquet() throws Exception {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Path file = dir.resolve("noise.parquet");
        Files.write(file, noise);

        assertThatThrownBy(() -> ParquetFiles.read(file))
                .isInstanceOfSatisfying(DataFormatException.class, e -> assertThat(e.byteOffset()).hasValue(0))
                .hasMessageContaining("noise.parquet")
                .hasMessageContaining("not a Parquet file");
    }

    @Test
    void csvRenamedToParquetIsNotParquet() throws Exception {
        Path file = dir.resolve("data.parquet");
        Files.writeString(file, "id,name\n1,ada\n2,grace\n", UTF_8);

        assertThatThrownBy(() -> ParquetFiles.read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(ParquetFiles.HANDLE)
                .hasMessageContaining("data.parquet")
                .hasMessageContaining("not a Parquet file")
                .hasMessageContaining("0x69642c6e");
    }

    @Test
    void tinyFileIsNotParquet() throws Exception {
        Path file = dir.resolve("tiny.parquet");
        Files.write(file, "PAR1".getBytes(UTF_8));

        assertThatThrownBy(() -> ParquetFiles.read(file))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("tiny.parquet")
                .hasMessageContaining("4 bytes");
    }

    @Test
    void garbledFooterIsAFormatErrorAtTheFooter() throws Exception {
        Path file = validFile("footer.parquet", Map.of());
        byte[] bytes = Files.readAllBytes(file);
        int footerLength = (bytes[bytes.length - 8] & 0xFF) | (bytes[bytes.length - 7] & 0xFF) << 8
                | (bytes[bytes.length - 6] & 0xFF) << 16 | (bytes[bytes.length - 5] & 0xFF) << 24;
        int footerStart = bytes.length - 8 - footerLength;
        Arrays.fill(bytes, footerStart, bytes.length - 8, (byte) 0x7F);
        Files.write(file, bytes);

        assertThatThrownBy(() -> ParquetFiles.read(file))
                .isInstanceOfSatisfying(DataFormatException.class,
                        e -> assertThat(e.byteOffset()).hasValue(footerStart))
                .hasMessageContaining("footer.parquet")
                .hasMessageContaining("footer");
    }

    @Test
    void corruptPageIsAFormatErrorNamingTheRowGroup() throws Exception {
        Path file = validFile("pages.parquet", Map.of("compression", "none"));
        byte[] bytes = Files.readAllBytes(file);
        // Overwrite data in the middle of the first column chunk (after the 4-byte magic).
        Arrays.fill(bytes, 200, 400, (byte) 0x5A);
        Files.write(file, bytes);

        assertThatThrownBy(() -> ParquetFiles.read(file))
                .isInstanceOfSatisfying(DataFormatException.class, e -> assertThat(e.byteOffset()).hasValue(4))
                .hasMessageContaining(ParquetFiles.HANDLE)
                .hasMessageContaining("pages.parquet")
                .hasMessageContaining("row group 0");
    }

    @Test
    void encryptedFooterMagicIsUnsupported() throws Exception {
        Path file = dir.resolve("secret.parquet");
        byte[] bytes = new byte[64];
        System.arraycopy("PARE".getBytes(UTF_8), 0, bytes, 0, 4);
        System.arraycopy("PARE".getBytes(UTF_8), 0, bytes, 60, 4);
        Files.write(file, bytes);

        assertThatThrownBy(() -> ParquetFiles.read(file))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("secret.parquet")
                .hasMessageContaining("encrypted")
                .hasMessageContaining("not supported");
    }

    @Test
    void partsWithDifferentSchemasNameBothFiles() throws Exception {
        Path a = validFile("a.parquet", Map.of());
        Path b = dir.resolve("b.parquet");
        ParquetFiles.write(b, Table.builder(Schema.of(Field.of("id", DataType.STRING))).addRow("x").build(), Map.of());

        assertThatThrownBy(() -> ParquetFiles.read(a, b))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("a.parquet")
                .hasMessageContaining("b.parquet")
                .hasMessageContaining("schema");
    }

    @Test
    void unsupportedLogicalTypeNamesTheColumn() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { required int64 id; optional int64 clock (TIME(MICROS,true)); }");
        Path file = dir.resolve("time.parquet");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withType(schema).build()) {
            w.write(new SimpleGroupFactory(schema).newGroup().append("id", 1L).append("clock", 5L));
        }

        assertThatThrownBy(() -> ParquetFiles.read(file))
                .isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("time.parquet")
                .hasMessageContaining("column 'clock'")
                .hasMessageContaining("TIME");
    }

    @Test
    void legacyTwoLevelListsAndMapsReadAsLists() throws Exception {
        MessageType schema = MessageTypeParser.parseMessageType("message m {"
                + " optional group ints (LIST) { repeated int32 array; }"
                + " optional group pairs (LIST) { repeated group array { required binary k (STRING); optional int32 v; } }"
                + " optional group m (MAP) { repeated group key_value { required binary key (STRING); optional int64 value; } }"
                + " repeated int32 bare;"
                + " }");
        Path file = dir.resolve("legacy.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withType(schema).build()) {
            Group g = groups.newGroup();
            g.addGroup("ints").append("array", 1).append("array", 2);
            g.addGroup("pairs").addGroup("array").append("k", "a").append("v", 7);
            g.addGroup("m").addGroup("key_value").append("key", "x").append("value", 9L);
            g.append("bare", 3).append("bare", 4);
            w.write(g);
            w.write(groups.newGroup());
        }

        Table t = ParquetFiles.read(file);

        assertThat(t.schema().field("ints").orElseThrow().type()).isEqualTo(DataType.listOf(DataType.INT32));
        assertThat(t.schema().field("m").orElseThrow().type()).isEqualTo(DataType.listOf(DataType.struct(List.of(
                new Field("key", DataType.STRING, false), Field.of("value", DataType.INT64)))));
        assertThat(t.get(0, "ints")).isEqualTo(List.of(1, 2));
        assertThat(t.get(0, "pairs")).isEqualTo(List.of(Map.of("k", "a", "v", 7)));
        assertThat(t.get(0, "m")).isEqualTo(List.of(Map.of("key", "x", "value", 9L)));
        assertThat(t.get(0, "bare")).isEqualTo(List.of(3, 4));
        assertThat(t.get(1, "ints")).isNull();
        assertThat(t.get(1, "bare")).isEqualTo(List.of());
    }
}
