package org.datahandle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.formats.arrow.ArrowIpc;
import org.datahandle.formats.arrow.ArrowIpcWriter;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.Field;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.Schema;
import org.datahandle.table.StringColumn;
import org.datahandle.table.Table;

/**
 * The Arrow exchange section, in its own JVM: a table written to shared memory by a real {@code shm:} handle
 * and by the bare {@link ArrowIpc} writer, beside pyarrow's own IPC writer on the same table, pyarrow mapping
 * and reading our file, and pyarrow reading the same table from Parquet on disk. Prints the Markdown section
 * on lines starting with {@code |} or {@code >}.
 *
 * <p>Usage: {@code ArrowExchangeMain WORK ROWS ITERATIONS PYTHON}.
 */
public final class ArrowExchangeMain {
    private ArrowExchangeMain() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        Path python = Path.of(args[3]);
        Path shm = Path.of("/dev/shm", "datahandle-bench-" + ProcessHandle.current().pid());
        Files.createDirectories(work);
        try {
            run(work, shm, rows, iterations, python);
        } finally {
            deleteTree(shm);
        }
    }

    private static void run(Path work, Path shm, int rows, int iterations, Path python) throws Exception {
        Table table = table(rows);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String yaml = "dataHandles:\n  exchange:\n    disk: {path: 'shm:///bench/exchange.arrow'}\n";
        long handleBest = Long.MAX_VALUE;
        List<Long> handleTimes = new ArrayList<>();
        Path ours;
        try (Catalog catalog = Catalog.builder().baseDirectory(work).fileSystemOption("shm.directory", shm.toString())
                .fromYaml(yaml)) {
            DataHandle h = catalog.get("exchange");
            for (int i = 0; i <= iterations; i++) {
                if (h.state().diskProduced()) {
                    h.deleteDisk();
                }
                long t0 = System.nanoTime();
                h.write(table);
                long t = System.nanoTime() - t0;
                if (i > 0) {
                    handleTimes.add(t);
                    handleBest = Math.min(handleBest, t);
                }
                h.dropMemory();
            }
            ours = Path.of(h.disk().locations().get(0).uri());
        }
        Path bare = shm.resolve("bare.arrow");
        List<Long> bareTimes = new ArrayList<>();
        for (int i = 0; i <= iterations; i++) {
            Files.deleteIfExists(bare);
            long t0 = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(bare); ArrowIpcWriter w = ArrowIpc.fileWriter(out,
                    table.schema())) {
                w.write(table);
            }
            if (i > 0) {
                bareTimes.add(System.nanoTime() - t0);
            }
        }
        Files.deleteIfExists(bare);
        long bytes = Files.size(ours);

        JsonNode py = peers(python, ours, shm, work, iterations);
        double gb = bytes / 1e9;
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "> %,d rows (id int64, x float64, y int32, label string), an Arrow IPC "
                + "file of %,d bytes in /dev/shm; pyarrow %s; best and median of %d after 1 warm-up; load average "
                + "%.1f on %d cores when the table was built%n", rows, bytes, py.get("pyarrow").asText(), iterations,
                load, Runtime.getRuntime().availableProcessors()));
        md.append("\n| operation | implementation | best s | median s | GB/s (best) | note |\n|---|---|---:|---:|---:|---|\n");
        long bareBest = bareTimes.stream().min(Long::compare).orElseThrow();
        double pyWrite = py.get("write_best").asDouble();
        md.append(row("Table → Arrow file in shm:", "DataHandle `handle.write` (lock, stage, CRC32C, rename, "
                + "commit record)", handleBest / 1e9, median(handleTimes) / 1e9, gb,
                String.format(Locale.ROOT, "÷ pyarrow: %.2f", handleBest / 1e9 / pyWrite)));
        md.append(row("Table → Arrow file in shm:", "DataHandle `ArrowIpc.fileWriter`", bareBest / 1e9,
                median(bareTimes) / 1e9, gb, String.format(Locale.ROOT, "÷ pyarrow: %.2f", bareBest / 1e9 / pyWrite)));
        md.append(row("Table → Arrow file in shm:", "pyarrow `ipc.new_file().write_table`", pyWrite,
                py.get("write_median").asDouble(), gb, "the peer"));
        md.append(row("open + `read_all`, mapped", "pyarrow `memory_map` + `ipc.open_file` on our file",
                py.get("read_best").asDouble(), py.get("read_median").asDouble(), gb,
                String.format(Locale.ROOT, "allocated %,d bytes (max of all runs); target < 0.050 s: %s",
                        py.get("read_allocated_max").asLong(), py.get("read_best").asDouble() < 0.05 ? "met"
                                : "**missed**")));
        md.append(row("same table from Parquet on disk (snappy, " + String.format(Locale.ROOT, "%,d",
                py.get("parquet_bytes").asLong()) + " bytes)", "pyarrow `pq.read_table`",
                py.get("parquet_best").asDouble(), py.get("parquet_median").asDouble(), gb, "for scale"));
        System.out.print(md);
    }

    private static String row(String op, String impl, double best, double median, double gb, String note) {
        return String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.2f | %s |%n", op, impl, best, median, gb / best,
                note);
    }

    private static double median(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /** The research's table: id, x, y and a short label, with no nulls. */
    static Table table(int rows) {
        LongColumn.Builder id = LongColumn.builder(DataType.INT64, rows);
        DoubleColumn.Builder x = DoubleColumn.builder(rows);
        IntColumn.Builder y = IntColumn.builder(DataType.INT32, rows);
        StringColumn.Builder label = StringColumn.builder(rows, rows * 12);
        byte[] prefix = "lbl_".getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[24];
        System.arraycopy(prefix, 0, buf, 0, prefix.length);
        for (int i = 0; i < rows; i++) {
            id.append(i);
            x.append(i * 0.5);
            y.append(i % 1000);
            String digits = Integer.toString(i);
            for (int k = 0; k < digits.length(); k++) {
                buf[4 + k] = (byte) digits.charAt(k);
            }
            label.appendUtf8(buf, 0, 4 + digits.length());
        }
        Schema schema = Schema.of(Field.of("id", DataType.INT64), Field.of("x", DataType.FLOAT64),
                Field.of("y", DataType.INT32), Field.of("label", DataType.STRING));
        List<Column> columns = List.of(id.build(), x.build(), y.build(), label.build());
        return Table.of(schema, columns);
    }

    private static JsonNode peers(Path python, Path ours, Path shm, Path work, int iterations)
            throws IOException, InterruptedException {
        Path script = work.resolve("arrow_peers.py");
        try (InputStream in = ArrowExchangeMain.class.getResourceAsStream("/bench/arrow_peers.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder(Arrays.asList(python.toString(), script.toString(), ours.toString(),
                shm.toString(), work.toString(), Integer.toString(iterations)))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the pyarrow peers failed: " + out);
        }
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
