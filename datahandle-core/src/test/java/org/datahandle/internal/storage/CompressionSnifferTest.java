package org.datahandle.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.spi.Registry;
import org.junit.jupiter.api.Test;

class CompressionSnifferTest {
    private final Registry registry = Registry.builder().register(FakeCompression.GZ).register(FakeCompression.BGZ)
            .register(FakeCompression.ZST).build();

    /** The 28-byte BGZF end-of-file block, a complete BGZF file on its own. */
    private static final byte[] BGZF_EOF = FakeCompression.bytes(0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 0x06, 0,
            0x42, 0x43, 0x02, 0, 0x1b, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    private static final byte[] ZSTD = FakeCompression.bytes(0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x05, 0x29, 0);

    private Optional<String> sniff(byte[] head) {
        return CompressionSniffer.sniff(head, head.length, registry).map(CompressionCodec::name);
    }

    @Test
    void plainGzipIsGz() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(sniff(bytes.toByteArray())).hasValue("gz");
    }

    @Test
    void bgzfIsBgzAlthoughItIsAlsoGzip() {
        assertThat(FakeCompression.GZ.matches(BGZF_EOF, BGZF_EOF.length)).isTrue();
        assertThat(sniff(BGZF_EOF)).hasValue("bgz");
    }

    @Test
    void zstdIsZst() {
        assertThat(sniff(ZSTD)).hasValue("zst");
    }

    @Test
    void uncompressedBytesMatchNothing() {
        assertThat(sniff("id,name\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(sniff(new byte[0])).isEmpty();
    }

    @Test
    void onlyTheFirstLengthBytesCount() {
        byte[] buffer = Arrays.copyOf(BGZF_EOF, 64);
        // fewer bytes than the BC subfield needs: only gzip can be told
        assertThat(CompressionSniffer.sniff(buffer, 4, registry).map(CompressionCodec::name)).hasValue("gz");
        assertThat(CompressionSniffer.sniff(buffer, 28, registry).map(CompressionCodec::name)).hasValue("bgz");
    }

    @Test
    void registrationOrderDoesNotMatter() {
        Registry reversed = Registry.builder().register(FakeCompression.ZST).register(FakeCompression.BGZ)
                .register(FakeCompression.GZ).build();
        assertThat(CompressionSniffer.sniff(BGZF_EOF, BGZF_EOF.length, reversed).map(CompressionCodec::name))
                .hasValue("bgz");
    }

    @Test
    void lengthOutsideTheBufferIsRejected() {
        assertThatThrownBy(() -> CompressionSniffer.sniff(new byte[4], 5, registry))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompressionSniffer.sniff(new byte[4], -1, registry))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
