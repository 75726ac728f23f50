package org.datahandle.formats.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What is particular to the gz reader and writer; truncation, concatenated members, trailing garbage,
 * empty input and the level option are checked for every compression by {@code CompressionContractTest}.
 */
// The timeout is a hang guard for bad input, not a performance assertion.
@Timeout(120)
class GzipCodecTest {

    private final GzipCodec codec = new GzipCodec();

    private static byte[] jdkGzip(byte[] data) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(sink)) {
            out.write(data);
        }
        return sink.toByteArray();
    }

    @Test
    void readsBgzfAsMultiMemberGzip() throws IOException {
        byte[] data = TestBytes.text(5 * Bgzf.WRITE_BLOCK_LENGTH, 2);
        byte[] bgzf = TestBytes.compress(new BgzfCodec(), data, Map.of());

        assertThat(TestBytes.decompress(codec, bgzf)).isEqualTo(data);
    }

    @Test
    void readsHeaderWithExtraFieldNameCommentAndHeaderCrc() throws IOException {
        byte[] data = "with every optional header field\n".getBytes(StandardCharsets.US_ASCII);
        byte[] member = memberWithOptionalFields(data, false);

        assertThat(TestBytes.decompress(codec, TestBytes.concat(member, member))).isEqualTo(TestBytes.concat(data, data));
    }

    @Test
    void rejectsAWrongHeaderCrc() {
        byte[] member = memberWithOptionalFields(new byte[] {1, 2, 3}, true);

        assertThatThrownBy(() -> TestBytes.decompress(codec, member))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt gzip header")
                .hasMessageContaining("CRC16 mismatch");
    }

    /** A member with FEXTRA, FNAME, FCOMMENT and FHCRC set, deflated by the JDK. */
    private static byte[] memberWithOptionalFields(byte[] data, boolean breakHeaderCrc) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3});
        header.writeBytes(new byte[] {4, 0, 'x', 'y', 0, 0});
        header.writeBytes("name.csv\0".getBytes(StandardCharsets.US_ASCII));
        header.writeBytes("a comment\0".getBytes(StandardCharsets.US_ASCII));
        CRC32 headerCrc = new CRC32();
        headerCrc.update(header.toByteArray());
        int crc16 = (int) headerCrc.getValue() & 0xFFFF ^ (breakHeaderCrc ? 1 : 0);
        header.write(crc16);
        header.write(crc16 >>> 8);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(6, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] deflated = new byte[data.length + 64];
        int n = deflater.deflate(deflated);
        deflater.end();
        header.write(deflated, 0, n);
        CRC32 crc = new CRC32();
        crc.update(data);
        byte[] trailer = new byte[8];
        Bgzf.putInt32(trailer, 0, (int) crc.getValue());
        Bgzf.putInt32(trailer, 4, data.length);
        header.writeBytes(trailer);
        return header.toByteArray();
    }

    /** Trailing garbage in general is in the compression contract; a gzip reader also says where it starts. */
    @Test
    void reportsTrailingGarbageThatTheJdkWouldIgnore() throws IOException {
        byte[] file = TestBytes.concat(jdkGzip(TestBytes.text(1000, 1)), "garbage".getBytes(StandardCharsets.US_ASCII));
        int memberLength = jdkGzip(TestBytes.text(1000, 1)).length;

        assertThatThrownBy(() -> TestBytes.decompress(codec, file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("trailing garbage")
                .hasMessageContaining("offset " + memberLength);
    }

    /** Truncation in general is in the compression contract; this is where a gzip reader says it stopped. */
    @Test
    void aMissingLastByteIsInTheTrailer() throws IOException {
        byte[] file = TestBytes.compress(codec, TestBytes.text(20_000, 4), Map.of());
        byte[] lastByteMissing = TestBytes.prefix(file, file.length - 1);
        assertThatThrownBy(() -> TestBytes.decompress(codec, lastByteMissing))
                .hasMessageContaining("offset " + (file.length - 1))
                .hasMessageContaining("trailer");
    }

    @Test
    void truncationInsideTheSecondMemberNamesItsOffset() throws IOException {
        byte[] first = jdkGzip(TestBytes.text(5000, 1));
        byte[] second = jdkGzip(TestBytes.random(5000, 2));
        byte[] cut = TestBytes.prefix(TestBytes.concat(first, second), first.length + second.length / 2);

        assertThatThrownBy(() -> TestBytes.decompress(codec, cut))
                .hasMessageContaining("truncated")
                .hasMessageContaining("member at offset " + first.length);
    }

    @Test
    void everyFlippedByteIsAnIOExceptionOrHarmless() throws IOException {
        byte[] data = TestBytes.text(30_000, 5);
        byte[] file = TestBytes.compress(codec, data, Map.of());
        for (int at = 0; at < file.length; at += at < 40 ? 1 : 31) {
            byte[] bad = TestBytes.flip(file, at);
            try {
                // MTIME, XFL and OS do not affect the data; every other byte must be caught.
                assertThat(TestBytes.decompress(codec, bad)).as("flip at %d", at).isEqualTo(data);
                assertThat(at).as("harmless flip").isBetween(4, 9);
            } catch (IOException expected) {
                assertThat(expected.getMessage()).as("flip at %d", at).containsAnyOf("corrupt", "truncated", "not gzip", "trailing garbage");
            }
        }
    }

    @Test
    void aFlippedTrailerIsACrcMismatch() throws IOException {
        byte[] file = TestBytes.compress(codec, TestBytes.text(3000, 6), Map.of());

        assertThatThrownBy(() -> TestBytes.decompress(codec, TestBytes.flip(file, file.length - 6)))
                .hasMessageContaining("corrupt gzip member at compressed byte offset 0: CRC32 mismatch");
        assertThatThrownBy(() -> TestBytes.decompress(codec, TestBytes.flip(file, file.length - 2)))
                .hasMessageContaining("length mismatch");
    }

    @Test
    void invalidDeflateDataIsWrappedWithItsOffset() {
        // Block type 3 is reserved: java.util.zip.DataFormatException "invalid block type".
        byte[] file = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x07, 0, 0, 0, 0, 0, 0, 0, 0};

        assertThatThrownBy(() -> TestBytes.decompress(codec, file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt gzip data in the member at compressed byte offset 0")
                .hasMessageContaining("invalid block type")
                .hasCauseInstanceOf(java.util.zip.DataFormatException.class);
    }

    @Test
    void rejectsInputThatIsNotGzip() throws IOException {
        byte[] zstd = TestBytes.compress(new ZstdCodec(), new byte[] {1, 2, 3}, Map.of());

        assertThatThrownBy(() -> TestBytes.decompress(codec, zstd)).hasMessageContaining("not gzip data");
        assertThatThrownBy(() -> TestBytes.decompress(codec, new byte[] {0x1f, (byte) 0x8b, 9, 0}))
                .hasMessageContaining("compression method 9 is not deflate");
        assertThatThrownBy(() -> TestBytes.decompress(codec, new byte[] {0x1f, (byte) 0x8b, 8, (byte) 0x80}))
                .hasMessageContaining("reserved flag bits");
        assertThatThrownBy(() -> TestBytes.decompress(codec, new byte[] {0x1f}))
                .hasMessageContaining("truncated");
    }

    @Test
    void matchesTheGzipMagicOnly() {
        assertThat(codec.matches(new byte[] {0x1f, (byte) 0x8b, 8}, 3)).isTrue();
        assertThat(codec.matches(new byte[] {0x1f, (byte) 0x8b, 8, 0}, 2)).isFalse();
        assertThat(codec.matches(new byte[] {0x1f, (byte) 0x8b, 9}, 3)).isFalse();
        assertThat(codec.matches(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, 4)).isFalse();
        assertThat(codec.magicLength()).isEqualTo(3);
        assertThat(codec.name()).isEqualTo("gz");
        assertThat(codec.suffixes()).containsExactly(".gz");
    }

    /** Level validation is in the compression contract; level 0 stores, level 1 already deflates. */
    @Test
    void higherLevelsCompressBetter() throws IOException {
        byte[] data = TestBytes.text(200_000, 7);

        assertThat(TestBytes.compress(codec, data, Map.of("level", 9)).length)
                .isLessThan(TestBytes.compress(codec, data, Map.of("level", 1)).length);
        assertThat(TestBytes.compress(codec, data, Map.of("level", 0)).length).isGreaterThan(data.length);
    }

}
