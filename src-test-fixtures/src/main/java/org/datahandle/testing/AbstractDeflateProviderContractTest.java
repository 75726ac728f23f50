package org.datahandle.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.datahandle.spi.BlockDeflater;
import org.datahandle.spi.BlockInflater;
import org.datahandle.spi.DeflateProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link DeflateProvider} must show. A provider's test extends this class:
 *
 * <pre>{@code
 * class LibdeflateContractTest extends AbstractDeflateProviderContractTest {
 *     protected DeflateProvider provider() { return new LibdeflateProvider(); }
 * }
 * }</pre>
 *
 * <p>It checks round trips at every level (empty, one byte, text, incompressible data, a full 64 KiB
 * block), that the JDK's own {@link Inflater} and {@link Deflater} read and write what the provider
 * does (raw deflate is a standard, so every provider interoperates), that the levels are honoured,
 * the "does not fit" signal, and that bad input of every kind is a {@link DataFormatException} or
 * an argument exception, never a crash or a hang. A provider that cannot run here is skipped with
 * its reason, except under {@code CI=true}, where that fails: CI proves every provider runs.
 */
// The timeout is a hang guard for bad input, not a performance assertion.
@Timeout(120)
public abstract class AbstractDeflateProviderContractTest {

    /** The provider under test; a new instance per call is fine. */
    protected abstract DeflateProvider provider();

    /** A full BGZF block's worth of data: 64 KiB. */
    private static final int BLOCK = 65536;

    private DeflateProvider provider;

