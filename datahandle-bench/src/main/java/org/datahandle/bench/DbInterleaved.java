package org.datahandle.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.datahandle.testing.db.MariaDbServer;
import org.datahandle.testing.db.PostgresServer;

/**
 * The database cases of {@link DbCases} as interleaved pairs in one JVM: each round runs the
 * engine's own tool, then DataHandle, on the same data, so both see the same load of a shared
 * machine; best of the rounds after a warm-up round. {@link Bench} runs every case in a fresh
 * JVM one after another, minutes apart, which on a busy machine measures the neighbours as much
 * as the code.
 *
 * <p>Usage: {@code DbInterleaved --work=DIR --rows=N --rounds=N --pairs=pgread,pgwrite,...}
 * (after {@link Bench} made the data in {@code DIR}).
 */
public final class DbInterleaved {
    private static final Map<String, String[]> PAIRS = new LinkedHashMap<>();

    static {
        PAIRS.put("pgwrite", new String[] {"pgwrite.dh", "pgwrite.psql"});
        PAIRS.put("pgread", new String[] {"pgread.dh", "pgread.psql"});
        PAIRS.put("mariawrite", new String[] {"mariawrite.dh", "mariawrite.load"});
        PAIRS.put("mariaread", new String[] {"mariaread.dh", "mariaread.batch"});
        PAIRS.put("sqlitewrite", new String[] {"sqlitewrite.dh", "sqlitewrite.import"});
        PAIRS.put("sqliteread", new String[] {"sqliteread.dh", "sqliteread.csv"});
    }

    private DbInterleaved() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            options.put(a.substring(2, eq), a.substring(eq + 1));
        }
        Path work = Path.of(options.getOrDefault("work", "bench-work")).toAbsolutePath();
        int rows = Integer.parseInt(options.getOrDefault("rows", "5000000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        String pairs = options.getOrDefault("pairs", String.join(",", PAIRS.keySet()));
        DataGenerator.DataFiles files = DataGenerator.ensure(work, rows);
        System.setProperty("bench.pg.port", String.valueOf(PostgresServer.get().port()));
        System.setProperty("bench.maria.port", String.valueOf(MariaDbServer.get().port()));
        List<String> lines = new ArrayList<>();
        for (String pair : pairs.split(",")) {
            String[] names = PAIRS.get(pair);
            if (names == null) {
                throw new IllegalArgumentException("no pair " + pair + "; pairs: " + PAIRS.keySet());
            }
            long bestOurs = Long.MAX_VALUE;
            long bestTool = Long.MAX_VALUE;
            try (BenchCase ours = DbCases.create(names[0], files).orElseThrow();
                    BenchCase tool = DbCases.create(names[1], files).orElseThrow()) {
                for (int round = 0; round <= rounds; round++) {
                    long t = time(tool);
                    long o = time(ours);
                    System.out.printf(Locale.ROOT, "%s round %d: %s %.2f s, %s %.2f s; load %s%n", pair, round, names[1],
                            t / 1e9, names[0], o / 1e9, load());
                    if (round > 0) { // round 0 warms up
                        bestTool = Math.min(bestTool, t);
                        bestOurs = Math.min(bestOurs, o);
                    }
                }
            }
            lines.add(String.format(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %.2f |", pair, rows, bestOurs / 1e9,
                    bestTool / 1e9, (double) bestOurs / bestTool));
        }
        System.out.println();
        System.out.println("| pair | rows | DataHandle best s | tool best s | DataHandle ÷ tool |");
        System.out.println("|---|---:|---:|---:|---:|");
        lines.forEach(System.out::println);
    }

    private static long time(BenchCase c) throws Exception {
        c.beforeEach();
        long t0 = System.nanoTime();
        c.run();
        return System.nanoTime() - t0;
    }

    private static String load() throws java.io.IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }
}
