package org.datahandle.formats.arrow;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.arrow.flatbuf.CompressionType;

/** Compresses and decompresses single IPC body buffers with LZ4 frame or ZSTD. */
final class BodyCodec {
    private BodyCodec() {}

    static byte flatbufferCode(ArrowCompression c) {
        return switch (c) {
            case LZ4_FRAME -> CompressionType.LZ4_FRAME;
            case ZSTD -> CompressionType.ZSTD;
            case NONE -> throw new IllegalArgumentException("no compression code for NONE");
        };
    }

    static byte[] compress(ArrowCompression c, ByteBuffer buffer) throws IOException {
        byte[] src = new byte[buffer.remaining()];
        buffer.duplicate().get(src);
        return switch (c) {
            case ZSTD -> Zstd.compress(src, 1);
            case LZ4_FRAME -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(src.length / 2 + 64);
                try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(out)) {
                    lz4.write(src);
                }
                yield out.toByteArray();
            }
            case NONE -> src;
        };
    }

    /**
     * Decompresses {@code length} bytes at {@code offset} into exactly {@code expected} bytes. The output grows
     * with what the decoder really produces, so a corrupt length claim cannot allocate more than the data holds.
     *
     * @throws IOException when the data is corrupt or does not decompress to {@code expected} bytes
     */
    static byte[] decompress(byte codec, byte[] src, int offset, int length, long expected) throws IOException {
        InputStream in = new ByteArrayInputStream(src, offset, length);
        InputStream decoder = switch (codec) {
            case CompressionType.ZSTD -> new ZstdInputStream(in);
            case CompressionType.LZ4_FRAME -> new LZ4FrameInputStream(in);
            default -> throw new IOException("unknown body compression codec " + codec);
        };
        try (decoder) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(expected, 1 << 20));
            byte[] chunk = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = decoder.read(chunk)) > 0;) {
                total += n;
                if (total > expected) {
                    throw new IOException("a compressed buffer decompresses to more than the " + expected
                            + " bytes its header states");
                }
                out.write(chunk, 0, n);
            }
            if (total != expected) {
                throw new IOException("a compressed buffer decompresses to " + total + " bytes, its header states "
                        + expected);
            }
            return out.toByteArray();
        } catch (RuntimeException e) {
            throw new IOException("corrupt compressed buffer: " + e.getMessage(), e);
        }
    }
}
