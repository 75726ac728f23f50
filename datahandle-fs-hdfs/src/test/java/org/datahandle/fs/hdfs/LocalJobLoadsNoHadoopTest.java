package org.datahandle.fs.hdfs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.datahandle.spi.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * With this module (and Hadoop) on the class path, a job that only reads local files loads no Hadoop
 * class: the HDFS factory is listed by the service loader but creates nothing until an {@code hdfs:}
 * path is used. The same child reading an HDFS handle does load Hadoop, which shows the check works.
 */
class LocalJobLoadsNoHadoopTest {
    /** The JVM's class-loading log: one line per loaded class, on standard output. */
    private static final List<String> LOG_CLASS_LOADS = List.of("-Xmx256m", "-Xlog:class+load=info");

    @RegisterExtension
    static final MiniDfs DFS = new MiniDfs();

    @TempDir
    Path dir;

    @Test
    void localCsvJobLoadsNoHadoopClass() throws Exception {
        Path csv = Files.writeString(dir.resolve("local.csv"), "a,b\n1,x\n2,y\n");

        List<String> lines = run(csv.toString());

        assertThat(lines).contains("ROWS 2");
        assertThat(lines).as("class-loading log").anyMatch(line -> line.contains("org.datahandle.fs.hdfs.HdfsFileSystemFactory"));
        assertThat(hadoopClasses(lines)).isEmpty();
    }

    @Test
    void hdfsJobDoesLoadHadoop() throws Exception {
        Location file = DFS.freshFolder().child("remote.csv");
        try (OutputStream out = DFS.client().create(DFS.path(file), false)) {
            out.write("a,b\n1,x\n2,y\n3,z\n".getBytes(UTF_8));
        }

        List<String> lines = run(file.toString());

        assertThat(lines).contains("ROWS 3");
        assertThat(hadoopClasses(lines)).isNotEmpty();
    }

    private static List<String> run(String path) throws Exception {
        try (ChildJvm child = ChildJvm.start(LOG_CLASS_LOADS, ClassLoadingChildMain.class, path)) {
            int exit = child.waitFor(120);
            assertThat(exit).as("child exit; it printed:\n%s", child.tail()).isZero();
            return child.lines();
        }
    }

    /** Lines like {@code [0.123s][info][class,load] org.apache.hadoop.conf.Configuration source: ...}. */
    private static List<String> hadoopClasses(List<String> lines) {
        return lines.stream().filter(line -> line.contains("[class,load] org.apache.hadoop.")).toList();
    }
}
