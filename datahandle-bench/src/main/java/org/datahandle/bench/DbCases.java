package org.datahandle.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.table.Table;
import org.datahandle.testing.db.MariaDbServer;
import org.datahandle.testing.db.PostgresServer;

/**
 * Database cases (issue 16, point 7): the benchmark table written into and read back from each
 * engine by DataHandle, beside the engine's own bulk loader and export on the same data
 * ({@code psql \copy}, {@code mariadb} {@code LOAD DATA LOCAL INFILE}, {@code sqlite3 .import};
 * {@code COPY ... TO STDOUT}, {@code mariadb --batch}, {@code sqlite3 -csv}). The servers are the
 * test fixtures' ones, started by {@link Bench} and found here through {@code bench.pg.port} and
 * {@code bench.maria.port}.
 */
final class DbCases {
    private static final String COLUMNS_PG = "(id integer, amount bigint, price double precision, label text,"
            + " event_date date)";
    private static final String COLUMNS_MARIA = "(id INT, amount BIGINT, price DOUBLE, label LONGTEXT CHARACTER SET"
            + " utf8mb4, event_date DATE)";
    private static final String COLUMNS_SQLITE = "(id INT, amount BIGINT, price DOUBLE, label TEXT, event_date DATE)";

    private DbCases() {}

    /** The case of this name, if it is a database case. */
    static Optional<BenchCase> create(String name, DataGenerator.DataFiles f) throws Exception {
        return Optional.ofNullable(switch (name) {
            case "pgwrite.dh", "mariawrite.dh", "sqlitewrite.dh" -> write(f, engine(name));
            case "pgread.dh", "mariaread.dh", "sqliteread.dh" -> read(f, engine(name));
            case "pgwrite.psql" -> nativeLoad(f, "pg");
            case "mariawrite.load" -> nativeLoad(f, "maria");
            case "sqlitewrite.import" -> nativeLoad(f, "sqlite");
            case "pgread.psql" -> nativeExport(f, "pg");
            case "mariaread.batch" -> nativeExport(f, "maria");
            case "sqliteread.csv" -> nativeExport(f, "sqlite");
            default -> null;
        });
    }

    private static String engine(String name) {
        return name.startsWith("pg") ? "pg" : name.startsWith("maria") ? "maria" : "sqlite";
    }

    private static int port(String engine) {
        return Integer.parseInt(System.getProperty("bench." + engine + ".port"));
    }

    private static String path(DataGenerator.DataFiles f, String engine, String table) {
        return switch (engine) {
            case "pg" -> "postgresql://127.0.0.1:" + port("pg") + "/" + PostgresServer.DATABASE + "#" + table;
            case "maria" -> "mariadb://127.0.0.1:" + port("maria") + "/" + MariaDbServer.DATABASE + "#" + table;
            default -> "sqlite:" + f.work.resolve("db/bench.sqlite") + "#" + table;
        };
    }

    private static Catalog catalog(DataGenerator.DataFiles f, String engine, String table) {
        Catalog.Builder b = Catalog.builder().baseDirectory(f.work);
        Map<String, String> options = switch (engine) {
            case "pg" -> Map.of("postgresql.user", PostgresServer.USER, "postgresql.password", PostgresServer.PASSWORD);
            case "maria" -> Map.of("mariadb.user", MariaDbServer.USER, "mariadb.password", MariaDbServer.PASSWORD);
            default -> Map.of();
        };
        options.forEach(b::fileSystemOption);
        return b.fromYaml("t:\n  disk:\n    path: '" + path(f, engine, table) + "'\n");
    }

    private static Table benchTable(DataGenerator.DataFiles f) {
        try (Catalog c = Catalog.load(f.workflow)) {
            return c.get("parquet").read();
        }
    }

    /** An operator's M2D: the table (read beforehand from the Parquet copy) written through a handle. */
    private static BenchCase write(DataGenerator.DataFiles f, String engine) {
        Table table = benchTable(f);
        return new BenchCase() {
            @Override
            public void beforeEach() {
                try (Catalog c = catalog(f, engine, "bench_dh")) {
                    c.get("t").deleteDisk();
                }
            }

            @Override
            public long run() {
                try (Catalog c = catalog(f, engine, "bench_dh")) {
                    c.get("t").write(table);
                }
                return table.rowCount();
            }
        };
    }

    /** D2M: the whole table into a {@code Table}, written once beforehand by DataHandle. */
    private static BenchCase read(DataGenerator.DataFiles f, String engine) {
        try (Catalog c = catalog(f, engine, "bench_read")) {
            DataHandle h = c.get("t");
            if (!h.state().diskProduced()) {
                h.write(benchTable(f));
            }
        }
        return () -> {
            try (Catalog c = catalog(f, engine, "bench_read")) {
                return c.get("t").read().rowCount();
            }
        };
    }

