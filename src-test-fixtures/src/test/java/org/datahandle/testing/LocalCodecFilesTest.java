package org.datahandle.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.DataFormatException;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.spi.SeekableInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCodecFilesTest {
    @TempDir
    Path dir;

    /** A toy compression: adds one to every byte; a byte 0x00 on disk is "corrupt". */
    private static final class PlusOne implements CompressionCodec {
        @Override
        public String name() {
            return "plus";
        }

        @Override
        public List<String> suffixes() {
            return List.of(".plus");
        }

        @Override
        public boolean matches(byte[] head, int length) {
            return false;
        }

        @Override
        public InputStream decompress(InputStream compressed) {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    int b = compressed.read();
                    if (b == 0) {
                        throw new IOException("corrupt byte");
                    }
                    return b < 0 ? -1 : (b - 1) & 0xff;
                }

                // InputStream's own bulk read would swallow an IOException after the first byte.
                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    if (len == 0) {
                        return 0;
                    }
                    int b = read();
                    if (b < 0) {
                        return -1;
                    }
                    buf[off] = (byte) b;
                    return 1;
                }
            };
        }

        @Override
        public OutputStream compress(OutputStream out, Map<String, Object> options) {
            return new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    out.write((b + 1) & 0xff);
                }
            };
        }
    }

    @Test
    void namesFilesWithTheCompressionSuffixAndRoundTrips() throws IOException {
        LocalCodecFiles files = new LocalCodecFiles("h", Optional.of(new PlusOne()), Map.of());
        Path file = files.file(dir, "part-0", "csv");
        assertThat(file.getFileName().toString()).isEqualTo("part-0.csv.plus");
        try (OutputStream out = files.target(file).open()) {
            out.write("abc".getBytes(UTF_8));
        }
        assertThat(Files.readAllBytes(file)).isEqualTo("bcd".getBytes(UTF_8));
        try (InputStream in = files.source(file).open()) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("abc");
        }
        assertThat(files.source(file).location().uri()).isEqualTo(file.toUri());
    }

    @Test
    void decoderFailuresAreDataFormatErrorsWithPathAndOffset() throws IOException {
        LocalCodecFiles files = new LocalCodecFiles("h", Optional.of(new PlusOne()), Map.of());
        Path file = dir.resolve("bad.csv.plus");
        Files.write(file, new byte[] {'b', 'c', 0, 'd'});
        try (InputStream in = files.source(file).open()) {
            assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(DataFormatException.class, e -> {
                assertThat(e.getMessage()).contains("'h'").contains("bad.csv.plus").contains("corrupt byte");
                assertThat(e.byteOffset()).hasValue(2);
                assertThat(e.path()).hasValue(file.toAbsolutePath().toUri());
            });
        }
    }

    @Test
    void plainFilesPassThrough() throws IOException {
        LocalCodecFiles files = LocalCodecFiles.plain("h");
        Path file = files.file(dir, "x", "tsv");
        assertThat(file.getFileName().toString()).isEqualTo("x.tsv");
        try (OutputStream out = files.target(file).open()) {
            out.write(0);
        }
        try (InputStream in = files.source(file).open()) {
            assertThat(in.readAllBytes()).containsExactly(0);
        }
    }

    @Test
    void seekableInputReadsTheFileAtAPosition() throws IOException {
        LocalCodecFiles files = LocalCodecFiles.plain("h");
        Path file = dir.resolve("x.bin");
        Files.write(file, "abcdef".getBytes(UTF_8));
        try (SeekableInput in = files.source(file).openSeekable()) {
            assertThat(in.length()).isEqualTo(6);
            byte[] buf = new byte[4];
            assertThat(in.read(3, buf, 1, 3)).isEqualTo(3);
            assertThat(new String(buf, 1, 3, UTF_8)).isEqualTo("def");
        }
        assertThat(files.target(file).handleId()).isEqualTo("h");
        assertThat(files.target(file).location().uri()).isEqualTo(file.toUri());
    }
}
