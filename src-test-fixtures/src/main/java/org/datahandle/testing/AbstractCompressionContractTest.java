package org.datahandle.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.datahandle.spi.CompressionCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link CompressionCodec} must show. A compression's test extends this class:
 *
 * <pre>{@code
 * class GzipContractTest extends AbstractCompressionContractTest {
 *     protected CompressionCodec codec() { return new GzipCodec(); }
 *     protected String truncationMessageStart() { return "truncated gzip input: unexpected end of input"; }
 *     protected int lowestLevel() { return 0; }
 *     protected int highestLevel() { return 9; }
 * }
 * }</pre>
 *
 * <p>It checks what a reader of real files meets: every cut of a file is reported as truncation (never
 * as short data), concatenated members or frames are all read (as {@code gzip -d} and {@code zstd -d}
 * do), bytes after the last member are an error (never silently dropped), empty input is truncation,
 * and the {@code level} option is validated and honoured. Failures are {@link IOException}s whose
 * message says what is wrong; the library turns them into {@code DataFormatException}s.
 */
// The timeout is a hang guard for bad input, not a performance assertion.
@Timeout(120)
public abstract class AbstractCompressionContractTest {

    /** The compression under test. */
    protected abstract CompressionCodec codec();

    /** How the message of every truncation starts, e.g. {@code "truncated gzip input: unexpected end of input"}. */
    protected abstract String truncationMessageStart();

    /** The lowest valid {@code level}. */
    protected abstract int lowestLevel();

    /** The highest valid {@code level}; it must compress text better than {@link #lowestLevel()}. */
    protected abstract int highestLevel();

    /**
     * Whether the reader reads any sequence of gzip members, whatever wrote them (plain gzip, BGZF
     * blocks), as {@code gzip -t} accepts: true for gzip-family readers that honour that.
     */
    protected boolean readsAnyGzipMember() {
        return false;
    }

    // ---- round trips and concatenation

    @Test
    void roundTripsTextRandomAndEmptyData() throws IOException {
        for (byte[] data : new byte[][] {text(300_000, 1), random(70_000, 2), new byte[0], {42}}) {
            assertThat(decompress(compress(data, Map.of()))).as("%d bytes", data.length).isEqualTo(data);
        }
    }

    @Test
    void concatenatedMembersAreAllRead() throws IOException {
        byte[] a = text(100_000, 3);
        byte[] b = random(5_000, 4);
        byte[] c = text(7, 5);
        byte[] file = concat(compress(a, Map.of()), compress(new byte[0], Map.of()), compress(b, Map.of()),
                compress(c, Map.of("level", lowestLevel())));

        assertThat(decompress(file)).isEqualTo(concat(a, b, c));
    }

    @Test
    void anySequenceOfGzipMembersIsRead() throws IOException {
        assumeTrue(readsAnyGzipMember(), "the reader reads only its own kind of member");
        byte[] a = text(80_000, 6);
        byte[] b = text(3_000, 7);
        byte[] c = random(2_000, 8);
        byte[] d = text(10, 9);
        byte[] file = concat(compress(a, Map.of()), plainGzip(b), bgzf(c), plainGzip(new byte[0]), compress(d, Map.of()));

        assertThat(decompress(file)).isEqualTo(concat(a, b, c, d));
    }

    // ---- truncation and empty input

    @Test
    void everyTruncationIsReportedAsTruncated() throws IOException {
        byte[] file = compress(text(200_000, 10), Map.of());
        int step = Math.max(1, file.length / 150);
        for (int length = 0; length < file.length; length += length < 64 || length > file.length - 64 ? 1 : step) {
            byte[] cut = Arrays.copyOf(file, length);
            assertThatThrownBy(() -> decompress(cut))
                    .as("cut at %d of %d", length, file.length)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith(truncationMessageStart());
        }
        assertThatThrownBy(() -> decompress(Arrays.copyOf(file, file.length - 1)))
                .as("the last byte missing")
                .hasMessageContaining("offset " + (file.length - 1));
    }

