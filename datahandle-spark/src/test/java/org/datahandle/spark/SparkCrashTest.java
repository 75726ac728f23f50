package org.datahandle.spark;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Spark writer killed (SIGKILL) in the middle of its job publishes nothing, and frees the handle. */
class SparkCrashTest {
    @TempDir
    Path dir;

    @Test
    void aKilledSparkWriterPublishesNothing() throws Exception {
        String yaml = "out: {disk: {path: out.parquet/}, memory: {format: spark}}";
        Files.writeString(dir.resolve("workflow.yaml"), yaml);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-cp", System.getProperty("java.class.path"), SparkWriterChildMain.class.getName(), dir.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                Thread pump = new Thread(() -> out.lines().forEach(line -> {
                    synchronized (output) {
                        output.add(line);
                    }
                }));
                pump.setDaemon(true);
                pump.start();
                // kill once Spark's tasks have begun writing part files into the staging folder
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (!partsBeingWritten(dir)) {
                    assertThat(child.isAlive()).as("child exited early: %s", output).isTrue();
                    assertThat(System.nanoTime()).as("no part file appeared: %s", output).isLessThan(deadline);
                    Thread.sleep(50);
                }
                child.destroyForcibly(); // SIGKILL: no finally blocks, no shutdown hooks
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            child.destroyForcibly();
        }
        synchronized (output) {
            assertThat(output).doesNotContain("DONE");
        }
        assertThat(dir.resolve("out.parquet")).doesNotExist();
        assertThat(dir.resolve(".out.parquet.datahandle.json")).doesNotExist();
        try (Catalog c = Catalogs.of(yaml, dir)) {
            assertThat(c.get("out").state().diskProduced()).isFalse();
            // the dead writer's lock died with it: this process can write the handle now
            c.get("out").write(SparkTestSession.get().range(10).toDF("id"));
            assertThat(c.get("out").state().diskProduced()).isTrue();
        }
    }

    /** A part file inside the staging folder's {@code _temporary} tree. */
    private static boolean partsBeingWritten(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.anyMatch(p -> p.toString().contains("/.staging-") && p.toString().contains("_temporary")
                    && p.getFileName().toString().startsWith("part-"));
        } catch (java.io.UncheckedIOException e) {
            return false; // Spark renamed or removed a file during the walk; look again
        }
    }
}
