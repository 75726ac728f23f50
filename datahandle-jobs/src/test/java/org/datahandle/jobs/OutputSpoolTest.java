package org.datahandle.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool on its own, fed by two streams whose reads return in an order the test fixes: every
 * line comes out once, in the order the reads returned, through each of the spool's paths (the pump
 * encoding a trickle at once, the encoder, a pump encoding for a full spool) and across truncations.
 */
class OutputSpoolTest {
    @TempDir
    Path dir;

    /** Reads of stdout and stderr, in the order they must return (and be appended). */
    private static List<Read> script(long seed, int reads, int maxChunk) {
        Random random = new Random(seed);
        List<Read> script = new ArrayList<>();
        int[] line = new int[2];
        for (int i = 0; i < reads; i++) {
            JobStream stream = random.nextBoolean() ? JobStream.STDOUT : JobStream.STDERR;
            // a mix of small reads (a trickle) and large ones (a flood), lines often cut between reads
            int target = random.nextInt(4) == 0 ? 1 + random.nextInt(200) : 1 + random.nextInt(maxChunk);
            StringBuilder sb = new StringBuilder();
            while (sb.length() < target) {
                sb.append(stream == JobStream.STDOUT ? 'o' : 'e').append(line[stream.ordinal()]++).append(' ')
                        .append("x".repeat(random.nextInt(120))).append('\n');
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
            int cut = Math.min(bytes.length, target); // the rest goes to the start of this stream's next read
            script.add(new Read(stream, bytes, cut));
        }
        return script;
    }

    /** The bytes each read returns: a stream's bytes in order, cut where the script says. */
    private static List<Read> cutReads(List<Read> script) {
        List<Read> reads = new ArrayList<>();
        byte[][] carry = {new byte[0], new byte[0]};
        for (Read r : script) {
            int s = r.stream().ordinal();
            byte[] all = concat(carry[s], r.bytes());
            int n = Math.min(all.length, Math.max(r.cut(), 1));
            n = Math.min(n, OutputSpool.CHUNK);
            reads.add(new Read(r.stream(), java.util.Arrays.copyOf(all, n), n));
            carry[s] = java.util.Arrays.copyOfRange(all, n, all.length);
        }
        // whatever is left ends each stream, newline-terminated
        for (JobStream stream : new JobStream[] {JobStream.STDOUT, JobStream.STDERR}) {
            byte[] rest = carry[stream.ordinal()];
            for (int off = 0; off < rest.length; off += OutputSpool.CHUNK) {
                byte[] piece = java.util.Arrays.copyOfRange(rest, off, Math.min(rest.length, off + OutputSpool.CHUNK));
                reads.add(new Read(stream, piece, piece.length));
            }
        }
        return reads;
    }

    /** The output events the reads must give, in order: a line is an event when its newline arrives. */
    private static List<String> expected(List<Read> reads) {
        List<String> events = new ArrayList<>();
        StringBuilder[] open = {new StringBuilder(), new StringBuilder()};
        for (Read r : reads) {
            StringBuilder b = open[r.stream().ordinal()];
            for (byte c : r.bytes()) {
                if (c == '\n') {
                    events.add(r.stream().name().toLowerCase(java.util.Locale.ROOT) + ":" + b);
                    b.setLength(0);
                } else {
                    b.append((char) c);
                }
            }
        }
        return events;
    }

    @Test
    void readsOfBothStreamsComeOutInTheOrderTheyReturnedThroughEveryPath() throws Exception {
        List<Read> reads = cutReads(script(42, 200, 60_000));
        // a spool two records long, emptied every few KiB, and an encoder that starts only at the end:
        // the pumps encode the trickle themselves and, whenever the spool is full, its oldest record
        Run run = run(reads, 3 * (OutputSpool.HEADER + OutputSpool.CHUNK) / 2, 4096, false);
        assertThat(run.events()).isEqualTo(expected(reads));
        assertThat(run.truncations()).as("the file was emptied at the truncation size").isGreaterThan(10);
    }

    @Test
    void theEncoderRunningAlongKeepsTheSameOrder() throws Exception {
        List<Read> reads = cutReads(script(7, 200, 60_000));
        Run small = run(reads, 3 * (OutputSpool.HEADER + OutputSpool.CHUNK) / 2, 1, true);
        assertThat(small.events()).isEqualTo(expected(reads));
        // a spool as large as the output, never truncated: the same events
        Run large = run(reads, 1L << 30, 1L << 40, true);
        assertThat(large.events()).isEqualTo(small.events());
        assertThat(large.truncations()).isZero();
    }

    @Test
    void aTrickleNeverTouchesTheFile() throws Exception {
        List<Read> reads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            JobStream s = i % 3 == 0 ? JobStream.STDERR : JobStream.STDOUT;
            byte[] line = ("line " + i + "\n").getBytes(StandardCharsets.US_ASCII);
            reads.add(new Read(s, line, line.length));
        }
        Run run = run(reads, 1L << 20, 1, false);
        assertThat(run.events()).isEqualTo(expected(reads));
        assertThat(run.truncations()).isZero(); // with a truncation size of 1 byte, any spooled record would have been truncated
    }

