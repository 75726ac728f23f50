package org.datahandle.internal.storage;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A compression known only by name, suffixes and magic bytes: sniffing and inference never
 * compress or decompress, so the stream methods refuse to run rather than pretend. Shared with
 * datahandle-infer's tests through core's test jar.
 */
public final class FakeCompression implements org.datahandle.spi.CompressionCodec {
    /** gzip: ID1 ID2 CM=deflate. */
    public static final FakeCompression GZ = new FakeCompression("gz", List.of(".gz"), bytes(0x1f, 0x8b, 0x08), -1);
    /** BGZF: gzip with FLG.FEXTRA, XLEN=6 and the 'BC' subfield at offset 12. */
    public static final FakeCompression BGZ = new FakeCompression("bgz", List.of(".bgz"), bytes(0x1f, 0x8b, 0x08, 0x04), 12);
    /** zstd frame magic, little-endian 0xFD2FB528. */
    public static final FakeCompression ZST = new FakeCompression("zst", List.of(".zst", ".zstd"),
            bytes(0x28, 0xb5, 0x2f, 0xfd), -1);

    private final String name;
    private final List<String> suffixes;
    private final byte[] magic;
    private final int bcOffset;

    public FakeCompression(String name, List<String> suffixes, byte[] magic, int bcOffset) {
        this.name = name;
        this.suffixes = suffixes;
        this.magic = magic;
        this.bcOffset = bcOffset;
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> suffixes() {
        return suffixes;
    }

    @Override
    public boolean matches(byte[] head, int length) {
        if (length < magicLength()) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return bcOffset < 0 || (head[bcOffset] == 'B' && head[bcOffset + 1] == 'C');
    }

    @Override
    public int magicLength() {
        return bcOffset < 0 ? magic.length : bcOffset + 2;
    }

    @Override
    public InputStream decompress(InputStream compressed) {
        throw new UnsupportedOperationException("test fake " + name + ": sniffing and inference never decompress");
    }

    @Override
    public OutputStream compress(OutputStream out, Map<String, Object> options) {
        throw new UnsupportedOperationException("test fake " + name + ": sniffing and inference never compress");
    }
}
