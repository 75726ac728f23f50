package org.datahandle.formats.compress;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.datahandle.libdeflate.LibdeflateProvider;
import org.datahandle.spi.DeflateProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BGZF through libdeflate, against the JDK path and htslib's tools: what the libdeflate path writes
 * is read by the JDK path, {@code bgzip -d} and {@code tabix}, and the other way round; at equal
 * level it writes the very bytes {@code bgzip} writes (both are libdeflate, at the same mapped level).
 * In the formats package to reach the streams' provider-taking constructors. Skipped where
 * libdeflate or the tools are missing, except under CI=true, where that fails.
 */
class LibdeflateBgzfInteropTest {

    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
    private static final int BLOCK = Bgzf.WRITE_BLOCK_LENGTH;

    private final DeflateProvider libdeflate = new LibdeflateProvider();
    private final DeflateProvider jdk = new JdkDeflateProvider();

    @TempDir
    Path dir;

    @BeforeEach
    void libdeflateLoads() {
        libdeflate.unavailableReason().ifPresent(why -> skipOrFail("libdeflate cannot run here: " + why));
    }

    /** With the native module on the class path and no -Ddatahandle.deflate, the codecs use libdeflate. */
    @Test
    void autoSelectsLibdeflate() {
        assumeTrue(System.getProperty(DeflateProviders.PROPERTY) == null, "datahandle.deflate is set");
        assertThat(DeflateProviders.selected().name()).isEqualTo("libdeflate");
    }

    @Test
    void whatLibdeflateWritesTheJdkReadsAndTheOtherWayRound() throws IOException {
        for (int size : new int[] {0, 1, BLOCK - 1, BLOCK, 9 * BLOCK + 17}) {
            byte[] data = text(size, size);
            for (int level : new int[] {0, 1, 6, 9}) {
                byte[] ours = write(data, level, libdeflate);
                assertThat(read(ours, jdk)).as("libdeflate-written, JDK-read: %d bytes, level %d", size, level).isEqualTo(data);
                assertThat(new GZIPInputStream(new ByteArrayInputStream(ours)).readAllBytes())
                        .as("as multi-member gzip").isEqualTo(data);
                byte[] theirs = write(data, level, jdk);
                assertThat(read(theirs, libdeflate)).as("JDK-written, libdeflate-read: %d bytes, level %d", size, level).isEqualTo(data);
            }
        }
        byte[] random = new byte[3 * BLOCK];
        new Random(3).nextBytes(random);
        assertThat(read(write(random, 6, libdeflate), jdk)).isEqualTo(random);
    }

    @Test
    void bgzipDecompressesWhatLibdeflateWrites() throws IOException, InterruptedException {
        Path bgzip = tool("bgzip");
        byte[] data = text(7 * BLOCK + 5, 11);
        Path file = Files.write(dir.resolve("ours.bgz"), write(data, 6, libdeflate));
        assertThat(run(bgzip.toString(), "-t", file.toString())).isEmpty();
        Path out = dir.resolve("ours.out");
        run(new ProcessBuilder(bgzip.toString(), "-dc", file.toString()).redirectOutput(out.toFile()));
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
    }

    @Test
    void whatBgzipWritesLibdeflateReads() throws IOException, InterruptedException {
        Path bgzip = tool("bgzip");
        byte[] data = text(5 * BLOCK + 99, 12);
        Path plain = Files.write(dir.resolve("in.txt"), data);
        run(bgzip.toString(), "-@2", "-f", plain.toString());
        assertThat(read(Files.readAllBytes(dir.resolve("in.txt.gz")), libdeflate)).isEqualTo(data);
    }

    /**
     * Same libdeflate, same level after htslib's mapping, same 65,280-byte blocks: the same bytes.
     * This is what makes the benchmark's "equal level" comparison with {@code bgzip -l N} fair.
     */
    @Test
    void atEqualLevelTheBytesAreBgzipsBytes() throws IOException, InterruptedException {
        Path bgzip = tool("bgzip");
        String ldd = run("ldd", bgzip.toString());
        assumeTrue(ldd.contains("libdeflate"), "this bgzip does not use libdeflate: " + ldd);
        byte[] data = text(4 * BLOCK + 1234, 13);
        Path plain = Files.write(dir.resolve("same.txt"), data);
        for (int level : new int[] {1, 5, 6, 9}) {
            Path theirs = dir.resolve("same-" + level + ".bgz");
            run(new ProcessBuilder(bgzip.toString(), "-l", String.valueOf(level), "-c", plain.toString())
                    .redirectOutput(theirs.toFile()));
            assertThat(write(data, level, libdeflate)).as("level %d", level).isEqualTo(Files.readAllBytes(theirs));
        }
    }

