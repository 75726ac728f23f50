package org.datahandle.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: a writer killed with SIGKILL mid-write leaves nothing produced, and of two JVMs
 * racing to write one handle exactly one wins (rules 11 and 12).
 */
class CrashSafetyTest {
    private static final String YAML = "out:\n  disk:\n    path: out/big.csv.gz\n";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void sigkillMidWriteLeavesTheHandleNotProducedAndNoFileAtTheFinalPath() throws Exception {
        Path workflow = Workflows.write(dir.resolve("workflow.yaml"), YAML);
        Path go = Workflows.write(dir.resolve("go"), "");
        Process child = startChild(workflow, 1_000_000, "killed", go);
        try {
            // wait until the child is well into staging: a staged file exists and keeps growing
            Path staged = waitForStagedFile(dir.resolve("out"), 256 * 1024, child);
            assertThat(staged.getFileName().toString()).startsWith(".staging-").endsWith("big.csv.gz");
            assertThat(dir.resolve("out/big.csv.gz")).doesNotExist();
        } finally {
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(dir.resolve("out/big.csv.gz")).doesNotExist();
        try (Catalog c = Catalog.load(workflow)) {
            DataHandle h = c.get("out");
            assertThat(h.state().diskProduced()).isFalse();
            // the dead writer's lock died with it, and its staged leftovers are cleaned by the next writer
            h.write(Workflows.rows(10, "after"));
            assertThat(h.state().diskProduced()).isTrue();
        }
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".staging-"));
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twoJvmsRacingToWriteOneHandle_exactlyOneWins() throws Exception {
        Path workflow = Workflows.write(dir.resolve("workflow.yaml"), YAML);
        Path go = dir.resolve("go");
        Process a = startChild(workflow, 50_000, "alpha", go);
        Process b = startChild(workflow, 50_000, "beta", go);
        Thread.sleep(1_500); // let both JVMs start and load the catalog before the gun
        Workflows.write(go, "");
        List<String> outcomes = new ArrayList<>();
        for (Process p : List.of(a, b)) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
            outcomes.add(lastLine(p));
        }
        assertThat(outcomes).filteredOn("WON"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.startsWith("LOST")).hasSize(1);
        String winner = outcomes.get(0).equals("WON") ? "alpha" : "beta";
        try (Catalog c = Catalog.load(workflow)) {
            Table t = c.get("out").read();
            assertThat(t.rowCount()).isEqualTo(50_000);
            for (int r = 0; r < t.rowCount(); r += 997) {
                assertThat(t.get(r, "name")).isEqualTo(winner + "-" + r);
            }
        }
    }

    private static Process startChild(Path workflow, int rows, String tag, Path go) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                ChildWriter.class.getName(), workflow.toString(), "out", Integer.toString(rows), tag, go.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static Path waitForStagedFile(Path folder, long minBytes, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("child ended before it was killed: " + lastLine(child));
            }
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path p : files.toList()) {
                        if (p.getFileName().toString().startsWith(".staging-") && Files.size(p) >= minBytes) {
                            return p;
                        }
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no staged file of " + minBytes + " bytes appeared");
    }

    private static String lastLine(Process p) throws IOException {
        String last = "";
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                all.append(line).append('\n');
                if (!line.isBlank()) {
                    last = line;
                }
            }
        }
        if (!last.equals("WON") && !last.startsWith("LOST")) {
            return all.toString();
        }
        return last;
    }
}
