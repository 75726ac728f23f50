package org.datahandle.fs.hdfs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.ExternalWrite;
import org.datahandle.NotProducedException;
import org.datahandle.SpecException;
import org.datahandle.spi.Location;
import org.datahandle.table.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Handles whose paths are on HDFS, through the public API, with every built-in module on the class path. */
class HdfsHandlesEndToEndTest {
    @RegisterExtension
    static final MiniDfs DFS = new MiniDfs();

    /** {@code hdfs://localhost:<port>/t/<random>}, fresh per test. */
    private Location folder;

    @BeforeEach
    void freshFolder() {
        folder = DFS.freshFolder();
    }

    @Test
    void writeCsvGzThenReadBackInAnotherCatalog() throws IOException {
        String yaml = handle("out", folder.child("out.csv.gz"));
        try (Catalog c = catalog(yaml)) {
            c.get("out").write(Rows.of(1_000, "a"));
            assertThat(c.get("out").state().diskProduced()).isTrue();
        }
        try (InputStream in = new GZIPInputStream(DFS.client().open(DFS.path(folder.child("out.csv.gz"))))) {
            assertThat(new String(in.readAllBytes(), UTF_8)).startsWith("id,name,score\n0,a-0,0.0\n");
        }
        String record = read(folder.child(".out.csv.gz.datahandle.json"));
        // files are named relative to the record, so a moved or copied project keeps its records
        assertThat(record).contains("\"handle\"", "out", "crc32c", "\"path\" : \"out.csv.gz\"");
        try (Catalog c = catalog(yaml)) {
            DataHandle h = c.get("out");
            assertThat(h.state().diskProduced()).isTrue();
            Table t = h.read();
            assertThat(t.rowCount()).isEqualTo(1_000);
            assertThat(t.get(999, "name")).isEqualTo("a-999");
            assertThatThrownBy(() -> h.write(Rows.of(1, "again"))).isInstanceOf(AlreadyProducedException.class);
        }
    }

    @Test
    void pathWithoutNamenodeUsesFsDefaultFsFromTheOptions() throws IOException {
        String yaml = "out:\n  disk:\n    path: hdfs://" + folder.path() + "/out.csv\n";
        try (Catalog c = Catalog.builder().fileSystemOption("fs.defaultFS", DFS.uri().toString()).fromYaml(yaml)) {
            c.get("out").write(Rows.of(3, "d"));
            assertThat(c.get("out").disk().pathsForRead()).containsExactly(URI.create("hdfs://" + folder.path() + "/out.csv"));
        }
        assertThat(read(folder.child("out.csv"))).isEqualTo("id,name,score\n0,d-0,0.0\n1,d-1,0.5\n2,d-2,1.0\n");
        try (Catalog c = Catalog.builder().fileSystemOption("fs.defaultFS", DFS.uri().toString()).fromYaml(yaml)) {
            assertThat(c.get("out").read().rowCount()).isEqualTo(3);
        }
    }

    @Test
    void pathWithoutNamenodeAndNoHdfsDefaultFsFailsNamingThePath() {
        String yaml = "out:\n  disk:\n    path: hdfs://" + folder.path() + "/out.csv\n";
        try (Catalog c = Catalog.builder().fileSystemOption("fs.defaultFS", "file:///").fromYaml(yaml)) {
            assertThatThrownBy(() -> c.get("out").write(Rows.of(1, "x")))
                    .hasStackTraceContaining("fs.defaultFS").hasStackTraceContaining(folder.path() + "/.out.csv");
        }
    }

    @Test
    void truncatedFileReadsAsNotProduced() throws IOException {
        Location data = folder.child("out.csv");
        String yaml = handle("out", data);
        try (Catalog c = catalog(yaml)) {
            c.get("out").write(Rows.of(100, "a"));
        }
        String text = read(data);
        write(data, text.substring(0, text.length() / 2));
        try (Catalog c = catalog(yaml)) {
            DataHandle h = c.get("out");
            assertThat(h.state().diskProduced()).isFalse();
            assertThatThrownBy(h::read).isInstanceOf(NotProducedException.class).hasMessageContaining("out.csv")
                    .hasMessageContaining("bytes");
            h.write(Rows.of(3, "b"));
            assertThat(h.state().diskProduced()).isTrue();
        }
    }

