package org.datahandle.formats.parquet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.brotli.dec.BrotliInputStream;

/**
 * Page decompressions parquet-java cannot do with Hadoop's shaded client alone: the deprecated
 * {@code LZ4} codec and {@code BROTLI}. Stateless, so any thread may call them.
 *
 * <p>{@code LZ4} in Parquet means Hadoop's framing around LZ4 blocks, as parquet-java and Hadoop
 * write it: blocks of a 4-byte big-endian uncompressed size, then chunks of a 4-byte big-endian
 * compressed size and an LZ4 block, until the block's size is reached. Some writers (older
 * parquet-cpp) put one bare LZ4 block there instead; like Arrow, we try the framing first and fall
 * back to a bare block when the framing does not add up.
 */
final class PageCodecs {
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();

    private PageCodecs() {}

    static byte[] lz4(byte[] in, int offset, int length, int size) throws IOException {
        byte[] out = new byte[size];
        if (hadoopFramed(in, offset, length, out)) {
            return out;
        }
        try {
            int n = LZ4.decompress(in, offset, length, out, 0, size);
            if (n == size) {
                return out;
            }
            throw new IOException("an LZ4 page decompressed to " + n + " bytes where its header says " + size);
        } catch (LZ4Exception e) {
            throw new IOException("an LZ4 page is neither Hadoop-framed LZ4 nor a bare LZ4 block: " + e.getMessage(), e);
        }
    }

    /** Decodes Hadoop's framing into {@code out}; false (out partly written) when the bytes are not framed so. */
    private static boolean hadoopFramed(byte[] in, int offset, int length, byte[] out) {
        int p = offset;
        int end = offset + length;
        int done = 0;
        try {
            while (p < end) {
                if (end - p < 4) {
                    return false;
                }
                long blockSize = intBigEndian(in, p);
                p += 4;
                if (blockSize > out.length - done) {
                    return false;
                }
                int blockEnd = done + (int) blockSize;
                while (done < blockEnd) {
                    if (end - p < 4) {
                        return false;
                    }
                    long chunk = intBigEndian(in, p);
                    p += 4;
                    if (chunk > end - p) {
                        return false;
                    }
                    int n = LZ4.decompress(in, p, (int) chunk, out, done, blockEnd - done);
                    p += (int) chunk;
                    done += n;
                }
            }
            return done == out.length;
        } catch (LZ4Exception e) {
            return false;
        }
    }

    private static long intBigEndian(byte[] b, int p) {
        return ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFFL) << 16) | ((b[p + 2] & 0xFFL) << 8) | (b[p + 3] & 0xFFL);
    }

    static byte[] brotli(byte[] in, int offset, int length, int size) throws IOException {
        byte[] out = new byte[size];
        try (BrotliInputStream brotli = new BrotliInputStream(new ByteArrayInputStream(in, offset, length))) {
            int n = brotli.readNBytes(out, 0, size);
            if (n != size || brotli.read() != -1) {
                throw new IOException("a Brotli page does not decompress to the " + size + " bytes its header says");
            }
            return out;
        } catch (RuntimeException e) { // the decoder's own BrotliRuntimeException is not public
            throw new IOException("a Brotli page could not be decompressed: " + e.getMessage(), e);
        }
    }
}
