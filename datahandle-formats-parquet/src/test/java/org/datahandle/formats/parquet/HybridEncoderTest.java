package org.datahandle.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our RLE/bit-packed encoder, checked by parquet-java's decoder on runs, mixtures and group edges. */
class HybridEncoderTest {

    @ParameterizedTest(name = "bit width {0}")
    @ValueSource(ints = {1, 2, 3, 7, 8, 9, 13, 16, 20, 31, 32})
    void parquetJavaDecodesWhatWeEncode(int bitWidth) throws Exception {
        SplittableRandom random = new SplittableRandom(bitWidth);
        int max = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
        for (int round = 0; round < 40; round++) {
            int n = 1 + random.nextInt(round < 20 ? 40 : 5000);
            int[] values = new int[n];
            int i = 0;
            while (i < n) {
                int v = random.nextInt() & max;
                // runs of every length around the 8 that turns a repeat into an RLE run
                int run = random.nextInt(4) == 0 ? 1 + random.nextInt(30) : 1;
                for (int k = 0; k < run && i < n; k++) {
                    values[i++] = v;
                }
            }
            assertRoundTrip(bitWidth, values);
        }
    }

    @ParameterizedTest(name = "{0} values")
    @ValueSource(ints = {1, 7, 8, 9, 15, 16, 17, 63 * 8, 63 * 8 + 1, 64 * 8, 10_000})
    void distinctValuesAcrossManyGroupsAndTheRunHeaderLimit(int n) throws Exception {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i % 5;
        }
        assertRoundTrip(3, values);
        int[] same = new int[n];
        java.util.Arrays.fill(same, 6);
        assertRoundTrip(3, same);
    }

    private static void assertRoundTrip(int bitWidth, int[] values) throws Exception {
        PageBytes out = new PageBytes(16);
        HybridEncoder encoder = new HybridEncoder(bitWidth, out);
        for (int v : values) {
            encoder.write(v);
        }
        encoder.finish();
        RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(bitWidth,
                new ByteArrayInputStream(out.toByteArray()));
        for (int i = 0; i < values.length; i++) {
            assertThat(decoder.readInt()).as("value %d of %d, bit width %d", i, values.length, bitWidth)
                    .isEqualTo(values[i]);
        }
    }
}
