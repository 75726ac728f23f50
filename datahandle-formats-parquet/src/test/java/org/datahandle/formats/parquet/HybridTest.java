package org.datahandle.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.io.ParquetDecodingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our RLE / bit-packing hybrid decoder (definition levels and dictionary ids) against parquet-java's
 * own encoder and decoder, for every bit width from 0 to 32: runs of one value and bit-packed runs
 * mixed, read in chunks of odd sizes so that a call starts and ends inside a group of eight, and the
 * group-at-a-time path meets the value-at-a-time one at the end of the data.
 */
class HybridTest {

    static IntStream widths() {
        return IntStream.rangeClosed(0, 32);
    }

    @ParameterizedTest(name = "bit width {0}")
    @MethodSource("widths")
    void decodesWhatParquetJavaEncodes(int width) throws Exception {
        Random random = new Random(width);
        int[] values = values(width, 20_000, random);
        byte[] encoded = encode(width, values);
        int[] expected = new int[values.length];
        RunLengthBitPackingHybridDecoder oracle = new RunLengthBitPackingHybridDecoder(width,
                new ByteArrayInputStream(encoded));
        for (int i = 0; i < expected.length; i++) {
            expected[i] = oracle.readInt();
        }
        assertThat(expected).as("parquet-java's round trip").isEqualTo(values);
        for (int chunk : new int[] {1, 3, 7, 8, 13, 64, 1000, values.length}) {
            Hybrid ours = new Hybrid(encoded, 0, encoded.length, width);
            int[] out = new int[values.length];
            int[] part = new int[chunk];
            for (int done = 0; done < values.length; done += chunk) {
                int n = Math.min(chunk, values.length - done);
                ours.decode(part, n);
                System.arraycopy(part, 0, out, done, n);
            }
            assertThat(out).as("chunks of %d", chunk).isEqualTo(values);
        }
    }

    @ParameterizedTest(name = "bit width {0}")
    @MethodSource("widths")
    void countsTheValuesAtTheMaximum(int width) throws Exception {
        int max = width == 0 ? 0 : (int) ((1L << width) - 1);
        int[] values = values(width, 5_000, new Random(100 + width));
        for (int i = 0; i < values.length; i += 3) {
            values[i] = max;
        }
        byte[] encoded = encode(width, values);
        int[] out = new int[values.length];
        int counted = new Hybrid(encoded, 0, encoded.length, width).decodeCounting(out, values.length, max);
        assertThat(out).isEqualTo(values);
        assertThat(counted).isEqualTo((int) Arrays.stream(values).filter(v -> v == max).count());
    }

    /** Data that ends inside the last group, as a writer may cut it: the missing bits read as zero. */
    @ParameterizedTest(name = "bit width {0}")
    @MethodSource("widths")
    void aLastGroupCutShortReadsZeros(int width) {
        if (width == 0) {
            return;
        }
        Random random = new Random(7 * width);
        int groups = 40;
        int[] values = new int[groups * 8];
        for (int i = 0; i < values.length; i++) {
            values[i] = (int) (random.nextLong() & ((1L << width) - 1));
        }
        byte[] packed = new byte[1 + groups * width];
        packed[0] = (byte) (groups << 1 | 1); // one bit-packed run; 40 groups fit one header byte (81 < 128)
        for (int i = 0; i < values.length; i++) {
            for (int b = 0; b < width; b++) {
                if ((values[i] >>> b & 1) != 0) {
                    long bit = (long) i * width + b;
                    packed[1 + (int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                }
            }
        }
        int keep = packed.length - (width + 7) / 8 / 2 - 1; // cut inside the last group
        byte[] cut = Arrays.copyOf(packed, keep + 16); // bytes past the end of the data that must not be read
        Arrays.fill(cut, keep, cut.length, (byte) 0xFF);
        int[] out = new int[values.length];
        new Hybrid(cut, 0, keep, width).decode(out, values.length);
        for (int i = 0; i < values.length; i++) {
            long first = (long) i * width;
            int expected = 0;
            for (int b = 0; b < width; b++) {
                long bit = first + b;
                if (1 + (bit >>> 3) < keep && (values[i] >>> b & 1) != 0) {
                    expected |= 1 << b;
                }
            }
            assertThat(out[i]).as("value %d", i).isEqualTo(expected);
        }
    }

    @Test
    void refusesWhatCannotBeDecoded() {
        assertThatThrownBy(() -> new Hybrid(new byte[4], 0, 4, 33)).isInstanceOf(ParquetDecodingException.class)
                .hasMessageContaining("bit width 33");
        byte[] empty = {0};
        assertThatThrownBy(() -> new Hybrid(empty, 0, 1, 3).decode(new int[1], 1))
                .isInstanceOf(ParquetDecodingException.class).hasMessageContaining("empty RLE run");
        byte[] short1 = {(byte) (4 << 1)}; // a run of 4 without its value
        assertThatThrownBy(() -> new Hybrid(short1, 0, 1, 8).decode(new int[4], 4))
                .isInstanceOf(ParquetDecodingException.class).hasMessageContaining("cut off");
        byte[] runs = {(byte) (2 << 1), 5};
        assertThatThrownBy(() -> new Hybrid(runs, 0, 2, 3).decode(new int[3], 3))
                .isInstanceOf(ParquetDecodingException.class).hasMessageContaining("before all its values");
    }

    /** Long runs of one value between stretches of random values, as levels and ids have. */
    private static int[] values(int width, int n, Random random) {
        int[] v = new int[n];
        long bound = 1L << width;
        int i = 0;
        while (i < n) {
            int length = 1 + random.nextInt(random.nextBoolean() ? 40 : 300);
            boolean repeat = random.nextInt(3) == 0;
            int value = (int) (random.nextLong() & (bound - 1));
            for (int k = 0; k < length && i < n; k++, i++) {
                v[i] = repeat ? value : (int) (random.nextLong() & (bound - 1));
            }
        }
        return v;
    }

    private static byte[] encode(int width, int[] values) throws Exception {
        try (RunLengthBitPackingHybridEncoder e = new RunLengthBitPackingHybridEncoder(width, 64, 1 << 20,
                new HeapByteBufferAllocator())) {
            for (int v : values) {
                e.writeInt(v);
            }
            return ColumnChunkDecoder.bytes(e.toBytes()).clone();
        }
    }
}
