package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datahandle.Catalog;
import org.datahandle.SpecException;
import org.datahandle.docs.DocPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow JSON Schema agrees with the library: every workflow in docs/ and the README loads
 * and passes the schema, as does what {@code toYaml()} writes; documents the library refuses for
 * their structure fail it.
 */
class WorkflowSchemaDocsTest {
    private static final Path DOCS = DocPages.DOCS;
    private static final WorkflowSchema SCHEMA = WorkflowSchema.load();

    @TempDir
    Path dir;

    /**
     * Every {@code ```yaml} block on every page (docs/*.md and README.md) is a workflow the library
     * loads and the schema accepts, unless a marker right above it says otherwise:
     * {@code <!-- yaml: fragment ... -->} (part of a workflow, such as the shape of one handle: not
     * checked) or {@code <!-- yaml: toYaml output ... -->} (what {@code toYaml()} wrote on some
     * machine, whose {@code isProduced: true} needs that machine's files: schema only).
     */
    @Test
    void everyYamlBlockOnEveryPageIsAWorkflowTheLibraryAndTheSchemaAccept() throws IOException {
        List<String> checked = new ArrayList<>();
        String example = Files.readString(DOCS.resolve("examples/workflow.yaml"));
        assertThat(SCHEMA.check(YamlTree.parse(example), "examples/workflow.yaml")).isEmpty();
        assertThat(loadProblem(example)).as("examples/workflow.yaml").isNull();
        checked.add("examples/workflow.yaml");
        int fragments = 0;
        for (Path page : DocPages.pages()) {
            for (DocPages.Block block : DocPages.blocks(page, "yaml")) {
                String marker = block.marker() == null ? "" : block.marker();
                if (marker.startsWith("yaml: fragment")) {
                    fragments++;
                    continue;
                }
                assertThat(SCHEMA.check(YamlTree.parse(block.text()), block.name())).as(block.name()).isEmpty();
                if (!marker.startsWith("yaml: toYaml output")) {
                    assertThat(loadProblem(block.text())).as(block.name() + " must be a workflow the library loads,"
                            + " or be marked '<!-- yaml: fragment ... -->' right above its fence").isNull();
                }
                checked.add(block.name());
            }
        }
        assertThat(fragments).as("spec.md's '<id>:' shape is the one fragment").isEqualTo(1);
        assertThat(checked).as("workflows checked").hasSizeGreaterThanOrEqualTo(15)
                .anyMatch(s -> s.startsWith("README.md"))
                .anyMatch(s -> s.startsWith("getting-started.md"))
                .anyMatch(s -> s.startsWith("engine-integration.md"))
                .anyMatch(s -> s.startsWith("filesystems.md"))
                .anyMatch(s -> s.startsWith("formats.md"))
                .anyMatch(s -> s.startsWith("formats-parquet.md"))
                .anyMatch(s -> s.startsWith("spec.md"));
    }

    /**
     * Why the library refuses a workflow, or null if it loads one with at least one handle. Paths
     * need not exist: loading does not read data, and remote file systems are not contacted.
     */
    private String loadProblem(String yaml) {
        try (Catalog c = Catalog.builder().baseDirectory(dir).fromYaml(yaml)) {
            return c.handles().isEmpty() ? "declares no handle" : null;
        } catch (SpecException e) {
            return e.getMessage();
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
