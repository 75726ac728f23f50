package org.datahandle.formats.compress;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.datahandle.spi.CompressionCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** After an error, reading on repeats the error instead of reporting a clean end of data. */
class StickyFailureTest {

    static List<CompressionCodec> codecs() {
        return List.of(new GzipCodec(), new BgzfCodec(), new ZstdCodec());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void readingAfterAnErrorRepeatsIt(CompressionCodec codec) throws IOException {
        byte[] file = TestBytes.compress(codec, TestBytes.text(100_000, 1), Map.of());
        byte[] cut = TestBytes.prefix(file, file.length / 2);

        try (InputStream in = codec.decompress(new ByteArrayInputStream(cut))) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("truncated");
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("truncated");
        }
    }
}
