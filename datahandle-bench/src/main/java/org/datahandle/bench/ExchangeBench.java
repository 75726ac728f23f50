package org.datahandle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.datahandle.exchange.ExchangeServer;

/**
 * Issue 12 point 8: Python's pull of a large table through the exchange server against Parquet write+read
 * and pyarrow's C++ Flight server serving the same table, push against pull, and the server's memory with
 * 4 stalled readers. The server runs in this JVM; the client side is bench/exchange_bench.py.
 *
 * <p>{@code mvn -B -q -DskipTests -pl datahandle-bench -am package exec:exec@exchange [-Dbench.exchangeRows=N]}
 */
public final class ExchangeBench {
    private ExchangeBench() {}

    public static void main(String[] args) throws Exception {
        String work = arg(args, "work", "target/exchange-bench");
        int rows = Integer.parseInt(arg(args, "rows", "32000000"));
        int rounds = Integer.parseInt(arg(args, "rounds", "3"));
        Path python = Path.of(arg(args, "python", ".venv/bin/python"));
        Path dir = Path.of(work).toAbsolutePath();
        Files.createDirectories(dir);
        Path shm = Path.of(arg(args, "shm", "/dev/shm"), "datahandle-exchange-bench-" + ProcessHandle.current().pid());
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (Catalog catalog = Catalog.builder().baseDirectory(dir).fileSystemOption("shm.directory", shm.toString())
                .fromYaml("big:\n  disk: {path: 'shm:///big.arrow'}\n");
                ExchangeServer server = ExchangeServer.builder(catalog).connectionFile(dir.resolve("conn.json")).start()) {
            Path script = dir.resolve("exchange_bench.py");
            try (InputStream in = ExchangeBench.class.getResourceAsStream("/bench/exchange_bench.py")) {
                Files.write(script, in.readAllBytes());
            }
            Path repo = Path.of(System.getProperty("user.dir"));
            ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(),
                    server.connectionFile().orElseThrow().toString(), Long.toString(ProcessHandle.current().pid()),
                    Integer.toString(rows), Integer.toString(rounds), dir.toString(), shm.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("PYTHONPATH", findClient(repo).toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the Python side failed: " + out);
            }
            JsonNode r = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
            System.out.println(markdown(r, load, shm));
            Files.writeString(dir.resolve("results.md"), markdown(r, load, shm));
        } finally {
            if (Files.exists(shm)) {
                try (Stream<Path> files = Files.walk(shm)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    private static Path findClient(Path from) {
        for (Path p = from; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("clients/python/src/datahandle"))) {
                return p.resolve("clients/python/src");
            }
        }
        throw new IllegalStateException("clients/python not found above " + from);
    }

    private static String markdown(JsonNode r, double load, Path shm) {
        double gb = r.get("bytes").asLong() / 1e9;
        double pull = median(r.get("pull"));
        double flight = median(r.get("flight"));
        double parquet = median(r.get("parquet"));
        double push = median(r.get("push"));
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "> %,d rows (id int64, x float64, y int32, label string), %.2f GB in "
                + "pyarrow; pyarrow %s; median of %d interleaved rounds after a warm-up; load %.1f on %d cores at the start; the shm: tier in %s"
                + "%n%n", r.get("rows").asLong(), gb, r.get("pyarrow").asText(), r.get("rounds").asInt(), load,
                Runtime.getRuntime().availableProcessors(), shm.getParent()));
        md.append("| operation | best | median | GB/s (median) | CPU s client + server (median) | goal |\n"
                + "|---|---|---|---|---|---|\n");
        JsonNode cpu = r.path("cpu");
        md.append(line("Python `pull` over HTTP (Arrow IPC stream)", r.get("pull"), cpu.path("pull"), gb, ""));
        md.append(line("pyarrow C++ Flight `do_get` of the same table", r.get("flight"), cpu.path("flight"), gb,
                String.format(Locale.ROOT, "pull ÷ Flight throughput: %.2f (goal ≥ 0.8)", flight / pull)));
        md.append(line("Parquet (snappy) write + read, pyarrow", r.get("parquet"), cpu.path("parquet"), gb,
                String.format(Locale.ROOT, "Parquet ÷ pull: %.1f× (goal ≥ 3×)", parquet / pull)));
        md.append(line("Python `push` over HTTP (staged in shm:, published)", r.get("push"), cpu.path("push"), gb,
                String.format(Locale.ROOT, "push ÷ pull throughput: %.2f (goal ≥ 0.8)", pull / push)));
        double floorDrop = median(r.get("floor_drop"));
        double floorShm = median(r.get("floor_shm"));
        md.append(line("floor: the IPC stream over bare loopback TCP, dropped by the receiver", r.get("floor_drop"),
                cpu.path("floor_drop"), gb, String.format(Locale.ROOT, "pull ÷ this floor (throughput): %.2f", floorDrop / pull)));
        md.append(line("floor: the same, written into a new file in the shm: folder on a second thread",
                r.get("floor_shm"), cpu.path("floor_shm"), gb, String.format(Locale.ROOT,
                        "push ÷ this floor (throughput): %.2f; a push as fast as this floor ÷ this run's pull: %.2f;"
                                + " the floors' ratio: %.2f", floorShm / push, pull / floorShm, floorDrop / floorShm)));
        md.append(String.format(Locale.ROOT, "%nLoad at the end: %.1f.%n", r.path("load").asDouble()));
        long grow = r.get("rss_stalled").asLong() - r.get("rss_before").asLong();
        md.append(String.format(Locale.ROOT, "%nServer RSS with 4 stalled readers of the handle: %,d → %,d bytes "
                + "(%+.1f MB; goal < 50 MB).%n", r.get("rss_before").asLong(), r.get("rss_stalled").asLong(), grow / 1e6));
        return md.toString();
    }

    private static String line(String what, JsonNode times, JsonNode cpu, double gb, String goal) {
        double m = median(times);
        double best = Double.MAX_VALUE;
        for (JsonNode t : times) {
            best = Math.min(best, t.asDouble());
        }
        List<Double> client = new ArrayList<>();
        List<Double> server = new ArrayList<>();
        cpu.forEach(c -> {
            client.add(c.get(0).asDouble());
            server.add(c.get(1).asDouble());
        });
        String cpus = client.isEmpty() ? "" : String.format(Locale.ROOT, "%.2f + %.2f", median(client), median(server));
        return String.format(Locale.ROOT, "| %s | %.3f s | %.3f s | %.2f | %s | %s |%n", what, best, m, gb / m, cpus,
                goal);
    }

    private static double median(List<Double> l) {
        List<Double> sorted = new ArrayList<>(l);
        sorted.sort(null);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    private static double median(JsonNode times) {
        List<Double> l = new ArrayList<>();
        times.forEach(t -> l.add(t.asDouble()));
        l.sort(null);
        return l.isEmpty() ? Double.NaN : l.get(l.size() / 2);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
