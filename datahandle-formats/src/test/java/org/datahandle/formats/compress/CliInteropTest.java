package org.datahandle.formats.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.datahandle.spi.CompressionCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with the reference tools, both ways: htslib's {@code bgzip} (Debian package tabix),
 * {@code zstd} and {@code gzip}. Skipped when a tool is missing, except under CI=true.
 */
class CliInteropTest {

    private static final int BLOCK = Bgzf.WRITE_BLOCK_LENGTH;

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path compressWithUs(CompressionCodec codec, String name, byte[] data, Map<String, Object> options) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = codec.compress(Files.newOutputStream(file), options)) {
            out.write(data);
        }
        return file;
    }

    private static byte[] decompressWithUs(CompressionCodec codec, Path file) throws IOException {
        try (InputStream in = codec.decompress(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private void assertToolOk(Cli.Result result) {
        assertThat(result.exitCode()).as("exit code; stderr: %s", result.stderr()).isZero();
    }

    @Test
    void bgzipAcceptsAndDecompressesOurBgzf() throws IOException, InterruptedException {
        String bgzip = Cli.require("bgzip", "tabix").toString();
        for (int size : new int[] {0, 1, BLOCK, 9 * BLOCK + 17}) {
            byte[] data = TestBytes.text(size, size);
            Path file = compressWithUs(new BgzfCodec(), "ours-" + size + ".bgz", data, Map.of("threads", 2));
            Path out = dir.resolve("ours-" + size + ".out");

            assertToolOk(Cli.run(dir, null, null, bgzip, "-t", file.toString()));
            assertToolOk(Cli.run(dir, file, out, bgzip, "-dc"));
            assertThat(Files.readAllBytes(out)).as("bgzip -dc of %d bytes", size).isEqualTo(data);
        }
    }

    @Test
    void tabixIndexesAndQueriesOurBgzf() throws IOException, InterruptedException {
        String tabix = Cli.require("tabix", "tabix").toString();
        // a sorted BED file over many BGZF blocks, so the index has real chunks to seek to
        StringBuilder bed = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (String chrom : new String[] {"chr1", "chr2", "chrX"}) {
            for (int i = 0; i < 40_000; i++) {
                int start = i * 50;
                String line = chrom + "\t" + start + "\t" + (start + 40) + "\tfeature_" + chrom + "_" + i + "\n";
                bed.append(line);
                // tabix returns features overlapping [100000, 100500) in 1-based chr2:100001-100500
                if (chrom.equals("chr2") && start < 100_500 && start + 40 > 100_000) {
                    expected.append(line);
                }
            }
        }
        Path file = compressWithUs(new BgzfCodec(), "features.bed.bgz",
                bed.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), Map.of("threads", 2));
        assertToolOk(Cli.run(dir, null, null, tabix, "-p", "bed", file.toString()));
        assertThat(dir.resolve("features.bed.bgz.tbi")).exists();
        Path hits = dir.resolve("hits.bed");
        assertToolOk(Cli.run(dir, null, hits, tabix, file.toString(), "chr2:100001-100500"));
        assertThat(Files.readString(hits)).isEqualTo(expected.toString()).isNotEmpty();
    }

    @Test
    void weReadWhatBgzipWrites() throws IOException, InterruptedException {
        String bgzip = Cli.require("bgzip", "tabix").toString();
        byte[] data = TestBytes.concat(TestBytes.text(6 * BLOCK, 1), TestBytes.random(3 * BLOCK + 5, 2));
        Path plain = write("data.csv", data);
        for (String[] flags : new String[][] {{}, {"-l", "9"}, {"-l", "0"}, {"-@", "2"}}) {
            Path file = dir.resolve("theirs.bgz");
            String[] command = new String[flags.length + 2];
            command[0] = bgzip;
            command[1] = "-c";
            System.arraycopy(flags, 0, command, 2, flags.length);
            assertToolOk(Cli.run(dir, plain, file, command));
            byte[] head = Files.readAllBytes(file);

            assertThat(new BgzfCodec().matches(head, 18)).isTrue();
            assertThat(decompressWithUs(new BgzfCodec(), file)).isEqualTo(data);
            assertThat(decompressWithUs(new GzipCodec(), file)).isEqualTo(data);
        }
    }

    @Test
    void gzipAcceptsOurGzipAndOurBgzf() throws IOException, InterruptedException {
        String gzip = Cli.require("gzip", "gzip").toString();
        byte[] data = TestBytes.text(4 * BLOCK, 3);
        Path gz = compressWithUs(new GzipCodec(), "ours.gz", data, Map.of());
        Path bgz = compressWithUs(new BgzfCodec(), "ours.bgz", data, Map.of());
        Path out = dir.resolve("out");

        assertToolOk(Cli.run(dir, gz, out, gzip, "-dc"));
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
        assertToolOk(Cli.run(dir, bgz, out, gzip, "-dc"));
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
    }

    /** Regression: every member of a {@code cat a.gz b.gz} file made by gzip itself. */
    @Test
    void weReadEveryMemberOfConcatenatedGzipFiles() throws IOException, InterruptedException {
        String gzip = Cli.require("gzip", "gzip").toString();
        byte[] a = TestBytes.text(80_000, 4);
        byte[] b = TestBytes.random(20_000, 5);
        Path aGz = dir.resolve("a.gz");
        Path bGz = dir.resolve("b.gz");
        assertToolOk(Cli.run(dir, write("a", a), aGz, gzip, "-c"));
        assertToolOk(Cli.run(dir, write("b", b), bGz, gzip, "-c", "-9"));
        Path both = write("both.gz", TestBytes.concat(Files.readAllBytes(aGz), Files.readAllBytes(bGz)));

        assertThat(decompressWithUs(new GzipCodec(), both)).isEqualTo(TestBytes.concat(a, b));
    }

    @Test
    void zstdAcceptsAndDecompressesOurZstd() throws IOException, InterruptedException {
        String zstd = Cli.require("zstd", "zstd").toString();
        for (int size : new int[] {0, 1, 300_000}) {
            byte[] data = TestBytes.text(size, size);
            Path file = compressWithUs(new ZstdCodec(), "ours-" + size + ".zst", data, Map.of());
            Path out = dir.resolve("ours-" + size + ".out");

            assertToolOk(Cli.run(dir, null, null, zstd, "-q", "-t", file.toString()));
            assertToolOk(Cli.run(dir, file, out, zstd, "-q", "-dc"));
            assertThat(Files.readAllBytes(out)).as("zstd -dc of %d bytes", size).isEqualTo(data);
        }
    }

    @Test
    void weReadWhatZstdWrites() throws IOException, InterruptedException {
        String zstd = Cli.require("zstd", "zstd").toString();
        byte[] data = TestBytes.concat(TestBytes.text(400_000, 6), TestBytes.random(50_000, 7));
        Path plain = write("data.csv", data);
        for (String level : new String[] {"-1", "-3", "-19", "--fast=5"}) {
            Path file = dir.resolve("theirs.zst");
            assertToolOk(Cli.run(dir, plain, file, zstd, "-q", "-c", level));

            assertThat(new ZstdCodec().matches(Files.readAllBytes(file), 4)).isTrue();
            assertThat(decompressWithUs(new ZstdCodec(), file)).as("zstd %s", level).isEqualTo(data);
        }
    }
}
