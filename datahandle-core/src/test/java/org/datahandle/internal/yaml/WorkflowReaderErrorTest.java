package org.datahandle.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.datahandle.SpecException;
import org.junit.jupiter.api.Test;

/** Every error names the source, handle, field, 1-based line and column, and what is wrong. */
class WorkflowReaderErrorTest {

    private static SpecException error(String yaml) {
        return catchThrowableOfType(SpecException.class, () -> WorkflowReader.read(yaml, "wf.yaml"));
    }

    private static void assertAt(SpecException e, String handle, String field, int line, int column) {
        assertThat(e).as("expected a SpecException").isNotNull();
        if (handle == null) {
            assertThat(e.handleId()).isEmpty();
        } else {
            assertThat(e.handleId()).contains(handle);
        }
        if (field == null) {
            assertThat(e.field()).isEmpty();
        } else {
            assertThat(e.field()).contains(field);
        }
        assertThat(e.source()).contains("wf.yaml");
        assertThat(e.line()).hasValue(line);
        assertThat(e.column()).hasValue(column);
    }

    @Test
    void unknownDiskKeySuggestsTheNearest() {
        SpecException e = error("""
                dataHandles:
                  samples:
                    disk:
                      path: a.csv
                      fromat: csv
                """);
        assertAt(e, "samples", "disk.fromat", 5, 7);
        assertThat(e.problem()).isEqualTo("unknown key 'fromat' in disk; did you mean 'format'? Allowed: path, format, "
                + "compression, fileSystem, isProduced, options, partitionBy, pathList");
        assertThat(e).hasMessage("wf.yaml:5:7: handle 'samples', field 'disk.fromat': " + e.problem());
    }

    @Test
    void unknownHandleKey() {
        SpecException e = error("h:\n  dsik: {path: a.csv}\n");
        assertAt(e, "h", "dsik", 2, 3);
        assertThat(e.problem()).contains("unknown key 'dsik' in handle; did you mean 'disk'?")
                .endsWith("? Allowed: id, disk, memory");
    }

    @Test
    void unknownMemoryKeyWithoutAnyNearName() {
        SpecException e = error("h:\n  memory:\n    banana: 1\n");
        assertAt(e, "h", "memory.banana", 3, 5);
        assertThat(e.problem()).isEqualTo("unknown key 'banana' in memory. Allowed: format, isProduced");
    }

    @Test
    void idMustMatchTheKey() {
        SpecException e = error("samples:\n  id: sample\n  disk: {path: a.csv}\n");
        assertAt(e, "samples", "id", 2, 7);
        assertThat(e.problem()).isEqualTo("id 'sample' does not match the handle's key 'samples'");
    }

    @Test
    void mapWhereAStringIsExpected() {
        SpecException e = error("h:\n  disk:\n    path: a.csv\n    format: {name: csv}\n");
        assertAt(e, "h", "disk.format", 4, 13);
        assertThat(e.problem()).isEqualTo("expected a string, found a map");
    }

    @Test
    void notABoolean() {
        SpecException e = error("h:\n  disk:\n    path: a.csv\n    isProduced: maybe\n");
        assertAt(e, "h", "disk.isProduced", 4, 17);
        assertThat(e.problem()).isEqualTo("expected true or false, found the string 'maybe'");
    }

    @Test
    void quotedBooleanIsAString() {
        SpecException e = error("h:\n  memory:\n    isProduced: 'false'\n");
        assertAt(e, "h", "memory.isProduced", 3, 17);
        assertThat(e.problem()).isEqualTo("expected true or false, found the string 'false'");
    }

    @Test
    void explicitBoolTagOnANonBoolean() {
        SpecException e = error("h:\n  memory:\n    isProduced: !!bool maybe\n");
        assertAt(e, "h", "memory.isProduced", 3, 17);
        assertThat(e.problem()).contains("expected true or false");
    }

