package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.datahandle.Catalog;
import org.datahandle.TableStream;
import org.datahandle.formats.compress.ZstdCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming more data than the heap holds, in both directions: a child JVM with {@value #CHILD_HEAP_MB} MiB
 * of heap streams a CSV of more than four times that through {@code stream()}, and writes as much through
 * {@code sink()}. Running out of memory would kill the child, so its exit code is the proof.
 */
class StreamingTest {
    private static final int CHILD_HEAP_MB = 64;
    /** About 34 bytes a row: about 300 MB of CSV. */
    private static final long ROWS = 9_000_000;

    @TempDir
    Path dir;

    @Test
    void streamsACsvGzFourTimesTheChildHeap() throws Exception {
        StreamingRows.Checksum expected = new StreamingRows.Checksum();
        long size = StreamingRows.writeCsvGz(dir.resolve("big.csv.gz"), ROWS, expected);
        assertThat(size).as("uncompressed bytes").isGreaterThan(4L * CHILD_HEAP_MB << 20);
        Path workflow = Workflows.write(dir.resolve("workflow.yaml"), Workflows.handle("big", "big.csv.gz"));

        String out = runChild("read", workflow.toString(), "big");

        assertThat(out).contains("ROWS " + ROWS + " CHECKSUM " + expected.value());
    }

    @Test
    void sinksThatMuchInTheChildAndReadsItBackByStreaming() throws Exception {
        Path workflow = Workflows.write(dir.resolve("workflow.yaml"), Workflows.handle("out", "out/big.csv.zst"));
        StreamingRows.Checksum expected = new StreamingRows.Checksum();
        for (long i = 0; i < ROWS; i++) {
            expected.add(StreamingRows.batchRowId(i), ("name-" + i).length(), i + 0.5);
        }

        String out = runChild("write", workflow.toString(), "out", Long.toString(ROWS));

        assertThat(out).contains("ROWS " + ROWS + " CHECKSUM " + expected.value());
        assertThat(uncompressedSize(dir.resolve("out/big.csv.zst"))).isGreaterThan(4L * CHILD_HEAP_MB << 20);
        StreamingRows.Checksum read = new StreamingRows.Checksum();
        try (Catalog c = Catalog.load(workflow); TableStream s = c.get("out").stream()) {
            while (s.hasNext()) {
                read.add(s.next());
            }
        }
        assertThat(read.rows()).isEqualTo(ROWS);
        assertThat(read.value()).isEqualTo(expected.value());
    }

    /** Runs {@link StreamingChild} with a small heap; returns its output, failing unless it exits 0. */
    private String runChild(String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx" + CHILD_HEAP_MB + "m",
                "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + dir.resolve("oom.hprof"),
                "-cp", System.getProperty("java.class.path"), StreamingChild.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Only a guard against a hung child, not a timing assertion.
        if (!child.waitFor(15, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("the child did not finish: " + Files.readString(log));
        }
        String out = Files.readString(log);
        assertThat(child.exitValue()).as("exit code of the child; its output:\n" + out).isZero();
        assertThat(out).contains("MAXHEAP ");
        long maxHeap = Long.parseLong(out.substring(out.indexOf("MAXHEAP ") + 8).trim());
        assertThat(maxHeap).as("the child's heap").isLessThanOrEqualTo((long) CHILD_HEAP_MB << 20);
        return out;
    }

    private static long uncompressedSize(Path zst) throws IOException {
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = new ZstdCodec().decompress(Files.newInputStream(zst))) {
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                n += r;
            }
        }
        return n;
    }
}