    @BeforeEach
    void providerRuns() {
        provider = provider();
        Optional<String> why = provider.unavailableReason();
        if (why.isPresent()) {
            String message = "deflate provider " + provider.name() + " cannot run here: " + why.get();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true, so this is an error, not a skip)");
            }
            assumeTrue(false, message);
        }
    }

    // ---- round trips

    @Test
    void everyLevelRoundTripsEveryKindOfBlock() throws DataFormatException {
        for (int level = DeflateProvider.MIN_LEVEL; level <= DeflateProvider.MAX_LEVEL; level++) {
            try (BlockDeflater deflater = provider.newDeflater(level); BlockInflater inflater = provider.newInflater()) {
                assertThat(deflater.level()).isEqualTo(level);
                for (byte[] data : samples()) {
                    byte[] packed = deflate(deflater, data);
                    String what = "level " + level + ", " + data.length + " bytes";
                    assertThat(inflate(inflater, packed, data.length)).as(what).isEqualTo(data);
                    assertThat(jdkInflate(packed, data.length)).as("the JDK reads " + what).isEqualTo(data);
                }
            }
        }
    }

    @Test
    void readsWhatTheJdkWritesAtEveryLevel() throws DataFormatException {
        try (BlockInflater inflater = provider.newInflater()) {
            for (int level = 0; level <= 9; level++) {
                for (byte[] data : samples()) {
                    assertThat(inflate(inflater, jdkDeflate(data, level), data.length))
                            .as("level %d, %d bytes", level, data.length).isEqualTo(data);
                }
            }
        }
    }

    @Test
    void oneDeflaterAndInflaterServeManyBlocks() throws DataFormatException {
        try (BlockDeflater deflater = provider.newDeflater(6); BlockInflater inflater = provider.newInflater()) {
            for (int i = 0; i < 50; i++) {
                byte[] data = i % 3 == 0 ? random(1 + i * 997, i) : text(1 + i * 1311, i);
                assertThat(inflate(inflater, deflate(deflater, data), data.length)).isEqualTo(data);
            }
        }
    }

    @Test
    void levelsAreHonoured() {
        byte[] data = text(BLOCK, 7);
        int stored = deflatedLength(0, data);
        int fastest = deflatedLength(1, data);
        int usual = deflatedLength(6, data);
        int smallest = deflatedLength(9, data);
        // level 0 stores: the data plus a few bytes of block headers
        assertThat(stored).isBetween(data.length, data.length + 64);
        assertThat(fastest).isLessThan(data.length / 2);
        assertThat(usual).isLessThanOrEqualTo(fastest);
        assertThat(smallest).isLessThanOrEqualTo(usual);
        assertThatThrownBy(() -> provider.newDeflater(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> provider.newDeflater(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsetsAreHonouredAndNothingOutsideTheRangeIsTouched() throws DataFormatException {
        byte[] data = text(10_000, 8);
        byte[] in = new byte[data.length + 100];
        System.arraycopy(data, 0, in, 37, data.length);
        byte[] out = new byte[BLOCK];
        Arrays.fill(out, (byte) 0x5A);
        try (BlockDeflater deflater = provider.newDeflater(6); BlockInflater inflater = provider.newInflater()) {
            int n = deflater.deflate(in, 37, data.length, out, 1000, 20_000);
            assertThat(n).isPositive();
            assertUntouched(out, 0, 1000);
            assertUntouched(out, 1000 + 20_000, out.length);
            byte[] packed = Arrays.copyOfRange(out, 1000, 1000 + n);
            assertThat(jdkInflate(packed, data.length)).isEqualTo(data);

            byte[] back = new byte[data.length + 3000];
            Arrays.fill(back, (byte) 0x5A);
            assertThat(inflater.inflate(out, 1000, n, back, 1500, data.length)).isEqualTo(data.length);
            assertUntouched(back, 0, 1500);
            assertUntouched(back, 1500 + data.length, back.length);
            assertThat(Arrays.copyOfRange(back, 1500, 1500 + data.length)).isEqualTo(data);
        }
    }

    @Test
    void manyThreadsEachWithTheirOwn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    try (BlockDeflater d = provider.newDeflater(seed + 3); BlockInflater i = provider.newInflater()) {
                        for (int k = 0; k < 40; k++) {
                            byte[] data = text(BLOCK - k, seed * 100 + k);
                            if (!Arrays.equals(inflate(i, deflate(d, data), data.length), data)) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- room

    @Test
    void aBlockThatDoesNotFitSaysSo() {
        byte[] data = random(BLOCK, 9);
        try (BlockDeflater deflater = provider.newDeflater(6)) {
            assertThat(deflater.deflate(data, 0, data.length, new byte[100], 0, 100)).isEqualTo(BlockDeflater.DOES_NOT_FIT);
            assertThat(deflater.deflate(data, 0, data.length, new byte[100], 0, 0)).isEqualTo(BlockDeflater.DOES_NOT_FIT);
            // and the deflater still works afterwards, into room that is just enough (the length plus
            // the slack a provider may need: libdeflate writes whole 8-byte words)
            byte[] big = new byte[2 * BLOCK];
            int n = deflater.deflate(data, 0, data.length, big, 0, big.length);
            assertThat(n).isPositive();
            byte[] tight = new byte[n + BlockDeflater.SLACK];
            assertThat(deflater.deflate(data, 0, data.length, tight, 0, tight.length)).isEqualTo(n);
            assertThat(jdkInflate(Arrays.copyOf(tight, n), data.length)).isEqualTo(data);
            // a byte or a few short of the stream never passes for a fit, for text and random data alike
            for (byte[] sample : List.of(data, text(BLOCK, 15), text(777, 16), new byte[] {1})) {
                int length = deflater.deflate(sample, 0, sample.length, big, 0, big.length);
                for (int shortBy = 1; shortBy <= Math.min(6, length); shortBy++) {
                    assertThat(deflater.deflate(sample, 0, sample.length, big, 0, length - shortBy))
                            .as("%d bytes into %d bytes of room", sample.length, length - shortBy)
                            .isEqualTo(BlockDeflater.DOES_NOT_FIT);
                }
            }
        }
    }

    @Test
    void outputLargerThanTheRoomIsAnError() throws DataFormatException {
        byte[] data = text(5000, 10);
        byte[] packed = jdkDeflate(data, 6);
        try (BlockInflater inflater = provider.newInflater()) {
            assertThat(inflater.inflate(packed, 0, packed.length, new byte[data.length], 0, data.length)).isEqualTo(data.length);
            assertThatThrownBy(() -> inflater.inflate(packed, 0, packed.length, new byte[data.length], 0, data.length - 1))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("more than " + (data.length - 1) + " bytes");
            assertThatThrownBy(() -> inflater.inflate(packed, 0, packed.length, new byte[10], 0, 0))
                    .isInstanceOf(DataFormatException.class);
            // a stream that inflates to nothing fits in no room
            byte[] empty = jdkDeflate(new byte[0], 6);
            assertThat(inflater.inflate(empty, 0, empty.length, new byte[1], 0, 0)).isZero();
        }
    }

    // ---- bad input

    @Test
    void invalidDataIsADataFormatException() {
        try (BlockInflater inflater = provider.newInflater()) {
            // block type 3 is reserved
            assertThatThrownBy(() -> inflater.inflate(new byte[] {0x07, 0}, 0, 2, new byte[BLOCK], 0, BLOCK))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("invalid deflate data");
            // nothing at all
            assertThatThrownBy(() -> inflater.inflate(new byte[1], 0, 0, new byte[BLOCK], 0, BLOCK))
                    .isInstanceOf(DataFormatException.class);
        }
    }

    @Test
    void truncatedDataIsADataFormatException() {
        byte[] data = text(20_000, 11);
        byte[] packed = jdkDeflate(data, 6);
        try (BlockInflater inflater = provider.newInflater()) {
            for (int cut : new int[] {1, 2, packed.length / 2, packed.length - 1}) {
                assertThatThrownBy(() -> inflater.inflate(packed, 0, cut, new byte[BLOCK], 0, BLOCK))
                        .as("cut at %d of %d", cut, packed.length)
                        .isInstanceOf(DataFormatException.class);
            }
        }
    }

    @Test
    void bytesAfterTheEndAreADataFormatException() {
        byte[] data = text(3000, 12);
        byte[] packed = Arrays.copyOf(jdkDeflate(data, 6), jdkDeflate(data, 6).length + 3);
        try (BlockInflater inflater = provider.newInflater()) {
            assertThatThrownBy(() -> inflater.inflate(packed, 0, packed.length, new byte[BLOCK], 0, BLOCK))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("3 bytes after the end of the deflate data");
        }
    }

    @Test
    void everyFlippedByteAndRandomGarbageIsAnErrorOrData() {
        byte[] data = text(BLOCK / 2, 13);
        byte[] packed = jdkDeflate(data, 6);
        Random random = new Random(14);
        try (BlockInflater inflater = provider.newInflater()) {
            byte[] out = new byte[BLOCK];
            for (int at = 0; at < packed.length; at += 7) {
                byte[] bad = packed.clone();
                bad[at] ^= (byte) (1 << random.nextInt(8));
                tryInflate(inflater, bad, out);
            }
            for (int i = 0; i < 300; i++) {
                byte[] garbage = new byte[1 + random.nextInt(2000)];
                random.nextBytes(garbage);
                tryInflate(inflater, garbage, out);
            }
            // and the inflater is still good after all of that
            assertThat(inflater.inflate(packed, 0, packed.length, out, 0, out.length)).isEqualTo(data.length);
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badRangesAreRefusedBeforeAnyWork() {
        byte[] in = new byte[100];
        byte[] out = new byte[100];
        try (BlockDeflater d = provider.newDeflater(6); BlockInflater i = provider.newInflater()) {
            assertThatThrownBy(() -> d.deflate(in, -1, 10, out, 0, 100)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> d.deflate(in, 95, 10, out, 0, 100)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> d.deflate(in, 0, 10, out, 50, 51)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> d.deflate(in, 0, 10, out, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> d.deflate(in, 0, 10, in, 50, 50)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> i.inflate(in, 0, -1, out, 0, 100)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> i.inflate(in, 0, 101, out, 0, 100)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> i.inflate(in, 0, 10, out, Integer.MAX_VALUE, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> i.inflate(in, 0, 10, in, 50, 50)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aClosedDeflaterOrInflaterRefusesWork() {
        BlockDeflater d = provider.newDeflater(6);
        BlockInflater i = provider.newInflater();
        d.close();
        d.close();
        i.close();
        i.close();
        assertThatThrownBy(() -> d.deflate(new byte[10], 0, 10, new byte[100], 0, 100))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> i.inflate(new byte[] {3, 0}, 0, 2, new byte[100], 0, 100))
                .isInstanceOf(IllegalStateException.class);
    }

    // ---- helpers

    private static void tryInflate(BlockInflater inflater, byte[] bad, byte[] out) {
        try {
            int n = inflater.inflate(bad, 0, bad.length, out, 0, out.length);
            assertThat(n).isBetween(0, out.length);
        } catch (DataFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static void assertUntouched(byte[] b, int from, int to) {
        for (int k = from; k < to; k++) {
            if (b[k] != 0x5A) {
                fail("byte " + k + " outside the range was written");
            }
        }
    }

    private int deflatedLength(int level, byte[] data) {
        try (BlockDeflater d = provider.newDeflater(level)) {
            return deflate(d, data).length;
        }
    }

    private static byte[] deflate(BlockDeflater deflater, byte[] data) {
        byte[] out = new byte[data.length + data.length / 8 + 1024];
        int n = deflater.deflate(data, 0, data.length, out, 0, out.length);
        assertThat(n).as("deflated length of %d bytes", data.length).isPositive();
        return Arrays.copyOf(out, n);
    }

    private static byte[] inflate(BlockInflater inflater, byte[] packed, int length) throws DataFormatException {
        byte[] out = new byte[length];
        assertThat(inflater.inflate(packed, 0, packed.length, out, 0, length)).isEqualTo(length);
        return out;
    }

    private static byte[] jdkDeflate(byte[] data, int level) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] out = new byte[data.length + data.length / 8 + 1024];
            int n = 0;
            while (!deflater.finished()) {
                n += deflater.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
    }

    private static byte[] jdkInflate(byte[] packed, int length) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(packed);
            byte[] out = new byte[length + 1]; // one more, to see output beyond the length
            int n = 0;
            while (!inflater.finished() && n < out.length) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
            assertThat(n).as("inflated length").isEqualTo(length);
            assertThat(inflater.finished()).as("the JDK reaches the end of the stream").isTrue();
            assertThat(inflater.getRemaining()).isZero();
            return Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            throw new AssertionError("the JDK cannot read the provider's output", e);
        } finally {
            inflater.end();
        }
    }

    /** Empty, one byte, text, incompressible, and a full BGZF block of each kind. */
    private static List<byte[]> samples() {
        return List.of(new byte[0], new byte[] {42}, text(1000, 1), random(1000, 2), text(0xFF00, 3), random(0xFF00, 4),
                text(BLOCK, 5), random(BLOCK, 6), new byte[BLOCK]);
    }

    private static byte[] text(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(length + 40);
        String[] words = {"chr20", "PASS", "0|1", "1|1", "0|0", "rs6054257", "G", "A", "DP=14", "\t", "\n", "AF=0.5"};
        while (b.length() < length) {
            b.append(words[random.nextInt(words.length)]).append(random.nextInt(1000)).append('\t');
        }
        return b.substring(0, length).getBytes(US_ASCII);
    }

    private static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }
}
