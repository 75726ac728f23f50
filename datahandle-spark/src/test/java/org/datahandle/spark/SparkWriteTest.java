package org.datahandle.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.NotProducedException;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** M2D by Spark's writers, published the library's way. */
@SuppressWarnings("unchecked") // read(Dataset.class) hands out the raw type
class SparkWriteTest {
    @TempDir
    Path dir;

    private static SparkSession spark() {
        return SparkTestSession.get();
    }

    /** 1,000 rows in 4 partitions, so the output has several part files. */
    private static Dataset<Row> sample() {
        return spark().range(0, 1000, 1, 4).toDF("id")
                .withColumn("chrom", functions.expr("cast(id % 3 + 1 as string)"))
                .withColumn("score", functions.expr("cast(id as double) * 0.5"));
    }

    @Test
    void publishesTheFolderWithARecordOfEveryPartFile() throws IOException {
        String yaml = "out: {disk: {path: out/scores.parquet/}, memory: {format: spark}}";
        try (Catalog c = Catalogs.of(yaml, dir)) {
            DataHandle h = c.get("out");
            assertThat(h.state().diskProduced()).isFalse();
            h.write(sample());
            assertThat(h.state().diskProduced()).isTrue();
        }
        Path folder = dir.resolve("out/scores.parquet");
        List<Path> parts;
        try (Stream<Path> s = Files.list(folder)) {
            parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        assertThat(parts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(folder.resolve("_SUCCESS")).exists();
        String record = Files.readString(dir.resolve("out/.scores.parquet.datahandle.json"));
        for (Path p : parts) {
            assertThat(record).contains(p.getFileName().toString()).contains("\"size\" : " + Files.size(p));
        }
        assertThat(record).contains("\"name\" : \"score\"", "\"type\" : \"float64\"");
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".staging-"));
        }
        // a fresh catalog: produced from storage, read back by Spark and by the library's own Parquet codec
        try (Catalog c = Catalogs.of(yaml + "\nplain: {disk: {path: out/scores.parquet/}}", dir)) {
            Dataset<Row> back = c.get("out").read(Dataset.class);
            assertThat(back.count()).isEqualTo(1000);
            assertThat(back.agg(functions.sum("score")).first().getDouble(0)).isEqualTo(249_750.0);
            Table table = c.get("plain").read();
            assertThat(table.rowCount()).isEqualTo(1000);
            assertThat(table.schema().names()).containsExactly("id", "chrom", "score");
        }
    }

    @Test
    void refusesProducedDataAndFilePaths() {
        try (Catalog c = Catalogs.of("out: {disk: {path: out.parquet/}, memory: {format: spark}}\n"
                + "file: {disk: {path: one.parquet}, memory: {format: spark}}\n"
                + "plain: {disk: {path: plain.csv/}}", dir)) {
            c.get("out").write(sample());
            c.get("out").dropMemory();
            assertThatThrownBy(() -> c.get("out").write(sample())).isInstanceOf(AlreadyProducedException.class);
            assertThatThrownBy(() -> c.get("file").write(sample())).isInstanceOf(UnsupportedFormatException.class)
                    .hasMessageContaining("folder path ending in '/'");
            // the library's own codecs do not write a job's folder
            assertThatThrownBy(() -> c.get("plain").write(SparkHandles.toTable(sample(), 10_000)))
                    .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("folder path");
            assertThat(dir.resolve("one.parquet")).doesNotExist();
        }
    }

    @Test
    void aFailingJobPublishesNothing() throws IOException {
        try (Catalog c = Catalogs.of("out: {disk: {path: out.parquet/}, memory: {format: spark}}", dir)) {
            // fails in a task after other tasks have written their parts
            Dataset<Row> failing = sample().withColumn("boom",
                    functions.expr("if(id = 990, raise_error('task failed on purpose'), id)"));
            assertThatThrownBy(() -> c.get("out").write(failing)).hasMessageContaining("task failed on purpose");
            assertThat(c.get("out").state().diskProduced()).isFalse();
            assertThat(dir.resolve("out.parquet")).doesNotExist();
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".staging-"));
            }
            c.get("out").write(sample()); // and the handle is writable again
            assertThat(c.get("out").state().diskProduced()).isTrue();
        }
    }

    @Test
    void twoWritersOneWinner() throws Exception {
        String yaml = "out: {disk: {path: out.parquet/}}";
        try (Catalog a = Catalogs.of(yaml, dir); Catalog b = Catalogs.of(yaml, dir)) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (Catalog c : List.of(a, b)) {
                    Callable<String> write = () -> {
                        start.await();
                        try {
                            SparkHandles.write(c.get("out"), sample());
                            return "won";
                        } catch (AlreadyProducedException e) {
                            return "lost";
                        }
                    };
                    results.add(pool.submit(write));
                }
                start.countDown();
                List<String> outcomes = new ArrayList<>();
                for (Future<String> f : results) {
                    outcomes.add(f.get());
                }
                assertThat(outcomes).containsExactlyInAnyOrder("won", "lost");
            } finally {
                pool.shutdownNow();
            }
            assertThat(SparkHandles.read(a.get("out"), spark()).count()).isEqualTo(1000);
        }
    }

    @Test
    void aFileChangedBehindSparksBackReadsAsNotProduced() throws IOException {
        try (Catalog c = Catalogs.of("out: {disk: {path: out.csv/}, memory: {format: spark}}", dir)) {
            c.get("out").write(sample());
            c.get("out").dropMemory();
            assertThat(c.get("out").read(Dataset.class).count()).isEqualTo(1000);
            c.get("out").dropMemory();
            Path part;
            try (Stream<Path> s = Files.list(dir.resolve("out.csv"))) {
                part = s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
            }
            Files.writeString(part, "9999,1,1.0\n", StandardOpenOption.APPEND);
            assertThat(c.get("out").state().diskProduced()).isFalse();
            assertThatThrownBy(() -> c.get("out").read(Dataset.class)).isInstanceOf(NotProducedException.class)
                    .hasMessageContaining(part.getFileName().toString());
        }
    }

    @Test
    void partitionedWritesMakeHiveFoldersAndReadBackTyped() throws IOException {
        String yaml = "calls: {disk: {path: calls.csv.gz/, partitionBy: chrom}, memory: {format: spark}}";
        try (Catalog c = Catalogs.of(yaml, dir)) {
            c.get("calls").write(sample());
        }
        assertThat(dir.resolve("calls.csv.gz/chrom=1")).isDirectory();
        assertThat(dir.resolve("calls.csv.gz/chrom=3")).isDirectory();
        try (Stream<Path> s = Files.walk(dir.resolve("calls.csv.gz"))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-")))
                    .isNotEmpty().allMatch(n -> n.endsWith(".csv.gz"));
        }
        try (Catalog c = Catalogs.of(yaml, dir)) {
            Dataset<Row> back = c.get("calls").read(Dataset.class);
            assertThat(back.schema().apply("id").dataType()).isEqualTo(DataTypes.LongType);
            assertThat(back.schema().apply("chrom").dataType()).isEqualTo(DataTypes.StringType);
            assertThat(back.where("chrom = '2'").count()).isEqualTo(333);
            assertThat(back.count()).isEqualTo(1000);
            c.get("calls").deleteDisk();
            assertThat(dir.resolve("calls.csv.gz")).doesNotExist();
            assertThat(c.get("calls").state().diskProduced()).isFalse();
        }
    }

    @Test
    void zstdWrittenBySparkReadsBackWithTheLibrarysCodec() throws IOException {
        try (Catalog c = Catalogs.of("z: {disk: {path: z.jsonl.zst/}, memory: {format: spark}}\n"
                + "lib: {disk: {path: z.jsonl.zst/}}", dir)) {
            c.get("z").write(sample());
            Table t = c.get("lib").read();
            assertThat(t.rowCount()).isEqualTo(1000);
        }
    }
}
