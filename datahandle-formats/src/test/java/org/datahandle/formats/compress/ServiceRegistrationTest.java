package org.datahandle.formats.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.datahandle.spi.CompressionCodec;
import org.junit.jupiter.api.Test;

/** The services file registers the three compressions, and magic bytes tell their outputs apart. */
class ServiceRegistrationTest {

    @Test
    void serviceLoaderFindsGzBgzAndZst() {
        Map<String, CompressionCodec> byName = ServiceLoader.load(CompressionCodec.class, getClass().getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(CompressionCodec::name, c -> c));

        assertThat(byName).containsOnlyKeys("gz", "bgz", "zst");
        assertThat(byName.get("gz")).isInstanceOf(GzipCodec.class);
        assertThat(byName.get("bgz")).isInstanceOf(BgzfCodec.class);
        assertThat(byName.get("zst")).isInstanceOf(ZstdCodec.class);
    }

    @Test
    void magicBytesTellTheOutputsApart() throws IOException {
        List<CompressionCodec> codecs = List.of(new GzipCodec(), new BgzfCodec(), new ZstdCodec());
        byte[] data = TestBytes.text(1000, 1);
        byte[] gz = TestBytes.compress(new GzipCodec(), data, Map.of());
        byte[] bgz = TestBytes.compress(new BgzfCodec(), data, Map.of());
        byte[] zst = TestBytes.compress(new ZstdCodec(), data, Map.of());

        assertThat(matching(codecs, gz)).containsExactly("gz");
        assertThat(matching(codecs, bgz)).containsExactly("gz", "bgz"); // BGZF is gzip too
        assertThat(matching(codecs, zst)).containsExactly("zst");
        assertThat(matching(codecs, data)).isEmpty();
    }

    private static List<String> matching(List<CompressionCodec> codecs, byte[] file) {
        return codecs.stream()
                .filter(c -> c.matches(file, Math.min(file.length, c.magicLength())))
                .map(CompressionCodec::name)
                .toList();
    }
}