    private record Read(JobStream stream, byte[] bytes, int cut) {}

    private record Run(List<String> events, long truncations) {}

    private Run run(List<Read> reads, long limit, long truncateBytes, boolean encoderFirst) throws Exception {
        Path jobDir = Files.createTempDirectory(dir, "job");
        LogSignal signal = new LogSignal();
        EventLogWriter log = new EventLogWriter(jobDir, 0, 1L << 30, 1L << 40, signal);
        OutputSpool spool = new OutputSpool(jobDir, "test", log, 64 << 10, limit, truncateBytes);
        if (encoderFirst) {
            spool.start();
        }
        Turns turns = new Turns(reads);
        Thread out = spool.pump(turns.stream(JobStream.STDOUT), JobStream.STDOUT, "test-stdout");
        Thread err = spool.pump(turns.stream(JobStream.STDERR), JobStream.STDERR, "test-stderr");
        out.join(60_000);
        err.join(60_000);
        assertThat(out.isAlive() || err.isAlive()).as("pumps ended").isFalse();
        if (!encoderFirst) {
            spool.start();
        }
        assertThat(spool.finish()).isNull();
        long truncations = spool.truncations();
        log.close();
        List<String> events = new ArrayList<>();
        long seq = 0;
        for (Map.Entry<Long, Path> segment : Segments.list(jobDir).entrySet()) {
            for (String line : Files.readAllLines(segment.getValue())) {
                JobEvent e = EventCodec.parse(line, segment.getValue().toString());
                assertThat(e.seq()).isEqualTo(seq++);
                JobEvent.Output o = (JobEvent.Output) e;
                events.add(o.stream().name().toLowerCase(java.util.Locale.ROOT) + ":" + o.text());
            }
        }
        try (var files = Files.list(jobDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".spool"));
        }
        return new Run(events, truncations);
    }

    /**
     * Two input streams whose reads return strictly in the script's order: a stream's next read
     * returns only after the previous read of the script was appended (its pump called read again).
     */
    private static final class Turns {
        private final List<Read> reads;
        private int next;
        private final boolean[] holding = new boolean[2];

        Turns(List<Read> reads) {
            this.reads = reads;
        }

        InputStream stream(JobStream stream) {
            return new InputStream() {
                @Override
                public int read() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    synchronized (Turns.this) {
                        int s = stream.ordinal();
                        if (holding[s]) {
                            holding[s] = false; // the pump is back: what it read last is in the spool
                            next++;
                            Turns.this.notifyAll();
                        }
                        while (next < reads.size() && reads.get(next).stream() != stream) {
                            try {
                                Turns.this.wait();
                            } catch (InterruptedException e) {
                                throw new IOException(e);
                            }
                        }
                        if (next == reads.size()) {
                            return -1;
                        }
                        byte[] bytes = reads.get(next).bytes();
                        assertThat(bytes.length).isLessThanOrEqualTo(len);
                        System.arraycopy(bytes, 0, b, off, bytes.length);
                        holding[s] = true;
                        return bytes.length;
                    }
                }
            };
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
