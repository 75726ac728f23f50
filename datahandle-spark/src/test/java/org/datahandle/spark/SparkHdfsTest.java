package org.datahandle.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.NotProducedException;
import org.datahandle.fs.hdfs.MiniDfs;
import org.datahandle.spi.Location;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Spark reading and publishing handles on a real (in-process) HDFS. */
@SuppressWarnings("unchecked") // read(Dataset.class) hands out the raw type
class SparkHdfsTest {
    @RegisterExtension
    static final MiniDfs DFS = new MiniDfs();

    @TempDir
    Path dir;

    @Test
    void publishOnHdfsByOneFolderRenameThenReadBack() throws Exception {
        Location folder = DFS.freshFolder();
        String yaml = "calls: {disk: {path: '" + folder.child("calls.parquet") + "/', partitionBy: chrom},"
                + " memory: {format: spark}}\n"
                + "plain: {disk: {path: '" + folder.child("calls.parquet") + "/'}}";
        Dataset<Row> data = SparkTestSession.get().range(0, 600, 1, 3).toDF("id")
                .withColumn("chrom", functions.expr("concat('chr', cast(id % 2 + 1 as string))"));
        try (Catalog c = Catalogs.of(yaml, dir)) {
            DataHandle h = c.get("calls");
            h.write(data);
            assertThat(h.state().diskProduced()).isTrue();
            assertThatThrownBy(() -> SparkHandles.write(c.get("plain"), data)).isInstanceOf(AlreadyProducedException.class);
        }
        org.apache.hadoop.fs.Path root = DFS.path(folder.child("calls.parquet"));
        assertThat(DFS.client().exists(new org.apache.hadoop.fs.Path(root, "chrom=chr1"))).isTrue();
        assertThat(DFS.client().exists(new org.apache.hadoop.fs.Path(root, "_SUCCESS"))).isTrue();
        for (FileStatus s : DFS.client().listStatus(DFS.path(folder))) {
            assertThat(s.getPath().getName()).doesNotStartWith(".staging-");
        }
        try (Catalog c = Catalogs.of(yaml, dir)) {
            Dataset<Row> back = c.get("calls").read(Dataset.class);
            assertThat(back.count()).isEqualTo(600);
            assertThat(back.where("chrom = 'chr2'").count()).isEqualTo(300);
            // the library's own reader sees the same part files (without the folder-name column)
            Table table = c.get("plain").read();
            assertThat(table.rowCount()).isEqualTo(600);
        }
        // a part changed behind Spark's back: not produced, with the reason
        FileStatus part = null;
        for (FileStatus s : DFS.client().listStatus(new org.apache.hadoop.fs.Path(root, "chrom=chr1"))) {
            if (s.getPath().getName().startsWith("part-")) {
                part = s;
            }
        }
        assertThat(part).isNotNull();
        DFS.client().delete(part.getPath(), false);
        try (FSDataOutputStream out = DFS.client().create(part.getPath())) {
            out.write("not parquet".getBytes(StandardCharsets.UTF_8));
        }
        try (Catalog c = Catalogs.of(yaml, dir)) {
            assertThat(c.get("calls").state().diskProduced()).isFalse();
            assertThatThrownBy(() -> c.get("calls").read(Dataset.class)).isInstanceOf(NotProducedException.class)
                    .hasMessageContaining(part.getPath().getName());
        }
    }
}