    @Test
    void booleanWhereAStringIsExpected() {
        SpecException e = error("h:\n  disk: {path: true}\n");
        assertAt(e, "h", "disk.path", 2, 16);
        assertThat(e.problem()).isEqualTo(
                "expected a string or a list of strings, found the boolean true (quote it if you mean text)");
    }

    @Test
    void pathIsRequired() {
        SpecException e = error("h:\n  disk:\n    format: csv\n");
        assertAt(e, "h", "disk.path", 3, 5);
        assertThat(e.problem()).startsWith("missing: every disk needs a path");
    }

    @Test
    void pathWithoutValue() {
        SpecException e = error("h:\n  disk:\n    path:\n");
        assertAt(e, "h", "disk.path", 3, 10);
        assertThat(e.problem()).contains("give a path string or a list of path strings");
    }

    @Test
    void emptyPathList() {
        SpecException e = error("h:\n  disk: {path: []}\n");
        assertAt(e, "h", "disk.path", 2, 16);
        assertThat(e.problem()).isEqualTo("the list of paths is empty; give at least one path");
    }

    @Test
    void nonStringInPathList() {
        SpecException e = error("h:\n  disk:\n    path:\n      - a.csv\n      - [b.csv]\n");
        assertAt(e, "h", "disk.path", 5, 9);
        assertThat(e.problem()).isEqualTo("expected a string (a path) in the list, found a list");
    }

    @Test
    void blankPath() {
        SpecException e = error("h:\n  disk: {path: '  '}\n");
        assertAt(e, "h", "disk.path", 2, 16);
        assertThat(e.problem()).isEqualTo("a path must not be blank");
    }

    @Test
    void blankFormat() {
        SpecException e = error("h:\n  disk: {path: a.csv, format: ''}\n");
        assertAt(e, "h", "disk.format", 2, 31);
        assertThat(e.problem()).contains("leave the key out to have it inferred");
    }

    @Test
    void emptyDiskSection() {
        SpecException e = error("h:\n  disk:\n  memory: {format: rows}\n");
        assertAt(e, "h", "disk", 2, 8);
        assertThat(e.problem()).contains("the disk section is empty");
    }

    @Test
    void diskIsAString() {
        SpecException e = error("h:\n  disk: a.csv\n");
        assertAt(e, "h", "disk", 2, 9);
        assertThat(e.problem()).isEqualTo("expected a map with at least 'path', found the string 'a.csv'");
    }

    @Test
    void memoryIsAList() {
        SpecException e = error("h:\n  memory: [rows]\n");
        assertAt(e, "h", "memory", 2, 11);
        assertThat(e.problem()).contains("found a list");
    }

    @Test
    void optionsMustBeAMap() {
        SpecException e = error("h:\n  disk:\n    path: a.csv\n    options: [header]\n");
        assertAt(e, "h", "disk.options", 4, 14);
        assertThat(e.problem()).isEqualTo("expected a map of option name to value, found a list");
    }

    @Test
    void pathListMustBeAList() {
        SpecException e = error("h:\n  disk:\n    path: a.csv\n    pathList: a.csv\n");
        assertAt(e, "h", "disk.pathList", 4, 15);
        assertThat(e.problem()).startsWith("expected a list");
    }

    @Test
    void nestedOptionWithBadExplicitTag() {
        SpecException e = error("h:\n  disk:\n    path: a.csv\n    options:\n      schema: {n: !!int lots}\n");
        assertAt(e, "h", "disk.options.schema.n", 5, 19); // the tag starts the node
        assertThat(e.problem()).isEqualTo("'lots' is not a valid int");
    }

    @Test
    void handleValueIsAScalar() {
        SpecException e = error("dataHandles:\n  h: a.csv\n");
        assertAt(e, "h", null, 2, 6);
        assertThat(e.problem()).isEqualTo(
                "expected a map with 'disk' and/or 'memory' ({} for a temporary handle), found the string 'a.csv'");
    }

