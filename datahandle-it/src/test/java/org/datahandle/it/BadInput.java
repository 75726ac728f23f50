package org.datahandle.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.datahandle.formats.compress.BgzfCodec;
import org.datahandle.formats.compress.ZstdCodec;
import org.datahandle.spi.CompressionCodec;

/** Builds the bytes of bad (and good) input files for {@link BadInputTest}. */
final class BadInput {
    private BadInput() {}

    /** A CSV of {@code rows} rows of id, a random-looking name, a score: poorly compressible, so streams span blocks. */
    static byte[] csv(int rows) {
        Random random = new Random(rows);
        StringBuilder sb = new StringBuilder("id,name,score\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(",n").append(Long.toHexString(random.nextLong())).append(',').append(i * 0.5)
                    .append('\n');
        }
        return sb.toString().getBytes(UTF_8);
    }

    static byte[] ascii(String s) {
        return s.getBytes(UTF_8);
    }

    /** The parts, one after another. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] bgzf(byte[] data) {
        return compress(new BgzfCodec(), data);
    }

    static byte[] zstd(byte[] data) {
        return compress(new ZstdCodec(), data);
    }

    /**
     * A small zstd file that expands to {@code bytes} of a valid two-column CSV: a decompression
     * bomb. Written as a stream, so the expanded data is never in the test's memory.
     */
    static byte[] zstdBomb(long bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] rows = "1,2\n".repeat(1 << 18).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (OutputStream c = new ZstdCodec().compress(out, Map.of())) {
            c.write("a,b\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (long written = 0; written < bytes; written += rows.length) {
                c.write(rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] compress(CompressionCodec codec, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = codec.compress(out, Map.of())) {
            c.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The first {@code fraction} of the bytes. */
    static byte[] cut(byte[] b, double fraction) {
        return Arrays.copyOf(b, (int) (b.length * fraction));
    }

    /** All but the last {@code n} bytes. */
    static byte[] dropLast(byte[] b, int n) {
        return Arrays.copyOf(b, b.length - n);
    }

    /** The bytes with a run of 16 bytes in the middle inverted. */
    static byte[] corruptMiddle(byte[] b) {
        byte[] copy = b.clone();
        int mid = copy.length / 2;
        for (int i = mid; i < mid + 16 && i < copy.length; i++) {
            copy[i] = (byte) ~copy[i];
        }
        return copy;
    }
}
