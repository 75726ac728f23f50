package org.datahandle.formats.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// The timeout is a hang guard for bad input, not a performance assertion.
@Timeout(120)
class ZstdCodecTest {

    private final ZstdCodec codec = new ZstdCodec();

    @Test
    void readsConcatenatedFrames() throws IOException {
        byte[] a = TestBytes.text(50_000, 1);
        byte[] b = TestBytes.random(1000, 2);
        byte[] file = TestBytes.concat(TestBytes.compress(codec, a, Map.of()), TestBytes.compress(codec, b, Map.of("level", 1)));

        assertThat(TestBytes.decompress(codec, file)).isEqualTo(TestBytes.concat(a, b));
    }

    @Test
    void everyTruncationIsReportedAsTruncated() throws IOException {
        byte[] file = TestBytes.compress(codec, TestBytes.text(200_000, 3), Map.of());
        for (int length = 0; length < file.length; length += length < 40 ? 1 : 499) {
            byte[] cut = TestBytes.prefix(file, length);
            assertThatThrownBy(() -> TestBytes.decompress(codec, cut))
                    .as("cut at %d of %d", length, file.length)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("truncated zstd input: unexpected end of input at compressed byte offset");
        }
        assertThatThrownBy(() -> TestBytes.decompress(codec, TestBytes.prefix(file, file.length - 1)))
                .hasMessageContaining("offset " + (file.length - 1));
        assertThatThrownBy(() -> TestBytes.decompress(codec, new byte[0])).hasMessageContaining("empty");
    }

    @Test
    void everyFlippedByteIsAnIOException() throws IOException {
        byte[] data = TestBytes.text(30_000, 4);
        byte[] file = TestBytes.compress(codec, data, Map.of());
        for (int at = 0; at < file.length; at += at < 20 ? 1 : 37) {
            byte[] bad = TestBytes.flip(file, at);
            try {
                byte[] back = TestBytes.decompress(codec, bad);
                // A flip zstd cannot see must at least not change the data.
                assertThat(back).as("flip at %d", at).isEqualTo(data);
            } catch (IOException expected) {
                assertThat(expected.getMessage()).as("flip at %d", at)
                        .containsAnyOf("corrupt zstd", "truncated zstd", "not zstd");
            }
        }
    }

    @Test
    void aFlippedByteInTheDataFailsTheChecksum() throws IOException {
        byte[] file = TestBytes.compress(codec, TestBytes.random(5000, 5), Map.of());

        assertThatThrownBy(() -> TestBytes.decompress(codec, TestBytes.flip(file, file.length - 100)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("corrupt zstd data");
    }

    @Test
    void gzipInputIsNotZstdAndSaysItIsGzip() throws IOException {
        byte[] gzip = TestBytes.compress(new GzipCodec(), new byte[] {1, 2, 3}, Map.of());

        assertThatThrownBy(() -> TestBytes.decompress(codec, gzip))
                .isInstanceOf(IOException.class)
                .hasMessage("not zstd data: the input starts with 1f 8b 08 00, not the zstd magic number 28 b5 2f fd (it is gzip: use compression gz or bgz)");
    }

    @Test
    void trailingGarbageIsReported() throws IOException {
        byte[] file = TestBytes.concat(TestBytes.compress(codec, new byte[] {1}, Map.of()), "garbage!".getBytes());

        assertThatThrownBy(() -> TestBytes.decompress(codec, file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("trailing garbage");
    }

    @Test
    void readsASkippableFrameFirst() throws IOException {
        byte[] skippable = {0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 9, 9, 9};
        byte[] file = TestBytes.concat(skippable, TestBytes.compress(codec, new byte[] {7, 8}, Map.of()));

        assertThat(codec.matches(file, 4)).isTrue();
        assertThat(TestBytes.decompress(codec, file)).containsExactly(7, 8);
    }

    @Test
    void matchesTheZstdMagicOnly() throws IOException {
        byte[] zstd = TestBytes.compress(codec, new byte[0], Map.of());
        byte[] gzip = TestBytes.compress(new GzipCodec(), new byte[0], Map.of());

        assertThat(codec.matches(zstd, 4)).isTrue();
        assertThat(codec.matches(zstd, 3)).isFalse();
        assertThat(codec.matches(gzip, gzip.length)).isFalse();
        assertThat(codec.name()).isEqualTo("zst");
        assertThat(codec.suffixes()).containsExactly(".zst");
    }

    @Test
    void rejectsInvalidLevels() {
        assertThatThrownBy(() -> codec.compress(new ByteArrayOutputStream(), Map.of("level", 23)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compression zst: option 'level' must be an integer from")
                .hasMessageContaining("to 22, got '23'");
    }

    @Test
    void aClosedStreamRefusesReads() throws IOException {
        InputStream in = codec.decompress(new ByteArrayInputStream(TestBytes.compress(codec, new byte[] {1}, Map.of())));
        in.close();

        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
