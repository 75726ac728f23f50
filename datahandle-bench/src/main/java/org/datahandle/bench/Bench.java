package org.datahandle.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark harness: generates the data once, runs every case in a fresh JVM with a fixed heap
 * (so peak memory is the case's own and one case's garbage or JIT state cannot help or hurt the
 * next), and prints one Markdown table with each peer beside our number.
 *
 * <p>Usage: {@code Bench --work=DIR --rows=N --iterations=N [--only=case,case]}.
 */
public final class Bench {
    private static final String HEAP = "-Xmx3g";

    /** A row of the table: a case, its label, its heap, and which row it is compared with. */
    /** A case name's suffix that runs the case with -Ddatahandle.deflate=jdk. */
    static final String JDK_DEFLATE = "-jdk";

    private record Row(String group, String name, String label, String heap, String peerOf, String target) {}

    private static final List<Row> ROWS = List.of(
            new Row("CSV → Table", "csv.dh", "DataHandle", HEAP, null, null),
            new Row("CSV → Table", "csv.duckdb", "DuckDB read_csv", HEAP, "csv.dh", "≤ 1.00"),
            new Row("CSV → Table", "csv.pyarrow", "pyarrow csv.read_csv", HEAP, "csv.dh", null),
            new Row("CSV → Table", "csv.fastcsv", "FastCSV tokenising only (1 thread, no types)", HEAP, "csv.dh", null),
            // the heap a full load needs: 2 × the table (192 MB at the default 5,000,000 rows) is the target
            new Row("CSV → Table", "csv.dh.384m", "DataHandle, -Xmx384m (2 × the table)", "-Xmx384m", null, null),
            new Row("CSV.gz → Table", "csvgz.dh", "DataHandle", HEAP, null, null),
            new Row("CSV.gz → Table", "csvgz.duckdb", "DuckDB read_csv", HEAP, "csvgz.dh", "≤ 1.00"),
            new Row("CSV.gz → Table", "csvgz.pyarrow", "pyarrow csv.read_csv", HEAP, "csvgz.dh", null),
            new Row("CSV.bgz → Table", "csvbgz.dh", "DataHandle", HEAP, null, null),
            new Row("CSV.bgz → Table", "csvbgz.duckdb", "DuckDB read_csv", HEAP, "csvbgz.dh", "≤ 1.00"),
            new Row("CSV.bgz → Table", "csvbgz.pyarrow", "pyarrow csv.read_csv", HEAP, "csvbgz.dh", null),
            new Row("CSV.zst → Table", "csvzst.dh", "DataHandle", HEAP, null, null),
            new Row("CSV.zst → Table", "csvzst.duckdb", "DuckDB read_csv", HEAP, "csvzst.dh", "≤ 1.00"),
            new Row("CSV.zst → Table", "csvzst.pyarrow", "pyarrow csv.read_csv", HEAP, "csvzst.dh", null),
            new Row("Parquet → Table", "parquet.dh", "DataHandle", HEAP, null, null),
            new Row("Parquet → Table", "parquet.java", "parquet-java Group reader", HEAP, "parquet.dh", "≤ 1.10"),
            new Row("Parquet → Table", "parquet.duckdb", "DuckDB read_parquet", HEAP, "parquet.dh", null),
            new Row("Parquet → Table", "parquet.pyarrow", "pyarrow parquet.read_table", HEAP, "parquet.dh", null),
            new Row("Table → CSV.bgz", "writebgz.dh", "DataHandle (bgz, level 6)", HEAP, null, null),
            new Row("Table → CSV.bgz", "writegz.duckdb", "DuckDB COPY (gzip)", HEAP, "writebgz.dh", null),
            new Row("Table → Parquet", "writeparquet.dh", "DataHandle (snappy)", HEAP, null, null),
            new Row("Table → Parquet", "writeparquet.duckdb", "DuckDB COPY (snappy)", HEAP, "writeparquet.dh", null),
            new Row("Table → Parquet", "writeparquet.pyarrow", "pyarrow parquet.write_table (snappy)", HEAP,
                    "writeparquet.dh", null),
            new Row("BGZF compress", "bgzfwrite.dh", "DataHandle", "-Xmx256m", null, null),
            new Row("BGZF compress", "bgzfwrite.bgzip", "bgzip -l 6 -@N", "-Xmx256m", "bgzfwrite.dh", "≤ 1.00"),
            new Row("BGZF compress", "bgzfwrite.dh-jdk", "DataHandle, JDK zlib (-Ddatahandle.deflate=jdk)", "-Xmx256m",
                    "bgzfwrite.dh", null),
            new Row("BGZF decompress", "bgzfread.dh", "DataHandle", "-Xmx256m", null, null),
            new Row("BGZF decompress", "bgzfread.jdk", "JDK GZIPInputStream (1 thread)", "-Xmx256m", "bgzfread.dh",
                    "≤ 0.59"),
            new Row("BGZF decompress", "bgzfread.bgzip", "bgzip -d -@N", "-Xmx256m", "bgzfread.dh", null),
            new Row("BGZF decompress", "bgzfread.dh-jdk", "DataHandle, JDK zlib (-Ddatahandle.deflate=jdk)", "-Xmx256m",
                    "bgzfread.dh", null),
            new Row("CSV stream (batches)", "stream.dh", "DataHandle, -Xmx256m", "-Xmx256m", null, null),
            new Row("Catalog.load, 10,000 handles", "catalog.dh", "DataHandle", "-Xmx512m", null, "< 1 s"),
            new Row("Table → PostgreSQL", "pgwrite.dh", "DataHandle (COPY)", HEAP, null, null),
            new Row("Table → PostgreSQL", "pgwrite.psql", "psql \\copy from CSV", HEAP, "pgwrite.dh", "≤ 1.25"),
            new Row("PostgreSQL → Table", "pgread.dh", "DataHandle", HEAP, null, null),
            new Row("PostgreSQL → Table", "pgread.psql", "psql COPY … TO STDOUT", HEAP, "pgread.dh", "≤ 1.25"),
            new Row("Table → MariaDB", "mariawrite.dh", "DataHandle (LOAD DATA LOCAL)", HEAP, null, null),
            new Row("Table → MariaDB", "mariawrite.load", "mariadb LOAD DATA LOCAL INFILE from CSV", HEAP,
                    "mariawrite.dh", "≤ 1.25"),
            new Row("MariaDB → Table", "mariaread.dh", "DataHandle", HEAP, null, null),
            new Row("MariaDB → Table", "mariaread.batch", "mariadb --batch --quick", HEAP, "mariaread.dh", "≤ 1.25"),
            new Row("Table → SQLite", "sqlitewrite.dh", "DataHandle (batches, one transaction)", HEAP, null, null),
            new Row("Table → SQLite", "sqlitewrite.import", "sqlite3 .import --csv", HEAP, "sqlitewrite.dh", "≤ 1.25"),
            new Row("SQLite → Table", "sqliteread.dh", "DataHandle", HEAP, null, null),
            new Row("SQLite → Table", "sqliteread.csv", "sqlite3 -csv", HEAP, "sqliteread.dh", "≤ 1.25"),
            // Spark through a handle (datahandle-spark) against the same Spark calls on the same files
            new Row("Spark: CSV read", "csv.spark.dh", "SparkHandles.read", HEAP, null, null),
            new Row("Spark: CSV read", "csv.spark", "spark.read().csv", HEAP, "csv.spark.dh", "≤ 1.05"),
            new Row("Spark: Parquet read", "parquet.spark.dh", "SparkHandles.read", HEAP, null, null),
            new Row("Spark: Parquet read", "parquet.spark", "spark.read().parquet", HEAP, "parquet.spark.dh", "≤ 1.05"),
            new Row("Spark: Parquet write", "writeparquet.spark.dh", "SparkHandles.write", HEAP, null, null),
            new Row("Spark: Parquet write", "writeparquet.spark", "df.write().parquet", HEAP, "writeparquet.spark.dh",
                    "≤ 1.05"),
            new Row("Spark: CSV write", "writecsv.spark.dh", "SparkHandles.write", HEAP, null, null),
            new Row("Spark: CSV write", "writecsv.spark", "df.write().csv", HEAP, "writecsv.spark.dh", "≤ 1.05"));

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            options.put(a.substring(2, eq), a.substring(eq + 1));
        }
        Path work = Path.of(options.getOrDefault("work", "bench-work")).toAbsolutePath();
        int rows = Integer.parseInt(options.getOrDefault("rows", "5000000"));
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "3"));
        String only = options.getOrDefault("only", "");
        Set<String> selected = only.isBlank() ? Set.of() : Set.of(only.split(","));
        int arrowRows = Integer.parseInt(options.getOrDefault("arrowRows", "32000000"));
        Path python = Path.of(options.getOrDefault("python", ".venv/bin/python"));
        pyarrowPython = python;
        if (selected.equals(Set.of("arrow"))) {
            // the exchange section needs none of the CSV data
            String section = arrow(work, arrowRows, iterations, python);
            System.out.println();
            System.out.print(section);
            Files.createDirectories(work);
            Files.writeString(work.resolve("results-arrow.md"), section);
            return;
        }

        if (options.getOrDefault("suite", "").equals("vcf")) {
            VcfBench.run(work, iterations, selected);
            return;
        }
        DataGenerator.DataFiles files = DataGenerator.ensure(work, rows);
        long csvBytes = Files.size(files.csv);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "data: %,d rows, %,d bytes of CSV (gz %,d, bgz %,d, zst %,d, parquet %,d); "
                + "%d cores; best of %d after 1 warm-up, each case in its own JVM%n", rows, csvBytes,
                Files.size(files.gz), Files.size(files.bgz), Files.size(files.zst), Files.size(files.parquet), cores,
                iterations);

        Map<String, String[]> results = new HashMap<>();
        List<String> servers = new ArrayList<>();
        for (Row row : ROWS) {
            if (!selected.isEmpty() && !selected.contains(row.name())) {
                continue;
            }
            if (servers.isEmpty() && (row.name().startsWith("pg") || row.name().startsWith("maria"))) {
                // the test fixtures' servers, started once here and stopped when this JVM ends
                servers.add("-Dbench.pg.port=" + org.datahandle.testing.db.PostgresServer.get().port());
                servers.add("-Dbench.maria.port=" + org.datahandle.testing.db.MariaDbServer.get().port());
            }
            int n = row.name().equals("catalog.dh") ? Math.max(iterations, 5) : iterations;
            results.put(row.name(), fork(row.name(), row.heap(), files, n, 1, servers));
        }
        StringBuilder out = new StringBuilder();
        // CPU s: the process's CPU time in the best run, all threads; steadier than wall time on a shared machine
        out.append("| case | implementation | best s | CPU s | MB/s | peak heap MB | peak RSS MB | DataHandle ÷ this (time) "
                + "| target |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row row : ROWS) {
            String[] r = results.get(row.name());
            if (r == null) {
                continue;
            }
            double seconds = Long.parseLong(r[2]) / 1e9;
            String ratio = "";
            String target = row.target() == null ? "" : row.target();
            if (row.peerOf() != null && results.containsKey(row.peerOf())) {
                double ours = Long.parseLong(results.get(row.peerOf())[2]) / 1e9;
                double q = ours / seconds;
                ratio = String.format(Locale.ROOT, "%.2f", q);
                if (row.target() != null) {
                    double limit = Double.parseDouble(row.target().replaceAll("[^0-9.]", ""));
                    target += q <= limit ? " met" : " **missed**";
                }
            } else if (row.name().equals("catalog.dh")) {
                target += seconds < 1 ? " met" : " **missed**";
                ratio = String.format(Locale.ROOT, "first run %.2f s", Long.parseLong(r[3]) / 1e9);
            }
            boolean dataCase = !row.name().startsWith("catalog");
            String cpu = r.length > 7 && Long.parseLong(r[7]) >= 0
                    ? String.format(Locale.ROOT, "%.2f", Long.parseLong(r[7]) / 1e9) : "";
            out.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %s | %s | %s | %s | %s |%n", row.group(),
                    row.label(), seconds, cpu, dataCase ? String.format(Locale.ROOT, "%.0f", csvBytes / 1e6 / seconds) : "",
                    mb(r[4]), mb(r[5]), ratio, target));
        }
        if (selected.isEmpty() || selected.contains("heap")) {
            String[] h = fork("heap", HEAP, files, 1, 0, List.of());
            double retained = Long.parseLong(h[2]);
            double raw = Long.parseLong(h[4]);
            out.append(String.format(Locale.ROOT, "%nTable heap (CSV, %s rows, %s): retained %.1f MB measured after GC, "
                    + "heapBytes() %.1f MB, raw column bytes %.1f MB: **%.2f × raw** (target ≤ 1.30: %s)%n", h[6],
                    h[7], retained / 1e6, Long.parseLong(h[3]) / 1e6, raw / 1e6, retained / raw,
                    retained / raw <= 1.3 ? "met" : "**missed**"));
        }
        if (selected.isEmpty() || selected.contains("startup")) {
            Path log = work.resolve("startup-classes.log");
            Files.deleteIfExists(log);
            String[] s = fork("startup", "-Xmx256m", files, 1, 0, List.of("-Xlog:class+load=info:file=" + log));
            long hadoop;
            try (var lines = Files.lines(log)) {
                hadoop = lines.filter(l -> l.contains("org.apache.hadoop")).count();
            }
            out.append(String.format(Locale.ROOT, "%nStart-up (fresh JVM, local CSV handle, first batch): first row %d ms "
                    + "after JVM start, %s classes loaded, %d org.apache.hadoop classes loaded (class-load log: %s), "
                    + "peak RSS %s MB%n", Long.parseLong(s[2]) / 1_000_000, s[7], hadoop, log.getFileName(), mb(s[5])));
        }
        if (selected.isEmpty() || selected.contains("arrow")) {
            out.append(System.lineSeparator()).append(arrow(work, arrowRows, iterations, python));
        }
        System.out.println();
        System.out.print(out);
        Files.writeString(work.resolve("results.md"), out);
    }

    /** Runs {@link ArrowExchangeMain} in its own JVM and returns its Markdown section. */
    private static String arrow(Path work, int rows, int iterations, Path python) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), HEAP, "-cp", System.getProperty("java.class.path"), ArrowExchangeMain.class.getName(),
                work.resolve("arrow").toString(), Integer.toString(rows), Integer.toString(iterations),
                python.toString()));
        System.out.println("running arrow exchange (" + rows + " rows) ...");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder section = new StringBuilder();
        List<String> other = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("|") || line.startsWith(">") || line.isEmpty()) {
                    section.append(line).append('\n');
                } else {
                    other.add(line);
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the arrow exchange case failed (exit " + p.exitValue() + "):\n"
                    + String.join("\n", other));
        }
        return "Arrow exchange through shared memory:\n\n" + section;
    }

    private static String mb(String bytes) {
        long b = Long.parseLong(bytes);
        return b < 0 ? "" : String.format(Locale.ROOT, "%.0f", b / 1e6);
    }

    /** The Python with pyarrow that runs the {@code *.pyarrow} cases. */
    private static Path pyarrowPython = Path.of(".venv/bin/python");

    /**
     * The command of one pyarrow case: {@code bench/pyarrow_peers.py} in the project's Python, with as many
     * threads as a Java case has cores, timed in its own process like a Java case.
     */
    private static List<String> pyarrowCommand(String name, DataGenerator.DataFiles files, int iterations,
            int warmups) throws IOException {
        if (!Files.isExecutable(pyarrowPython)) {
            throw new IllegalStateException("case " + name + " needs a Python with pyarrow at " + pyarrowPython
                    + " (.ci/run makes .venv/; or pass -Dbench.python=...)");
        }
        Path script = files.work.resolve("pyarrow_peers.py");
        try (var in = Bench.class.getResourceAsStream("/bench/pyarrow_peers.py")) {
            Files.write(script, in.readAllBytes());
        }
        return List.of(pyarrowPython.toString(), script.toString(), name, files.work.toString(),
                String.valueOf(iterations), String.valueOf(warmups),
                String.valueOf(Runtime.getRuntime().availableProcessors()));
    }

    /** Runs {@link CaseMain} in a new JVM (a pyarrow case in a new Python) and returns the fields of its RESULT line. */
    static String[] fork(String name, String heap, DataGenerator.DataFiles files, int iterations, int warmups,
            List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (name.endsWith(".pyarrow")) {
            command.addAll(pyarrowCommand(name, files, iterations, warmups));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add(heap);
            command.addAll(jvmOptions);
            if (name.endsWith(JDK_DEFLATE)) {
                // the same case with the JDK's zlib instead of libdeflate (docs/performance.md, issues 14 and 18)
                command.add("-Ddatahandle.deflate=jdk");
            }
            // e.g. -Dbench.caseJvm=-XX:StartFlightRecording=filename=/tmp/{case}.jfr to profile each case
            String extra = System.getProperty("bench.caseJvm", "");
            if (!extra.isBlank()) {
                command.addAll(List.of(extra.trim().replace("{case}", name).split("\\s+")));
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(CaseMain.class.getName());
            String caseName = name.endsWith(JDK_DEFLATE) ? name.substring(0, name.length() - JDK_DEFLATE.length()) : name;
            command.addAll(List.of(caseName, files.work.toString(), String.valueOf(iterations), String.valueOf(warmups)));
        }
        System.out.println("running " + name + " ...");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String[] result = null;
        List<String> other = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT\t")) {
                    result = line.split("\t");
                } else {
                    other.add(line);
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("case " + name + " failed (exit " + p.exitValue() + "):\n"
                    + other.stream().collect(Collectors.joining("\n")));
        }
        System.out.println("  " + Arrays.toString(result));
        other.stream().filter(l -> l.startsWith("deflate provider: ")).forEach(l -> System.out.println("  " + l));
        return result;
    }
}