    @Test
    void duplicateHandleIdNamesBothLines() {
        SpecException e = error("dataHandles:\n  a: {}\n  b: {}\n  a:\n    disk: {path: x.csv}\n");
        assertAt(e, "a", null, 4, 3);
        assertThat(e.problem()).isEqualTo("duplicate handle id: declared at line 2 and again at line 4");
    }

    @Test
    void duplicateKeyInsideAHandle() {
        SpecException e = error("h:\n  disk:\n    path: a.csv\n    format: csv\n    format: tsv\n");
        assertAt(e, "h", "disk.format", 5, 5);
        assertThat(e.problem()).isEqualTo("duplicate key 'format': first at line 4, again at line 5");
    }

    @Test
    void duplicateOptionKey() {
        SpecException e = error("h:\n  disk:\n    path: a.csv\n    options: {header: true, header: false}\n");
        assertAt(e, "h", "disk.options.header", 4, 29);
        assertThat(e.problem()).contains("duplicate key 'header'");
    }

    @Test
    void duplicateDataHandlesSection() {
        SpecException e = error("dataHandles: {}\njobs: []\ndataHandles: {}\n");
        assertAt(e, null, "dataHandles", 3, 1);
        assertThat(e.problem()).contains("first at line 1, again at line 3");
    }

    @Test
    void dataHandlesMustBeAMap() {
        SpecException e = error("dataHandles:\n  - a\n  - b\n");
        assertAt(e, null, "dataHandles", 2, 3);
        assertThat(e.problem()).isEqualTo("expected a map of handle id to handle, found a list");
    }

    @Test
    void rootMustBeAMap() {
        SpecException e = error("- a\n- b\n");
        assertAt(e, null, null, 1, 1);
        assertThat(e.problem()).contains("a workflow must be a map of handles").endsWith("found a list");
        assertAt(error("just text"), null, null, 1, 1);
    }

    @Test
    void handleIdMustBeAString() {
        SpecException e = error("dataHandles:\n  true: {}\n");
        assertAt(e, null, null, 2, 3);
        assertThat(e.problem()).startsWith("expected a handle id, found the boolean true");
        assertAt(error("dataHandles:\n  [a, b]: {}\n"), null, null, 2, 3);
    }

    @Test
    void nonScalarKeyInAHandle() {
        SpecException e = error("h:\n  ? [disk]\n  : {path: a.csv}\n");
        assertAt(e, "h", null, 2, 5);
        assertThat(e.problem()).isEqualTo("a key must be a plain name, found a list");
    }

    @Test
    void malformedYamlCarriesTheParsersPosition() {
        SpecException e = error("h:\n  disk:\n    path: [a.csv, b.csv\n  memory: {}\n");
        assertThat(e.handleId()).isEmpty();
        assertThat(e.line()).isPresent();
        assertThat(e.column()).isPresent();
        assertThat(e.problem()).startsWith("malformed YAML: while parsing a flow sequence");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void badIndentation() {
        SpecException e = error("h:\n  disk:\n    path: a.csv\n   format: csv\n");
        assertThat(e.problem()).startsWith("malformed YAML");
        assertThat(e.line()).hasValue(4);
        assertThat(e.getMessage()).startsWith("wf.yaml:4:");
    }

    @Test
    void tabIndentation() {
        SpecException e = error("h:\n\tdisk: {path: a.csv}\n");
        assertThat(e.problem()).startsWith("malformed YAML");
        assertThat(e.line()).hasValue(2);
        assertThat(e.column()).hasValue(1);
    }

    @Test
    void moreThanOneDocument() {
        SpecException e = error("a: {}\n---\nb: {}\n");
        assertThat(e.problem()).contains("expected a single document");
        assertThat(e.line()).hasValue(2);
    }

    @Test
    void undefinedAlias() {
        SpecException e = error("h: {disk: {path: a.csv, options: *nope}}\n");
        assertThat(e.problem()).contains("found undefined alias nope");
        assertThat(e.line()).hasValue(1);
        assertThat(e.column()).hasValue(34);
    }
}
