package org.datahandle.formats.compress;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.datahandle.spi.CompressionCodec;

/** Test data and one-call compress / decompress. */
final class TestBytes {

    private TestBytes() {}

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** CSV-like text, compressible the way real tables are. */
    static byte[] text(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(length + 100);
        sb.append("id,qty,price,label,event_date\n");
        for (int row = 0; sb.length() < length; row++) {
            sb.append(row).append(',').append(random.nextInt(100_000)).append(',')
                    .append(random.nextInt(2000)).append('.').append(random.nextInt(1000)).append(',')
                    .append("label_").append(random.nextInt(300)).append(',')
                    .append("2010-01-").append(10 + random.nextInt(20)).append('\n');
        }
        return sb.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] compress(CompressionCodec codec, byte[] data, Map<String, Object> options) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = codec.compress(sink, options)) {
            out.write(data);
        }
        return sink.toByteArray();
    }

    static byte[] decompress(CompressionCodec codec, byte[] compressed) throws IOException {
        try (InputStream in = codec.decompress(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= (byte) 0xFF;
        return copy;
    }

    static byte[] prefix(byte[] bytes, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(bytes, 0, copy, 0, length);
        return copy;
    }
}