    /** The engine's own loader from the same data as CSV, into a fresh table. */
    private static BenchCase nativeLoad(DataGenerator.DataFiles f, String engine) {
        return new BenchCase() {
            @Override
            public void beforeEach() throws Exception {
                switch (engine) {
                    case "pg" -> psql("DROP TABLE IF EXISTS bench_native; CREATE TABLE bench_native " + COLUMNS_PG);
                    case "maria" -> maria(List.of(), "DROP TABLE IF EXISTS bench_native; CREATE TABLE bench_native "
                            + COLUMNS_MARIA);
                    default -> sqlite(f, "DROP TABLE IF EXISTS bench_native; CREATE TABLE bench_native "
                            + COLUMNS_SQLITE + ";");
                }
            }

            @Override
            public long run() throws Exception {
                String out = switch (engine) {
                    case "pg" -> psql("\\copy bench_native FROM '" + f.csv + "' CSV HEADER");
                    case "maria" -> maria(List.of("--local-infile=1"), "LOAD DATA LOCAL INFILE '" + f.csv + "' INTO"
                            + " TABLE bench_native CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED"
                            + " BY '\"' IGNORE 1 LINES (id, amount, @price, @label, event_date) SET price ="
                            + " NULLIF(@price, ''), label = NULLIF(@label, '')");
                    default -> sqlite(f, ".import --csv --skip 1 " + f.csv + " bench_native");
                };
                return out.length() >= 0 ? rowsOfCsv(f) : 0;
            }
        };
    }

    /** The engine's own export of the table DataHandle reads, to /dev/null. */
    private static BenchCase nativeExport(DataGenerator.DataFiles f, String engine) {
        read(f, engine); // the same table as the DataHandle read case
        return () -> {
            switch (engine) {
                case "pg" -> run(Path.of("/dev/null"), env(), "psql", "-h", "127.0.0.1", "-p",
                        String.valueOf(port("pg")), "-U", PostgresServer.USER, "-d", PostgresServer.DATABASE, "-c",
                        "COPY public.bench_read TO STDOUT (FORMAT csv)");
                case "maria" -> run(Path.of("/dev/null"), Map.of(), "mariadb", "--no-defaults", "-h", "127.0.0.1",
                        "-P", String.valueOf(port("maria")), "-u" + MariaDbServer.USER, "-p" + MariaDbServer.PASSWORD,
                        "--batch", "--quick", MariaDbServer.DATABASE, "-e", "SELECT * FROM bench_read");
                default -> run(Path.of("/dev/null"), Map.of(), "sqlite3", "-csv",
                        f.work.resolve("db/bench.sqlite").toString(), "SELECT * FROM bench_read");
            }
            return rowsOfCsv(f);
        };
    }

    private static long rowsOfCsv(DataGenerator.DataFiles f) throws IOException {
        Path marker = f.work.resolve("data.version");
        Matcher m = Pattern.compile(" (\\d+)$").matcher(Files.readString(marker).trim());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static Map<String, String> env() {
        return Map.of("PGPASSWORD", PostgresServer.PASSWORD);
    }

    private static String psql(String sql) throws IOException, InterruptedException {
        return capture(env(), "psql", "-h", "127.0.0.1", "-p", String.valueOf(port("pg")), "-U", PostgresServer.USER,
                "-d", PostgresServer.DATABASE, "-v", "ON_ERROR_STOP=1", "-c", sql);
    }

    private static String maria(List<String> extra, String sql) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mariadb", "--no-defaults", "-h", "127.0.0.1", "-P",
                String.valueOf(port("maria")), "-u" + MariaDbServer.USER, "-p" + MariaDbServer.PASSWORD));
        cmd.addAll(extra);
        cmd.addAll(List.of(MariaDbServer.DATABASE, "-e", sql));
        return capture(Map.of(), cmd.toArray(String[]::new));
    }

    private static String sqlite(DataGenerator.DataFiles f, String sql) throws IOException, InterruptedException {
        Path db = f.work.resolve("db/bench.sqlite");
        Files.createDirectories(db.getParent());
        return capture(Map.of(), "sqlite3", db.toString(), sql);
    }

    private static String capture(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command).replace(MariaDbServer.PASSWORD, "***")
                    + " failed with exit code " + p.exitValue() + ": " + out);
        }
        return out;
    }

    private static void run(Path out, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (p.waitFor() != 0) {
            throw new IOException(command[0] + " failed with exit code " + p.exitValue());
        }
    }
}
