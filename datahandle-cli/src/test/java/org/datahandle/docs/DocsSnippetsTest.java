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
import org.datahandle.docs.EngineLoop.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs cannot rot: every {@code ```java} block on every page (docs/*.md and README.md) is the
 * text of a tagged region of a class in this package (so it compiles), every region is shown
 * somewhere, and the guides' examples run against the YAML the same guides show. The reference
 * pages' examples run in {@link ReferenceExamplesTest}.
 */
class DocsSnippetsTest {
    private static final Path SOURCES = Path.of("src/test/java/org/datahandle/docs");
    private static final Pattern CODE_MARKER = Pattern.compile("code: (\\S+)#(\\S+)");
    private static final String SAMPLES = "sample_id,population,depth,passed_qc\n"
            + "S1,EUR,31.5,true\nS2,AFR,28.0,false\nS3,EUR,35.25,true\nS4,EAS,30.0,true\n";

    @TempDir
    Path dir;

    @Test
    void everyJavaBlockOnEveryPageIsATaggedRegionOfCompiledCode() throws IOException {
        Set<String> shown = new HashSet<>();
        Set<String> pagesWithJava = new HashSet<>();
        for (Path page : DocPages.pages()) {
            for (DocPages.Block block : DocPages.blocks(page, "java")) {
                Matcher m = CODE_MARKER.matcher(block.marker() == null ? "" : block.marker());
                assertThat(m.matches()).as(block.name() + ": a ```java block needs a '<!-- code: File.java#tag -->' line"
                        + " right above it, naming the region of a class in " + SOURCES + " that it shows").isTrue();
                String region = region(m.group(1), m.group(2));
                assertThat(block.text()).as(block.name() + " shows " + m.group(1) + "#" + m.group(2))
                        .isEqualTo(region + "\n");
                if (!m.group(1).contains("/")) {
                    shown.add(m.group(1) + "#" + m.group(2));
                }
                pagesWithJava.add(block.page());
            }
        }
        // a broken scan (a renamed folder, a changed fence) must not pass by finding nothing
        assertThat(pagesWithJava).contains("README.md", "getting-started.md", "engine-integration.md", "formats.md",
                "filesystems.md");
        assertThat(shown).containsExactlyInAnyOrderElementsOf(allRegions());
    }

    /**
     * A snippet compiles as shown only with its imports: every page that shows a class's regions
     * shows that class's {@code imports} region before them, and that region holds every import of
     * the class, so none can be left out of the page.
     */
    @Test
    void everyPageShowsTheImportsOfTheCodeItShows() throws IOException {
        int checked = 0;
        for (Path page : DocPages.pages()) {
            Set<String> classesWithImports = new HashSet<>();
            for (DocPages.Block block : DocPages.blocks(page, "java")) {
                Matcher m = CODE_MARKER.matcher(block.marker() == null ? "" : block.marker());
                if (!m.matches()) {
                    continue; // reported by the test above
                }
                String file = m.group(1);
                if (file.contains("/")) {
                    // another module's test class (spark.md): its imports are a test's (JUnit, AssertJ),
                    // not a user's; that page's snippets are not held to this rule yet
                    continue;
                }
                if (m.group(2).equals("imports")) {
                    List<String> all = Files.readString(SOURCES.resolve(file)).lines()
                            .filter(l -> l.startsWith("import ")).toList();
                    assertThat(block.text().lines().toList()).as(block.name() + ": every import of " + file)
                            .containsExactlyElementsOf(all);
                    classesWithImports.add(file);
                    checked++;
                } else {
                    assertThat(classesWithImports).as(block.name() + " shows " + file + "#" + m.group(2)
                            + ": the page shows " + file + "#imports before it").contains(file);
                }
            }
        }
        assertThat(checked).as("pages with imports").isGreaterThanOrEqualTo(6);
    }

    /**
     * The getting-started pom is a whole project that Maven 3.8 builds: it pins a compiler plugin
     * that knows {@code maven.compiler.release} (3.6 or later; Maven 3.8 binds 3.1, which compiles
     * for Java 5 and fails on JDK 17), runs the class the page shows, and asks for artifacts this
     * build makes, at this build's version. (Checked by hand with Maven 3.8.7 for the compiler part:
     * without the pin, "Source option 5 is no longer supported".)
     */
    @Test
    void gettingStartedPomIsACompleteProjectOfThisBuild() throws IOException {
        String pom = DocPages.block("getting-started.md", "xml", 1);
        assertThat(pom).startsWith("<?xml").contains("<modelVersion>4.0.0</modelVersion>")
                .contains("<maven.compiler.release>17</maven.compiler.release>")
                .contains("<mainClass>com.example.GettingStarted</mainClass>");
        Matcher compiler = Pattern.compile("<artifactId>maven-compiler-plugin</artifactId>\\s*<version>3\\.(\\d+)\\.")
                .matcher(pom);
        assertThat(compiler.find()).as("the compiler plugin's version is pinned").isTrue();
        assertThat(Integer.parseInt(compiler.group(1))).as("compiler plugin 3.6+ knows 'release'").isGreaterThanOrEqualTo(6);
        Path root = DocPages.DOCS.getParent();
        String buildVersion = Pattern.compile("<version>([^<]+)</version>").matcher(Files.readString(root.resolve("pom.xml")))
                .results().skip(0).findFirst().orElseThrow().group(1);
        assertThat(pom).contains("<datahandle.version>" + buildVersion + "</datahandle.version>");
        Matcher artifacts = Pattern.compile("<groupId>org\\.datahandle</groupId>\\s*<artifactId>([^<]+)</artifactId>")
                .matcher(pom);
        int n = 0;
        while (artifacts.find()) {
            assertThat(root.resolve(artifacts.group(1)).resolve("pom.xml")).as("a module of this build").exists();
            n++;
        }
        assertThat(n).isEqualTo(4);
    }

    @Test
    void gettingStartedRunsAndSkipsFinishedWorkOnRestart() throws Exception {
        Path workflow = Files.writeString(dir.resolve("workflow.yaml"), DocPages.block("getting-started.md", "yaml", 1));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/samples.csv"), DocPages.block("getting-started.md", "csv", 1));
        assertThat(DocPages.block("getting-started.md", "csv", 1)).as("the page's sample data").isEqualTo(SAMPLES);

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
        Path workflow = Files.writeString(dir.resolve("workflow.yaml"), DocPages.block("engine-integration.md", "yaml", 1));
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/samples.csv.gz"), DocPages.gzip(SAMPLES));
        byte[] legacy = DocPages.gzip(SAMPLES);
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

    /**
     * A region of a class here, or of another module's test class ({@code datahandle-spark/src/test/...
     * /File.java}, from the repository root) for code whose dependencies this module does not have
     * (Spark); that module compiles and runs it.
     */
    private static String region(String file, String tag) throws IOException {
        String source = Files.readString(file.contains("/") ? Path.of("..").resolve(file) : SOURCES.resolve(file));
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

    interface Action {
        void run() throws Exception;
    }

    /** The examples print what they do, as a user would see it; the test reads that. */
    static String captureOut(Action action) throws Exception {
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
}
