package org.datahandle.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.datahandle.docs.EngineLoop.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs cannot rot: every {@code ```java} block in the guides is the text of a tagged region of
 * a class in this package (so it compiles), every region is shown somewhere, and the examples run
 * against the YAML the same guides show.
 */
class DocsSnippetsTest {
    private static final Path DOCS = Path.of(System.getProperty("datahandle.docs", "../docs"));
    private static final Path SOURCES = Path.of("src/test/java/org/datahandle/docs");
    private static final List<String> GUIDES = List.of("getting-started.md", "engine-integration.md", "cli.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?:<!-- code: (\\S+)#(\\S+) -->\\n)?```java\\n(.*?)```",
            Pattern.DOTALL);
    private static final String SAMPLES = "sample_id,population,depth,passed_qc\n"
            + "S1,EUR,31.5,true\nS2,AFR,28.0,false\nS3,EUR,35.25,true\nS4,EAS,30.0,true\n";

    @TempDir
    Path dir;

    @Test
    void everyJavaBlockIsATaggedRegionOfCompiledCode() throws IOException {
        Set<String> shown = new HashSet<>();
        int blocks = 0;
        for (String guide : GUIDES) {
            Matcher m = JAVA_BLOCK.matcher(Files.readString(DOCS.resolve(guide)));
            while (m.find()) {
                blocks++;
                assertThat(m.group(1)).as(guide + ": a ```java block needs a '<!-- code: File.java#tag -->' line above it")
                        .isNotNull();
                String region = region(m.group(1), m.group(2));
                assertThat(m.group(3)).as(guide + " shows " + m.group(1) + "#" + m.group(2)).isEqualTo(region + "\n");
                shown.add(m.group(1) + "#" + m.group(2));
            }
        }
        assertThat(blocks).isGreaterThanOrEqualTo(5);
        assertThat(shown).containsExactlyInAnyOrderElementsOf(allRegions());
    }

    @Test
    void gettingStartedRunsAndSkipsFinishedWorkOnRestart() throws Exception {
        Path workflow = Files.writeString(dir.resolve("workflow.yaml"), yamlBlock("getting-started.md"));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/samples.csv"), SAMPLES);

        String first = captureOut(() -> GettingStarted.run(workflow));
        assertThat(first).doesNotContain("skipping");
        Path summary = dir.resolve("out/summary.tsv.gz");
        assertThat(summary).exists();
        assertThat(Files.readAllLines(dir.resolve("out/deep_samples.csv")))
                .containsExactly("sample_id,population,depth,passed_qc", "S1,EUR,31.5,true", "S3,EUR,35.25,true",
                        "S4,EAS,30.0,true");
        FileTime written = Files.getLastModifiedTime(summary);

        String second = captureOut(() -> GettingStarted.run(workflow));
        assertThat(second).contains("summary is produced: skipping").contains("deepSamples is produced: skipping");
        assertThat(Files.getLastModifiedTime(summary)).isEqualTo(written);
    }

    @Test
    void theEngineLoopSkipsRunsFailsAndBlocksAsDocumented() throws Exception {
        Path workflow = Files.writeString(dir.resolve("workflow.yaml"), yamlBlock("engine-integration.md"));
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/samples.csv.gz"), gzip(SAMPLES));
        byte[] legacy = gzip(SAMPLES);
        Files.write(dir.resolve("data/legacy.csv.gz"), java.util.Arrays.copyOf(legacy, legacy.length - 12));

        Map<String, Outcome> first = EngineExample.run(workflow);
        assertThat(first).containsExactly(Map.entry("filterQc", Outcome.RAN), Map.entry("report", Outcome.RAN),
                Map.entry("legacy", Outcome.FAILED), Map.entry("legacyReport", Outcome.BLOCKED));
        assertThat(Files.readAllLines(dir.resolve("out/report.csv"))).hasSize(4); // header + 3 passed samples
        assertThat(dir.resolve("out/legacy_copy.tsv")).doesNotExist();

        Map<String, Outcome> second = EngineExample.run(workflow);
        assertThat(second).containsExactly(Map.entry("filterQc", Outcome.RAN), Map.entry("report", Outcome.SKIPPED),
                Map.entry("legacy", Outcome.FAILED), Map.entry("legacyReport", Outcome.BLOCKED));
    }

    /** The first ```yaml block of a guide: the workflow it talks about. */
    static String yamlBlock(String guide) throws IOException {
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOCS.resolve(guide)));
        assertThat(m.find()).as(guide + " has a yaml block").isTrue();
        return m.group(1);
    }

    private static String region(String file, String tag) throws IOException {
        String source = Files.readString(SOURCES.resolve(file));
        Matcher m = Pattern.compile("(?m)^[ \\t]*// tag::" + Pattern.quote(tag) + "\\[\\]\\n(.*?)^[ \\t]*// end::"
                + Pattern.quote(tag) + "\\[\\]", Pattern.DOTALL).matcher(source);
        assertThat(m.find()).as(file + " has a region " + tag).isTrue();
        List<String> lines = m.group(1).stripTrailing().lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.isBlank() ? "" : l.substring(indent));
        }
        return String.join("\n", out);
    }

    private static Set<String> allRegions() throws IOException {
        Set<String> all = new HashSet<>();
        try (var files = Files.list(SOURCES)) {
            for (Path p : files.toList()) {
                Matcher m = Pattern.compile("// tag::(\\S+)\\[\\]").matcher(Files.readString(p));
                while (m.find()) {
                    all.add(p.getFileName() + "#" + m.group(1));
                }
            }
        }
        return all;
    }

    private interface Action {
        void run() throws Exception;
    }

    /** The examples print what they do, as a user would see it; the test reads that. */
    private static String captureOut(Action action) throws Exception {
        java.io.PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
