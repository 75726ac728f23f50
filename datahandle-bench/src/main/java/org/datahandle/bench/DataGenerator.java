package org.datahandle.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the benchmark's input files once per work folder: a mixed-type CSV (int, long, double,
 * string, date, about 2-3 % nulls, 1 % quoted strings holding a comma), the same bytes as .gz, .bgz
 * and .zst (made by the command-line tools, so our own writers are not involved), a Parquet copy
 * made by DuckDB (snappy), a small CSV for the start-up case and a 10,000-handle workflow file.
 */
final class DataGenerator {
    /** Bumped when the data changes, so an old work folder is regenerated. */
    private static final String VERSION = "1";
    private static final String[] WORDS = {"india", "oscar", "kilo", "delta", "tango", "sierra", "lima", "echo",
        "golf", "hotel", "juliet", "mike", "papa", "quebec", "romeo", "uniform", "victor", "whiskey", "xray", "zulu"};

    private DataGenerator() {}

    static DataFiles ensure(Path work, int rows) throws IOException, InterruptedException, SQLException {
        Files.createDirectories(work);
        DataFiles f = new DataFiles(work);
        Path marker = work.resolve("data.version");
        String want = VERSION + " " + rows;
        if (Files.exists(marker) && Files.readString(marker).equals(want)) {
            return f;
        }
        System.out.println("generating " + rows + " rows into " + work + " (once per work folder) ...");
        writeCsv(f.csv, rows);
        writeCsv(f.smallCsv, 1000);
        sh(f.gz, "gzip", "-6", "-c", f.csv.toString());
        sh(f.bgz, "bgzip", "-@" + Runtime.getRuntime().availableProcessors(), "-l", "6", "-c", f.csv.toString());
        sh(f.zst, "zstd", "-3", "-T0", "-q", "-c", f.csv.toString());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + f.csv + "', header=true, columns={'id':'INTEGER',"
                    + "'amount':'BIGINT','price':'DOUBLE','label':'VARCHAR','event_date':'DATE'})) TO '" + f.parquet
                    + "' (FORMAT parquet, COMPRESSION snappy)");
        }
        writeWorkflow(f);
        writeBigCatalog(f.bigCatalog, 10_000);
        Files.writeString(marker, want);
        return f;
    }

    /** Every path the cases use. */
    static final class DataFiles {
        final Path work;
        final Path csv;
        final Path gz;
        final Path bgz;
        final Path zst;
        final Path parquet;
        final Path smallCsv;
        final Path workflow;
        final Path bigCatalog;

        DataFiles(Path work) {
            this.work = work;
            this.csv = work.resolve("data/data.csv");
            this.gz = work.resolve("data/data.csv.gz");
            this.bgz = work.resolve("data/data.csv.bgz");
            this.zst = work.resolve("data/data.csv.zst");
            this.parquet = work.resolve("data/data.parquet");
            this.smallCsv = work.resolve("data/small.csv");
            this.workflow = work.resolve("workflow.yaml");
            this.bigCatalog = work.resolve("catalog-10000.yaml");
        }
    }

    private static void writeCsv(Path file, int rows) throws IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(42);
        long epochDay = LocalDate.of(2010, 1, 1).toEpochDay();
        StringBuilder line = new StringBuilder(128);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write("id,amount,price,label,event_date\n".getBytes(StandardCharsets.US_ASCII));
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                line.append(r).append(',');
                line.append(3_000_000_000L + random.nextLong(2_000_000_000L)).append(',');
                if (random.nextInt(100) >= 2) {
                    line.append(random.nextInt(1_000_000) / 100).append('.').append(random.nextInt(10, 100));
                }
                line.append(',');
                int pick = random.nextInt(100);
                String word = WORDS[random.nextInt(WORDS.length)];
                if (pick == 0) {
                    line.append('"').append(word).append(", ").append(random.nextInt(1000)).append('"');
                } else if (pick > 2) {
                    line.append(word).append('_').append(random.nextInt(1000));
                }
                line.append(',');
                line.append(LocalDate.ofEpochDay(epochDay + random.nextInt(5000))).append('\n');
                for (int i = 0; i < line.length(); i++) {
                    out.write(line.charAt(i));
                }
            }
        }
    }

    /** The handles the cases read and write, all through one catalog. */
    private static void writeWorkflow(DataFiles f) throws IOException {
        String threads = String.valueOf(Runtime.getRuntime().availableProcessors());
        Files.writeString(f.workflow, String.join("\n",
                "dataHandles:",
                "  csv: {disk: {path: data/data.csv}}",
                "  csvgz: {disk: {path: data/data.csv.gz}}",
                "  csvbgz: {disk: {path: data/data.csv.bgz}}",
                "  csvzst: {disk: {path: data/data.csv.zst}}",
                "  parquet: {disk: {path: data/data.parquet}}",
                "  small: {disk: {path: data/small.csv}}",
                "  outbgz: {disk: {path: out/out.csv.bgz, options: {level: 6, threads: " + threads + "}}}",
                "  outparquet: {disk: {path: out/out.parquet, options: {compression: snappy}}}",
                ""));
    }

    /** 10,000 handles of mixed kinds; none of the files exist, as in a workflow that has not run yet. */
    private static void writeBigCatalog(Path file, int handles) throws IOException {
        List<String> kinds = List.of(
                "{disk: {path: data/h%d.csv}}",
                "{disk: {path: data/h%d.tsv.gz, options: {header: true}}}",
                "{disk: {path: results/h%d.parquet}, memory: {format: table}}",
                "{disk: {path: out/h%d.csv.bgz, options: {level: 6, delimiter: \",\"}}}",
                "{disk: {path: out/h%d.jsonl.zst}}");
        StringBuilder y = new StringBuilder(handles * 64).append("dataHandles:\n");
        for (int i = 0; i < handles; i++) {
            y.append("  handle_").append(i).append(": ").append(String.format(kinds.get(i % kinds.size()), i)).append('\n');
        }
        Files.writeString(file, y);
    }

    static void sh(Path out, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue());
        }
    }
}
