package org.datahandle.formats.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What is particular to the zst reader and writer; truncation, concatenated frames, trailing garbage,
 * empty input and the level option are checked for every compression by {@code CompressionContractTest}.
 */
// The timeout is a hang guard for bad input, not a performance assertion.
@Timeout(120)
class ZstdCodecTest {

    private final ZstdCodec codec = new ZstdCodec();

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
    void aClosedStreamRefusesReads() throws IOException {
        InputStream in = codec.decompress(new ByteArrayInputStream(TestBytes.compress(codec, new byte[] {1}, Map.of())));
        in.close();

        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
}