    @Test
    void multiFileHandleIsAllOrNothing() throws IOException {
        Location p1 = folder.child("p1.csv");
        Location p2 = folder.child("p2.csv");
        String yaml = "out:\n  disk:\n    path: [" + p1 + ", " + p2 + "]\n";
        try (Catalog c = catalog(yaml)) {
            c.get("out").write(Rows.of(10, "a"));
        }
        try (Catalog c = catalog(yaml)) {
            assertThat(c.get("out").state().diskProduced()).isTrue();
            assertThat(c.get("out").disk().pathsForRead()).containsExactly(p1.uri(), p2.uri());
        }
        DFS.client().delete(DFS.path(p2), false);
        try (Catalog c = catalog(yaml)) {
            assertThat(c.get("out").state().diskProduced()).isFalse();
            assertThatThrownBy(() -> c.get("out").read()).hasMessageContaining("p2.csv").hasMessageContaining("missing");
        }
        // inputs from outside (no record): produced only when every part exists
        Location in1 = folder.child("in1.csv");
        write(in1, "a\n1\n");
        String input = "in:\n  disk:\n    path: [" + in1 + ", " + folder.child("in2.csv") + "]\n";
        try (Catalog c = catalog(input)) {
            assertThat(c.get("in").state().diskProduced()).isFalse();
            assertThatThrownBy(() -> c.get("in").read()).hasMessageContaining("in2.csv");
        }
    }

    @Test
    void aPartitionedHandleWritesOneFilePerValueUnderOneRecord() throws IOException {
        String yaml = "calls:\n  disk:\n    path: " + folder.child("chr*.csv.gz") + "\n    partitionBy: chrom\n";
        java.util.List<java.util.Map<String, Object>> rows = java.util.List.of(
                java.util.Map.of("chrom", "1", "pos", 10), java.util.Map.of("chrom", "X", "pos", 20));
        try (Catalog c = catalog(yaml)) {
            c.get("calls").write(rows);
        }
        assertThat(DFS.client().exists(DFS.path(folder.child("chr1.csv.gz")))).isTrue();
        assertThat(DFS.client().exists(DFS.path(folder.child("chrX.csv.gz")))).isTrue();
        try (Catalog c = catalog(yaml)) {
            assertThat(c.get("calls").read().rowCount()).isEqualTo(2);
            c.get("calls").deleteDisk();
        }
        assertThat(DFS.client().exists(DFS.path(folder.child("chr1.csv.gz")))).isFalse();
    }

    @Test
    void globReadsEveryMatchingFileAsOneTable() throws IOException {
        write(folder.child("chr2.csv"), "pos,ref\n12,G\n");
        write(folder.child("chr1.csv"), "pos,ref\n10,A\n11,C\n");
        write(folder.child("other.csv"), "pos,ref\n99,T\n");
        String yaml = "chr:\n  disk:\n    path: " + folder + "/chr*.csv\n";
        try (Catalog c = catalog(yaml)) {
            DataHandle h = c.get("chr");
            assertThat(h.disk().pathsForRead()).containsExactly(folder.child("chr1.csv").uri(),
                    folder.child("chr2.csv").uri());
            Table t = h.read();
            assertThat(t.rowCount()).isEqualTo(3);
            assertThat(t.get(0, "pos")).isEqualTo(10);
            assertThat(t.get(2, "ref")).isEqualTo("G");
        }
        try (Catalog c = catalog("chr:\n  disk:\n    path: " + folder + "/none*.csv\n")) {
            assertThatThrownBy(() -> c.get("chr").read()).isInstanceOf(NotProducedException.class)
                    .hasMessageContaining("no file matches");
        }
    }