    @Test
    void emptyInputIsTruncationThatSaysEmpty() {
        assertThatThrownBy(() -> decompress(new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(truncationMessageStart())
                .hasMessageContaining("empty");
    }

    // ---- trailing garbage

    @Test
    void trailingGarbageIsAnError() throws IOException {
        byte[] whole = compress(text(1_000, 11), Map.of());
        for (byte[] garbage : new byte[][] {"garbage!".getBytes(US_ASCII), new byte[16], {0x1f}}) {
            byte[] file = concat(whole, garbage);
            assertThatThrownBy(() -> decompress(file))
                    .as("%d bytes of garbage", garbage.length)
                    .isInstanceOf(IOException.class)
                    .message().containsAnyOf("trailing garbage", "truncated");
        }
        assertThatThrownBy(() -> decompress(concat(whole, "garbage!".getBytes(US_ASCII))))
                .hasMessageContaining("trailing garbage");
        assertThatThrownBy(() -> decompress(concat(whole, new byte[16])))
                .hasMessageContaining("trailing garbage");
    }

    // ---- the level option

    @Test
    void everyLevelRoundTripsAndHigherLevelsCompressBetter() throws IOException {
        byte[] data = text(200_000, 12);
        Map<Integer, Integer> sizes = new LinkedHashMap<>();
        for (int level : new int[] {lowestLevel(), highestLevel()}) {
            byte[] compressed = compress(data, Map.of("level", level));
            assertThat(decompress(compressed)).as("level %d", level).isEqualTo(data);
            sizes.put(level, compressed.length);
        }
        assertThat(decompress(compress(data, Map.of("level", String.valueOf(highestLevel()))))).as("a quoted level")
                .isEqualTo(data);
        assertThat(sizes.get(highestLevel())).isLessThan(sizes.get(lowestLevel()));
        assertThat(codec().optionNames()).contains("level");
    }

    @Test
    void invalidLevelsAreRejectedNamingTheCompressionAndTheRange() {
        String range = "compression " + codec().name() + ": option 'level' must be an integer from " + lowestLevel()
                + " to " + highestLevel() + ", got '";
        for (Object bad : new Object[] {(long) highestLevel() + 1, (long) lowestLevel() - 1, "fast", 2.5}) {
            assertThatThrownBy(() -> codec().compress(new ByteArrayOutputStream(), Map.of("level", bad)))
                    .as("level %s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(range + bad + "'");
        }
    }

    // ---- helpers

    /** Compresses {@code data} with {@code options}. */
    protected byte[] compress(byte[] data, Map<String, Object> options) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = codec().compress(sink, options)) {
            out.write(data);
        }
        return sink.toByteArray();
    }

    /** Decompresses all of {@code compressed}. */
    protected byte[] decompress(byte[] compressed) throws IOException {
        try (InputStream in = codec().decompress(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    /** CSV-like text, compressible the way real tables are. */
    protected static byte[] text(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(length + 100);
        sb.append("id,qty,price,label\n");
        for (int row = 0; sb.length() < length; row++) {
            sb.append(row).append(',').append(random.nextInt(100_000)).append(',').append(random.nextInt(2000))
                    .append('.').append(random.nextInt(100)).append(",label_").append(random.nextInt(300)).append('\n');
        }
        return sb.substring(0, length).getBytes(US_ASCII);
    }

    /** Incompressible bytes. */
    protected static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** One gzip member as the JDK (and {@code gzip}) writes it. */
    protected static byte[] plainGzip(byte[] data) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(sink)) {
            out.write(data);
        }
        return sink.toByteArray();
    }

    /**
     * {@code data} (at most 64 KiB) as one BGZF block followed by the BGZF end-of-file block, laid out
     * as the SAM/BAM specification says (section 4.1), written here so the fixture needs no codec.
     */
    protected static byte[] bgzf(byte[] data) {
        if (data.length > 65_536) {
            throw new IllegalArgumentException("a BGZF block holds at most 64 KiB, got " + data.length);
        }
        Deflater deflater = new Deflater(6, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] deflated = new byte[data.length + 1024];
        int n = 0;
        while (!deflater.finished()) {
            n += deflater.deflate(deflated, n, deflated.length - n);
        }
        deflater.end();
        int blockSize = 18 + n + 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff, 6, 0, 'B', 'C', 2, 0,
                (byte) (blockSize - 1), (byte) ((blockSize - 1) >>> 8)});
        out.write(deflated, 0, n);
        CRC32 crc = new CRC32();
        crc.update(data);
        writeInt32(out, (int) crc.getValue());
        writeInt32(out, data.length);
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff, 6, 0, 'B', 'C', 2, 0, 0x1b, 0,
                3, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        return out.toByteArray();
    }

    private static void writeInt32(ByteArrayOutputStream out, int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
    }
}
