package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.datahandle.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow JSON Schema agrees with the library: every workflow in docs/ that the library loads
 * passes the schema, as does what {@code toYaml()} writes; documents the library refuses for
 * their structure fail it.
 */
class WorkflowSchemaDocsTest {
    private static final Path DOCS = Path.of(System.getProperty("datahandle.docs", "../docs"));
    private static final WorkflowSchema SCHEMA = WorkflowSchema.load();

    @TempDir
    Path dir;

    @Test
    void everyExampleWorkflowInTheDocsMatchesTheSchema() throws IOException {
        List<String> checked = new ArrayList<>();
        String example = Files.readString(DOCS.resolve("examples/workflow.yaml"));
        assertThat(SCHEMA.check(YamlTree.parse(example), "examples/workflow.yaml")).isEmpty();
        checked.add("examples/workflow.yaml");
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path md : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(md));
                int block = 0;
                while (m.find()) {
                    block++;
                    String name = md.getFileName() + " yaml block " + block;
                    if (!isCompleteWorkflow(m.group(1))) {
                        continue; // a fragment such as '<id>: {...}' in the reference, not a workflow
                    }
                    assertThat(SCHEMA.check(YamlTree.parse(m.group(1)), name)).as(name).isEmpty();
                    checked.add(name);
                }
            }
        }
        assertThat(checked).as("workflows checked").hasSizeGreaterThanOrEqualTo(7)
                .anyMatch(s -> s.startsWith("getting-started.md"))
                .anyMatch(s -> s.startsWith("engine-integration.md"))
                .anyMatch(s -> s.startsWith("spec.md"));
    }

    /** What the library loads is a workflow; paths need not exist, since loading does not read data. */
    private boolean isCompleteWorkflow(String yaml) {
        try (Catalog c = Catalog.builder().baseDirectory(dir).fromYaml(yaml)) {
            return !c.handles().isEmpty();
        } catch (SpecException e) {
            return false;
        }
    }

    @Test
    void whatToYamlWritesMatchesTheSchema() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "x,y\n1,2\n");
        try (Catalog c = Catalog.builder().baseDirectory(dir).fromYaml("""
                a: {disk: {path: a.csv, options: {header: true, schema: {x: int64}}}}
                b: {disk: {path: [b1.tsv.gz, b2.tsv.gz]}, memory: {format: rows}}
                t: {}
                """)) {
            String written = c.toYaml();
            assertThat(SCHEMA.check(YamlTree.parse(written), "toYaml")).as(written).isEmpty();
        }
    }

    @Test
    void structuralMistakesFailTheSchemaWithTheirPositions() {
        List<SpecException> errors = SCHEMA.check(YamlTree.parse("""
                dataHandles:
                  a: {disk: {path: a.csv, compression: rar}}
                  b: {disk: {format: csv}}
                  c: {memory: {format: rowz, isProduced: 'yes'}}
                  d: {disk: {path: []}}
                jobs: {anything: [goes, here]}
                """), "wf.yaml");
        assertThat(errors).extracting(SpecException::getMessage).anySatisfy(s -> assertThat(s)
                .startsWith("wf.yaml:2:").contains("handle 'a', field 'disk.compression'"));
        assertThat(errors).extracting(SpecException::getMessage).anySatisfy(s -> assertThat(s)
                .startsWith("wf.yaml:3:").contains("handle 'b', field 'disk'").contains("path"));
        assertThat(errors).extracting(SpecException::getMessage).anySatisfy(s -> assertThat(s)
                .startsWith("wf.yaml:4:").contains("memory.format"));
        assertThat(errors).extracting(SpecException::getMessage).anySatisfy(s -> assertThat(s)
                .startsWith("wf.yaml:4:").contains("memory.isProduced"));
        assertThat(errors).extracting(SpecException::getMessage).anySatisfy(s -> assertThat(s)
                .startsWith("wf.yaml:5:").contains("disk.path"));
        assertThat(errors).noneMatch(e -> e.getMessage().contains("jobs"));
    }

    @Test
    void bothDocumentShapesAndEmptyDocumentsAreAccepted() {
        assertThat(SCHEMA.check(YamlTree.parse("a: {disk: {path: a.csv}}\nscratch: {}\n"), "x")).isEmpty();
        assertThat(SCHEMA.check(YamlTree.parse("dataHandles:\nconfig: 3\n"), "x")).isEmpty();
        assertThat(SCHEMA.check(YamlTree.parse("# only a comment\n"), "x")).isEmpty();
        assertThat(SCHEMA.check(YamlTree.parse("- a\n- b\n"), "x")).isNotEmpty();
    }
}
