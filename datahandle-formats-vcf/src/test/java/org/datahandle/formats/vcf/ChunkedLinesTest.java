package org.datahandle.formats.vcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.datahandle.DataFormatException;
import org.datahandle.spi.Location;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ChunkedLines} must give the lines, line numbers and diploid scans that a {@link LineReader}
 * and {@link DiploidScan} give on the caller's thread, wherever the chunk ends fall.
 */
class ChunkedLinesTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final VcfErrors errors = new VcfErrors("calls", Location.of(URI.create("file:///data/calls.vcf")));

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** One line as a reader hands it out: number, text, and (for records) the scan's count and stop. */
    private record Line(long number, String text, int count, int stop, String codes) {}

    private static final int SAMPLES = 6;

    private List<Line> viaLineReader(byte[] text, int headerLines) throws IOException {
        LineReader r = new LineReader(new ByteArrayInputStream(text), errors, 1);
        List<Line> out = new ArrayList<>();
        while (r.next()) {
            if (r.lineNumber() <= headerLines) {
                continue;
            }
            out.add(line(r.lineNumber(), r.buffer(), r.start(), r.end(), null));
        }
        return out;
    }

    private List<Line> viaChunks(byte[] text, int headerLines, int chunkBytes, boolean withPool) throws IOException {
        InputStream in = new ByteArrayInputStream(text);
        LineReader header = new LineReader(in, errors, 1);
        for (int i = 0; i < headerLines; i++) {
            assertThat(header.next()).isTrue();
        }
        ChunkedLines lines = new ChunkedLines(in, header.unread(), header.atEnd(), header.lineNumber(), errors,
                withPool ? pool : null, SAMPLES, chunkBytes);
        List<Line> out = new ArrayList<>();
        while (lines.next()) {
            out.add(line(lines.lineNumber(), lines.buffer(), lines.start(), lines.end(), lines.scanned()));
        }
        return out;
    }

    /** The line and its scan: done here with DiploidScan when {@code scanned} is null (the reference). */
    private static Line line(long n, byte[] b, int s, int e, ScannedCalls scanned) {
        String text = new String(b, s, e - s, StandardCharsets.UTF_8);
        String[] cols = text.split("\t", -1);
        if (cols.length < 10 || !cols[8].equals("GT")) {
            assertThat(scanned).as("line %d has no scan", n).isNull();
            return new Line(n, text, -1, -1, "");
        }
        int from = s;
        for (int i = 0; i < 9; i++) {
            from += cols[i].getBytes(StandardCharsets.UTF_8).length + 1;
        }
        int alts = cols[4].equals(".") || cols[4].isEmpty() ? 0 : cols[4].split(",", -1).length;
        if (scanned == null) {
            byte[] codes = new byte[SAMPLES];
            long r = DiploidScan.scan(b, from, e, alts, SAMPLES, codes, 0);
            return new Line(n, text, DiploidScan.count(r), DiploidScan.stop(r) - s,
                    java.util.Arrays.toString(java.util.Arrays.copyOf(codes, DiploidScan.count(r))));
        }
        assertThat(scanned.matches(from, alts, e)).as("line %d scanned from its samples", n).isTrue();
        return new Line(n, text, scanned.count(), scanned.stop() - s, java.util.Arrays.toString(java.util.Arrays
                .copyOfRange(scanned.codes(), scanned.offset(), scanned.offset() + scanned.count())));
    }

    /** Records, blank lines, CRLF ends, calls the scan takes and ones it stops at, no final line feed. */
    private static byte[] text(long seed, int records) {
        Random random = new Random(seed);
        String[] calls = {"0|0", "0|1", "1/1", "0/0", "./.", "1", "0|2", "2|2", "0|1|1", "10|0"};
        StringBuilder t = new StringBuilder("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT"
                + "\tA\tB\tC\tD\tE\tF\n");
        for (int r = 0; r < records; r++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                t.append('\n');
                continue;
            }
            t.append("1\t").append(r + 1).append("\t.\tA\t").append(kind == 1 ? "." : kind == 2 ? "C,G" : "C")
                    .append("\t.\t.\t.\t").append(kind == 3 ? "GT:DP" : "GT");
            for (int i = 0; i < SAMPLES; i++) {
                t.append('\t').append(random.nextInt(4) == 0 ? calls[random.nextInt(calls.length)]
                        : calls[random.nextInt(4)]);
            }
            if (kind == 4) {
                t.append('\r');
            }
            if (kind == 5) {
                t.append("\tx".repeat(random.nextInt(200))); // a long line, past small chunk ends
            }
            t.append('\n');
        }
        t.append("1\t999999\t.\tA\tC\t.\t.\t.\tGT\t0|0\t0|1\t1|1\t0|0\t0|0\t1|0"); // no line feed at the end
        return t.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sameLinesNumbersAndScansAsALineReaderWhereverChunksEnd() throws IOException {
        for (long seed = 1; seed <= 4; seed++) {
            byte[] text = text(seed, 400);
            List<Line> expected = viaLineReader(text, 2);
            for (int chunk : new int[] {64, 97, 1000, 4096, 1 << 20}) {
                assertThat(viaChunks(text, 2, chunk, true)).as("seed %d, chunks of %d", seed, chunk)
                        .isEqualTo(expected);
                assertThat(viaChunks(text, 2, chunk, false)).as("seed %d, chunks of %d, no executor", seed, chunk)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void aFileThatEndsWithTheHeaderHasNoLines() throws IOException {
        byte[] text = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(viaChunks(text, 2, 16, true)).isEmpty();
    }

    @Test
    void aLineLongerThanTheLimitIsAnErrorAtItsLineAfterTheLinesBeforeIt() throws IOException {
        // a stream of 'x' with no line feed after two good lines: the third line is too long
        byte[] start = "a\nb\n".getBytes(StandardCharsets.UTF_8);
        long limit = LineReader.MAX_LINE + 16L;
        InputStream endless = new InputStream() {
            private long served;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served < start.length) {
                    int n = Math.min(len, start.length - (int) served);
                    System.arraycopy(start, (int) served, b, off, n);
                    served += n;
                    return n;
                }
                if (served >= limit) {
                    return -1;
                }
                int n = (int) Math.min(len, limit - served);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                served += n;
                return n;
            }
        };
        ChunkedLines lines = new ChunkedLines(endless, new byte[0], false, 10, errors, pool, 0, 1 << 20);
        assertThat(lines.next()).isTrue();
        assertThat(lines.lineNumber()).isEqualTo(11);
        assertThat(lines.next()).isTrue();
        assertThatThrownBy(lines::next).isInstanceOf(DataFormatException.class).hasMessageContaining("line 13")
                .hasMessageContaining("a line longer than");
    }
}