    @Test
    void externalToolWritesStagedFilesWithTheHdfsClientThenCommits() throws IOException {
        Location target = folder.child("ext.csv");
        try (Catalog c = catalog(handle("ext", target))) {
            DataHandle h = c.get("ext");
            try (ExternalWrite w = h.disk().beginExternalWrite()) {
                URI staged = w.paths().get(0);
                assertThat(staged.getScheme()).isEqualTo("hdfs");
                assertThat(Location.of(staged).fileName()).startsWith(".").endsWith("ext.csv");
                try (FSDataOutputStream out = DFS.client().create(new org.apache.hadoop.fs.Path(staged), false)) {
                    out.write("a,b\n1,x\n2,y\n".getBytes(UTF_8));
                }
                assertThat(DFS.client().exists(DFS.path(target))).as("nothing at the final path before commit").isFalse();
                w.commit();
            }
            assertThat(h.state().diskProduced()).isTrue();
            assertThat(h.read().rowCount()).isEqualTo(2);
        }
        assertThat(DFS.client().exists(DFS.path(folder.child(".ext.csv.datahandle.json")))).isTrue();
        try (Catalog c = catalog(handle("ext2", folder.child("ext2.csv")))) {
            URI staged;
            try (ExternalWrite w = c.get("ext2").disk().beginExternalWrite()) {
                staged = w.paths().get(0);
                write(Location.of(staged), "a\n1\n");
            }
            assertThat(DFS.client().exists(new org.apache.hadoop.fs.Path(staged))).as("closed without commit").isFalse();
            assertThat(c.get("ext2").state().diskProduced()).isFalse();
        }
    }

    @Test
    void twoThreadsRacingToWriteOneHandle_exactlyOneWins() throws Exception {
        try (Catalog c = catalog(handle("out", folder.child("race.csv")))) {
            DataHandle h = c.get("out");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<String>> outcomes = new ArrayList<>();
            try {
                for (String tag : List.of("alpha", "beta")) {
                    Callable<String> writer = () -> {
                        start.await();
                        try {
                            h.write(Rows.of(2_000, tag));
                            return "won:" + tag;
                        } catch (AlreadyProducedException e) {
                            return "lost";
                        }
                    };
                    outcomes.add(pool.submit(writer));
                }
                start.countDown();
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get(120, TimeUnit.SECONDS));
                }
                assertThat(results).filteredOn(r -> r.startsWith("won:")).hasSize(1);
                assertThat(results).filteredOn("lost"::equals).hasSize(1);
                String winner = results.stream().filter(r -> r.startsWith("won:")).findFirst().orElseThrow().substring(4);
                h.dropMemory();
                Table t = h.read();
                assertThat(t.rowCount()).isEqualTo(2_000);
                for (int r = 0; r < t.rowCount(); r += 97) {
                    assertThat(t.get(r, "name")).isEqualTo(winner + "-" + r);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void isProducedTrueWithMissingDataIsASpecError() {
        String yaml = "in:\n  disk:\n    path: " + folder.child("missing.csv") + "\n    isProduced: true\n";
        assertThatThrownBy(() -> catalog(yaml).close()).isInstanceOf(SpecException.class)
                .hasMessageContaining("missing.csv");
    }

    private static Catalog catalog(String yaml) {
        Catalog.Builder builder = Catalog.builder();
        MiniDfs.FAST_CLIENT.forEach(builder::fileSystemOption);
        return builder.fromYaml(yaml);
    }

    private static String handle(String id, Location path) {
        return id + ":\n  disk:\n    path: " + path + "\n";
    }

    private static void write(Location location, String text) throws IOException {
        try (OutputStream out = DFS.client().create(DFS.path(location), true)) {
            out.write(text.getBytes(UTF_8));
        }
    }

    private static String read(Location location) throws IOException {
        try (InputStream in = DFS.client().open(DFS.path(location))) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
