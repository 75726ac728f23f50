package org.datahandle.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.datahandle.Catalog;
import org.datahandle.formats.compress.BgzfCodec;
import org.datahandle.table.Table;

/** The cases, by the name {@link Bench} passes to {@link CaseMain}. */
final class Cases {
    static final int THREADS = Runtime.getRuntime().availableProcessors();

    private Cases() {}

    static BenchCase create(String name, DataGenerator.DataFiles f) throws Exception {
        return switch (name) {
            case "csv.dh", "csv.dh.384m" -> read(f, "csv");
            case "csvgz.dh" -> read(f, "csvgz");
            case "csvbgz.dh" -> read(f, "csvbgz");
            case "csvzst.dh" -> read(f, "csvzst");
            case "parquet.dh" -> read(f, "parquet");
            case "csv.duckdb" -> duckLoad("read_csv('" + f.csv + "')");
            case "csvgz.duckdb" -> duckLoad("read_csv('" + f.gz + "', compression='gzip')");
            case "csvbgz.duckdb" -> duckLoad("read_csv('" + f.bgz + "', compression='gzip')");
            case "csvzst.duckdb" -> duckLoad("read_csv('" + f.zst + "', compression='zstd')");
            case "parquet.duckdb" -> duckLoad("read_parquet('" + f.parquet + "')");
            case "parquet.java" -> () -> groupRead(f.parquet);
            case "csv.fastcsv" -> () -> fastCsv(f.csv);
            case "writebgz.dh" -> write(f, "outbgz", f.work.resolve("out"));
            case "writeparquet.dh" -> write(f, "outparquet", f.work.resolve("out"));
            case "writegz.duckdb" -> duckCopy(f, "out.csv.gz", "FORMAT csv, HEADER, COMPRESSION gzip");
            case "writeparquet.duckdb" -> duckCopy(f, "out.parquet", "FORMAT parquet, COMPRESSION snappy");
            case "bgzfwrite.dh" -> () -> bgzfCompress(f.csv, f.work.resolve("out-dh.csv.bgz"));
            case "bgzfwrite.bgzip" -> () -> tool(f.work.resolve("out-bgzip.csv.bgz"), "bgzip", "-@" + THREADS,
                    "-l", "6", "-c", f.csv.toString());
            case "bgzfread.dh" -> () -> drain(new BgzfCodec().decompress(Files.newInputStream(f.bgz)));
            case "bgzfread.jdk" -> () -> drain(new GZIPInputStream(Files.newInputStream(f.bgz), 1 << 16));
            case "bgzfread.bgzip" -> () -> tool(Path.of("/dev/null"), "bgzip", "-d", "-@" + THREADS, "-c",
                    f.bgz.toString());
            case "catalog.dh" -> () -> {
                try (Catalog c = Catalog.load(f.bigCatalog)) {
                    return c.handles().size();
                }
            };
            case "stream.dh" -> () -> {
                try (Catalog c = Catalog.load(f.workflow); var s = c.get("csv").stream()) {
                    long rows = 0;
                    while (s.hasNext()) {
                        rows += s.next().rowCount();
                    }
                    return rows;
                }
            };
            case "vcf.dh" -> vcfRead(f, "chr22");
            case "vcfsites.dh" -> vcfRead(f, "chr22sites");
            case "vcfregion.dh" -> vcfRead(f, "chr22region");
            case "vcf.bcftools" -> () -> tool(Path.of("/dev/null"), "bcftools", "view",
                    VcfBench.file(f.work).toString());
            case "vcf.htsjdk" -> () -> HtsjdkPeer.read(VcfBench.file(f.work));
            default -> {
                if (name.contains(".spark")) {
                    yield SparkCases.create(name, f);
                }
                yield DbCases.create(name, f).orElseThrow(() -> new IllegalArgumentException("unknown case " + name));
            }
        };
    }

    private static BenchCase vcfRead(DataGenerator.DataFiles f, String handle) {
        Path workflow = VcfBench.workflow(VcfBench.file(f.work), handle);
        return () -> {
            try (Catalog c = Catalog.load(workflow)) {
                return c.get(handle).read().rowCount();
            }
        };
    }

    private static BenchCase read(DataGenerator.DataFiles f, String handle) {
        return () -> {
            try (Catalog c = Catalog.load(f.workflow)) {
                return c.get(handle).read().rowCount();
            }
        };
    }

    /** Writes a table read beforehand (from the Parquet copy) through a handle, as an operator does. */
    private static BenchCase write(DataGenerator.DataFiles f, String handle, Path outDir) {
        Table table;
        try (Catalog c = Catalog.load(f.workflow)) {
            table = c.get("parquet").read();
        }
        return new BenchCase() {
            @Override
            public void beforeEach() throws IOException {
                deleteTree(outDir);
            }

            @Override
            public long run() {
                try (Catalog c = Catalog.load(f.workflow)) {
                    c.get(handle).write(table);
                }
                return table.rowCount();
            }
        };
    }

    private static BenchCase duckLoad(String source) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        s.execute("SET threads=" + THREADS);
        return new BenchCase() {
            @Override
            public void beforeEach() throws SQLException {
                s.execute("DROP TABLE IF EXISTS t");
            }

            @Override
            public long run() throws SQLException {
                s.execute("CREATE TABLE t AS SELECT * FROM " + source);
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
                    r.next();
                    return r.getLong(1);
                }
            }

            @Override
            public void close() throws SQLException {
                s.close();
                c.close();
            }
        };
    }

    private static BenchCase duckCopy(DataGenerator.DataFiles f, String file, String options) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        s.execute("SET threads=" + THREADS);
        s.execute("CREATE TABLE t AS SELECT * FROM read_parquet('" + f.parquet + "')");
        Path out = f.work.resolve("out-duckdb").resolve(file);
        return new BenchCase() {
            @Override
            public void beforeEach() throws IOException {
                deleteTree(out.getParent());
                Files.createDirectories(out.getParent());
            }

            @Override
            public long run() throws SQLException {
                s.execute("COPY t TO '" + out + "' (" + options + ")");
                return rows(s);
            }

            @Override
            public void close() throws SQLException {
                s.close();
                c.close();
            }
        };
    }

    private static long rows(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * FastCSV, the fastest Java CSV reader, as a bound on tokenising alone: every record split into its
     * fields (a String each), on one thread, with no types and no columns built.
     */
    private static long fastCsv(Path file) throws IOException {
        long rows = 0;
        long fields = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord record : reader) {
                rows++;
                fields += record.getFieldCount();
            }
        }
        if (fields != rows * 5) {
            throw new IllegalStateException("FastCSV read " + fields + " fields in " + rows + " records");
        }
        return rows - 1; // the header is a record to FastCSV
    }

    /** parquet-java's own example reader: every record assembled as a {@link Group}. */
    private static long groupRead(Path file) throws IOException {
        long rows = 0;
        try (ParquetReader<Group> reader = new GroupReaderBuilder(file).build()) {
            while (reader.read() != null) {
                rows++;
            }
        }
        return rows;
    }

    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(Path file) {
            super(new LocalInputFile(file));
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }

    private static long bgzfCompress(Path in, Path out) throws IOException {
        try (InputStream i = Files.newInputStream(in);
                OutputStream o = new BgzfCodec().compress(Files.newOutputStream(out), Map.of("level", 6, "threads",
                        THREADS))) {
            i.transferTo(o);
        }
        return Files.size(in);
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }

    private static long tool(Path out, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue());
        }
        return 0;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