    @Test
    void tabixIndexesAndQueriesWhatLibdeflateWrites() throws IOException, InterruptedException {
        Path tabix = tool("tabix");
        StringBuilder bed = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (String chrom : new String[] {"chr1", "chr2"}) {
            for (int i = 0; i < 30_000; i++) {
                int start = i * 50;
                String line = chrom + "\t" + start + "\t" + (start + 40) + "\tfeature_" + i + "\n";
                bed.append(line);
                if (chrom.equals("chr2") && start < 100_500 && start + 40 > 100_000) {
                    expected.append(line);
                }
            }
        }
        Path file = Files.write(dir.resolve("features.bed.gz"), write(bed.toString().getBytes(US_ASCII), 6, libdeflate));
        run(tabix.toString(), "-p", "bed", file.toString());
        assertThat(dir.resolve("features.bed.gz.tbi")).exists();
        assertThat(run(tabix.toString(), file.toString(), "chr2:100001-100500")).isEqualTo(expected.toString());
    }

    @Test
    void corruptBlocksAreIoExceptionsNamingTheBlock() throws IOException {
        byte[] data = text(3 * BLOCK, 14);
        byte[] file = write(data, 6, libdeflate);
        int errors = 0;
        for (int at = 0; at < file.length; at += 101) {
            byte[] bad = file.clone();
            bad[at] ^= 0x10;
            try {
                byte[] got = read(bad, libdeflate);
                assertThat(got).as("flip at %d", at).isEqualTo(data);
            } catch (IOException expected) {
                errors++;
                assertThat(expected.getMessage()).as("flip at %d", at)
                        .containsAnyOf("corrupt BGZF block", "truncated BGZF", "not BGZF", "trailing garbage");
            }
        }
        assertThat(errors).isPositive();
        // reserved block type 3 inside a well-formed block
        byte[] block = new byte[Bgzf.HEADER_LENGTH + 2 + Bgzf.FOOTER_LENGTH];
        Bgzf.writeHeader(block, block.length);
        block[Bgzf.HEADER_LENGTH] = 0x07;
        byte[] invalid = new byte[block.length + Bgzf.EOF_BLOCK.length];
        System.arraycopy(block, 0, invalid, 0, block.length);
        System.arraycopy(Bgzf.EOF_BLOCK, 0, invalid, block.length, Bgzf.EOF_BLOCK.length);
        assertThatThrownBy(() -> read(invalid, libdeflate))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt BGZF block at compressed byte offset 0: invalid deflate data")
                .hasRootCauseInstanceOf(java.util.zip.DataFormatException.class);
    }

    // ---- helpers

    private static byte[] write(byte[] data, int level, DeflateProvider provider) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new BlockCompressedOutputStream(bytes, level, 2, provider)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] read(byte[] file, DeflateProvider provider) throws IOException {
        try (InputStream in = new BlockCompressedInputStream(new ByteArrayInputStream(file), 2, null, provider)) {
            return in.readAllBytes();
        }
    }

    private static Path tool(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        skipOrFail("no " + name + " on the PATH (Debian package tabix)");
        throw new AssertionError("unreachable");
    }

    private static void skipOrFail(String message) {
        if (CI) {
            fail(message + " (CI=true, so this is an error, not a skip)");
        }
        assumeTrue(false, message);
    }

    /** Runs a command and returns its standard output; fails on a non-zero exit. */
    private String run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        run(new ProcessBuilder(command).redirectOutput(out.toFile()));
        return Files.readString(out, US_ASCII);
    }

    private void run(ProcessBuilder builder) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = builder.directory(dir.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(builder.command() + " did not finish in 60 s");
        }
        assertThat(p.exitValue()).as("%s; stderr: %s", builder.command(), Files.readString(err)).isZero();
    }

    private static byte[] text(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder b = new StringBuilder(length + 40);
        List<String> words = new ArrayList<>(List.of("chr20", "PASS", "0|1", "1|1", "0|0", "rs6054257", "G", "A", "DP=14"));
        while (b.length() < length) {
            b.append(words.get(random.nextInt(words.size()))).append(random.nextInt(100_000)).append(random.nextBoolean() ? '\t' : '\n');
        }
        return b.substring(0, length).getBytes(US_ASCII);
    }
}
