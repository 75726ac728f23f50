package org.datahandle.formats.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.datahandle.spi.CompressionCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every compression, with each of its option variants, gives back exactly what was written. */
class RoundTripTest {

    private static final int BLOCK = Bgzf.WRITE_BLOCK_LENGTH;

    record Variant(CompressionCodec codec, Map<String, Object> options) {
        @Override
        public String toString() {
            return codec.name() + options;
        }
    }

    static List<Variant> variants() {
        return List.of(
                new Variant(new GzipCodec(), Map.of()),
                new Variant(new GzipCodec(), Map.of("level", 1)),
                new Variant(new GzipCodec(), Map.of("level", "9")),
                new Variant(new BgzfCodec(), Map.of()),
                new Variant(new BgzfCodec(), Map.of("threads", 1)),
                new Variant(new BgzfCodec(), Map.of("threads", 3, "level", 0L)),
                new Variant(new BgzfCodec(), Map.of("threads", 2, "level", 9)),
                new Variant(new ZstdCodec(), Map.of()),
                new Variant(new ZstdCodec(), Map.of("level", 19)),
                new Variant(new ZstdCodec(), Map.of("level", -5)));
    }

    record Data(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name + "(" + bytes.length + ")";
        }
    }

    static List<Data> data() {
        return List.of(
                new Data("empty", new byte[0]),
                new Data("one byte", new byte[] {42}),
                new Data("one block of text", TestBytes.text(BLOCK, 1)),
                new Data("one block plus one byte", TestBytes.text(BLOCK + 1, 2)),
                new Data("random, many blocks", TestBytes.random(7 * BLOCK + 123, 3)),
                new Data("text, many blocks", TestBytes.text(11 * BLOCK + 7, 4)));
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Variant variant : variants()) {
            for (Data data : data()) {
                cases.add(Arguments.of(variant, data));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void roundTripsWholeArrays(Variant variant, Data data) throws IOException {
        byte[] compressed = TestBytes.compress(variant.codec(), data.bytes(), variant.options());

        assertThat(variant.codec().matches(compressed, compressed.length)).isTrue();
        assertThat(TestBytes.decompress(variant.codec(), compressed)).isEqualTo(data.bytes());
    }

    /** Odd-sized writes and reads, and single bytes, cross block and buffer boundaries. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void roundTripsInOddPieces(Variant variant) throws IOException {
        byte[] data = TestBytes.text(3 * BLOCK + 5, 5);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = variant.codec().compress(sink, variant.options())) {
            int at = 0;
            for (int piece = 1; at < data.length; piece = piece * 3 % 10_007) {
                int n = Math.min(piece, data.length - at);
                if (n == 1) {
                    out.write(data[at]);
                } else {
                    out.write(data, at, n);
                }
                at += n;
            }
        }
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        try (InputStream in = variant.codec().decompress(new ByteArrayInputStream(sink.toByteArray()))) {
            byte[] buffer = new byte[4099];
            for (int step = 0; ; step++) {
                if (step % 5 == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    back.write(b);
                } else {
                    int n = in.read(buffer, 0, 1 + step % buffer.length);
                    if (n < 0) {
                        break;
                    }
                    back.write(buffer, 0, n);
                }
            }
        }
        assertThat(back.toByteArray()).isEqualTo(data);
    }
}
