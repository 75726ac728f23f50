package org.datahandle.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.table.StringColumn;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One 100 MiB CSV field, quoted, holding commas, quotes and line breaks. The csv codec reads it: a
 * field is bounded only by the 2 GiB of a Java array, and 100 MiB fits a normal heap. The test writes
 * the file as a stream (the value is never in the test's memory) and bounds the heap the read takes.
 */
class HugeFieldTest {
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 100;
    private static final long FILE_BYTES = (long) CHUNK * CHUNKS;

    @TempDir
    Path dir;

    @Test
    void a100MiBFieldReadsWholeInBoundedMemory() throws IOException {
        byte[] chunk = chunk();
        // What a chunk reads as: its doubled quotes undone.
        byte[] value = new String(chunk, US_ASCII).replace("\"\"", "\"").getBytes(US_ASCII);
        CRC32 expected = new CRC32();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("big.csv")), 1 << 16)) {
            out.write("id,big\n1,\"".getBytes(US_ASCII));
            for (int i = 0; i < CHUNKS; i++) {
                out.write(chunk);
                expected.update(value);
            }
            out.write("\"\n2,small\n".getBytes(US_ASCII));
        }

        try (Catalog c = Workflows.load(dir, Workflows.handle("big", "big.csv"))) {
            DataHandle h = c.get("big");
            long before = heapInUse();
            resetPeaks();
            long allocatedBefore = allocated();
            Table t = h.read();
            long allocatedByRead = allocated() - allocatedBefore;
            long peak = peakHeap() - before;

            StringColumn big = (StringColumn) t.column("big");
            assertThat(big.utf8Length(0)).isEqualTo(value.length * CHUNKS);
            assertThat(t.get(1, "big")).isEqualTo("small");
            assertThat(t.get(1, "id")).isEqualTo(2);
            // The table holds the text once, as UTF-8, not as UTF-16 chars or per-line strings.
            assertThat(t.heapBytes()).isLessThan(FILE_BYTES + FILE_BYTES / 4);
            // The read copies the field a few times on its way (parser buffer, raw batch, column): a small
            // constant number of copies of the field, nothing per line or per character.
            assertThat(allocatedByRead).as("bytes allocated by the read").isLessThan(8 * FILE_BYTES);
            // The sum of the heap pools' peaks overstates the true peak, so this bound is loose.
            assertThat(peak).as("peak heap of the read, bytes").isLessThan(8 * FILE_BYTES);

            CRC32 actual = new CRC32();
            actual.update(big.getUtf8(0));
            assertThat(actual.getValue()).isEqualTo(expected.getValue());
            System.out.printf("100 MiB field: the read allocated %d MiB, heap pools peaked at +%d MiB%n",
                    allocatedByRead >> 20, peak >> 20);
        }
    }

    /** A mebibyte of text with the characters a CSV field must carry: delimiters, doubled quotes, line breaks. */
    private static byte[] chunk() {
        byte[] b = new byte[CHUNK];
        String pattern = "ACGTACGTTGCA, \"\"quoted\"\"\nnext line\r\n";
        byte[] p = pattern.getBytes(US_ASCII);
        for (int i = 0; i < CHUNK; i++) {
            b[i] = p[i % p.length];
        }
        // A chunk must not end or begin half-way through a doubled quote, or the quoting would break.
        for (int i = CHUNK - p.length; i < CHUNK; i++) {
            b[i] = 'N';
        }
        return b;
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long heapInUse() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
