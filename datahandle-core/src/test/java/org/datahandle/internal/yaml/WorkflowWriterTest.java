package org.datahandle.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.DataHandleSpec;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.datahandle.HandleState;
import org.datahandle.HandleState.DiskState;
import org.datahandle.HandleState.MemoryState;
import org.datahandle.MemoryFormat;
import org.datahandle.MemorySpec;
import org.datahandle.internal.spec.HandleDeclaration;
import org.datahandle.spi.DiskDeclaration;
import org.datahandle.spi.Positioned;
import org.junit.jupiter.api.Test;

class WorkflowWriterTest {
    private static final HandleState FRESH = new HandleState(DiskState.NOT_PRODUCED, MemoryState.NOT_PRODUCED);

    private static DiskPath csv(String raw, String absolute) {
        return new DiskPath(raw, URI.create(absolute), "local", "csv", "gz");
    }

    private static Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("header", true);
        options.put("delimiter", ";");
        options.put("nullValue", "NA");
        options.put("skip", 2);
        options.put("schema", new LinkedHashMap<>(Map.of("zip", "string")));
        return options;
    }

    private static SpecWithState samples() {
        DiskSpec disk = new DiskSpec(
                List.of(csv("data/a.csv.gz", "file:///w/data/a.csv.gz"), csv("data/b.csv.gz", "file:///w/data/b.csv.gz")),
                "csv", "gz", "local", Optional.empty(), options());
        return new SpecWithState(DataHandleSpec.onDisk("samples", disk, MemorySpec.of(MemoryFormat.ROWS)),
                new HandleState(DiskState.PRODUCED, MemoryState.PRODUCED));
    }

    private static SpecWithState scores() {
        DiskSpec disk = new DiskSpec(
                List.of(new DiskPath("out/scores.parquet", URI.create("file:///w/out/scores.parquet"), "local",
                        "parquet", "none")),
                "parquet", "none", "local", Optional.of(true), Map.of());
        return new SpecWithState(DataHandleSpec.onDisk("scores", disk, MemorySpec.of(MemoryFormat.TABLE)), FRESH);
    }

    private static SpecWithState scratch() {
        return new SpecWithState(DataHandleSpec.temporary("scratch", MemorySpec.of(MemoryFormat.OBJECT)),
                new HandleState(DiskState.NONE, MemoryState.NOT_PRODUCED));
    }

    @Test
    void writesEveryInferredFieldInAFixedOrder() {
        String yaml = WorkflowWriter.write(List.of(samples(), scores(), scratch()));

        assertThat(yaml).isEqualTo("""
                dataHandles:
                  samples:
                    disk:
                      path:
                      - data/a.csv.gz
                      - data/b.csv.gz
                      format: csv
                      compression: gz
                      fileSystem: local
                      isProduced: true
                      options:
                        header: true
                        delimiter: ;
                        nullValue: NA
                        skip: 2
                        schema:
                          zip: string
                      pathList:
                      - raw: data/a.csv.gz
                        path: file:///w/data/a.csv.gz
                        fileSystem: local
                        format: csv
                        compression: gz
                      - raw: data/b.csv.gz
                        path: file:///w/data/b.csv.gz
                        fileSystem: local
                        format: csv
                        compression: gz
                    memory:
                      format: rows
                      isProduced: true
                  scores:
                    disk:
                      path: out/scores.parquet
                      format: parquet
                      compression: none
                      fileSystem: local
                      isProduced: false
                      pathList:
                      - raw: out/scores.parquet
                        path: file:///w/out/scores.parquet
                        fileSystem: local
                        format: parquet
                        compression: none
                    memory:
                      format: table
                      isProduced: false
                  scratch:
                    memory:
                      format: object
                      isProduced: false
                """);
    }

    @Test
    void isProducedIsTheLiveStateNotTheDeclaredValue() {
        // scores declared isProduced: true, but its state says not produced
        assertThat(WorkflowWriter.write(List.of(scores()))).contains("      isProduced: false\n");
    }

    @Test
    void outputIsDeterministic() {
        assertThat(WorkflowWriter.write(List.of(samples(), scratch())))
                .isEqualTo(WorkflowWriter.write(List.of(samples(), scratch())));
    }

    @Test
    void noHandlesIsAnEmptySection() {
        assertThat(WorkflowWriter.write(List.of())).isEqualTo("dataHandles: {}\n");
        assertThat(WorkflowReader.read(WorkflowWriter.write(List.of()), "out.yaml")).isEmpty();
    }

    @Test
    void duplicateIdsAreAProgrammingError() {
        assertThatThrownBy(() -> WorkflowWriter.write(List.of(scratch(), scratch())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'scratch'");
    }

    @Test
    void stringsThatWouldReadAsSomethingElseAreQuoted() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("nullValue", "null");
        options.put("flag", "true");
        options.put("number", "08123");
        options.put("quote", "\"");
        options.put("delimiter", ": ");
        options.put("hash", "#");
        options.put("empty", "");
        options.put("tilde", "~");
        DiskSpec disk = new DiskSpec(
                List.of(new DiskPath("${DATA}", URI.create("file:///d/x.csv"), "local", "csv", "none"),
                        new DiskPath("~/x: y #1.csv", URI.create("file:///home/me/x.csv"), "local", "csv", "none"),
                        new DiskPath("2024", URI.create("file:///w/2024"), "local", "csv", "none")),
                "csv", "none", "local", Optional.empty(), options);
        String yaml = WorkflowWriter.write(List.of(
                new SpecWithState(DataHandleSpec.onDisk("true", disk, MemorySpec.of(MemoryFormat.TABLE)), FRESH)));

        HandleDeclaration back = WorkflowReader.read(yaml, "out.yaml").get(0);
        assertThat(back.id()).isEqualTo("true");
        assertThat(back.disk().orElseThrow().paths()).extracting(Positioned::value)
                .containsExactly("${DATA}", "~/x: y #1.csv", "2024");
        assertThat(back.disk().orElseThrow().options()).isEqualTo(options);
        assertThat(yaml).contains("'true':", "nullValue: 'null'", "flag: 'true'", "number: '08123'", "- '2024'");
    }

    @Test
    void optionsFromCodeAreWrittenAsPlainYaml() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("float", 1.5f);
        options.put("short", (short) 3);
        options.put("array", new Object[] {"a", 1L});
        options.put("enum", MemoryFormat.ROWS);
        options.put("other", URI.create("s3://bucket/key"));
        options.put("nothing", null);
        assertThat(WorkflowWriter.plain(options)).isEqualTo(new LinkedHashMap<>(Map.of(
                "float", 1.5, "short", 3, "array", List.of("a", 1L), "enum", "ROWS", "other", "s3://bucket/key")) {
            private static final long serialVersionUID = 1L;

            {
                put("nothing", null);
            }
        });
    }

    @Test
    void roundTripKeepsEverythingTheUserCanDeclare() {
        List<SpecWithState> handles = List.of(samples(), scores(), scratch());

        List<HandleDeclaration> back = WorkflowReader.read(WorkflowWriter.write(handles), "toYaml");

        assertThat(back).extracting(HandleDeclaration::id).containsExactly("samples", "scores", "scratch");
        for (int i = 0; i < handles.size(); i++) {
            DataHandleSpec spec = handles.get(i).spec();
            HandleDeclaration declaration = back.get(i);
            assertThat(declaration.memoryFormat()).map(Positioned::value).contains(spec.memory().format().yamlName());
            assertThat(declaration.memoryIsProduced()).map(Positioned::value)
                    .contains(handles.get(i).state().memoryProduced());
            assertThat(declaration.disk().isPresent()).isEqualTo(spec.disk().isPresent());
            if (spec.disk().isEmpty()) {
                continue;
            }
            DiskSpec disk = spec.disk().get();
            DiskDeclaration read = declaration.disk().get();
            assertThat(read.paths()).extracting(Positioned::value).isEqualTo(disk.path());
            assertThat(read.format()).map(Positioned::value).contains(disk.format());
            assertThat(read.compression()).map(Positioned::value).contains(disk.compression());
            assertThat(read.fileSystem()).map(Positioned::value).contains(disk.fileSystem());
            assertThat(read.isProduced()).map(Positioned::value).contains(handles.get(i).state().diskProduced());
            assertThat(read.options()).isEqualTo(disk.options());
            assertThat(List.copyOf(read.options().keySet())).isEqualTo(List.copyOf(disk.options().keySet()));
        }
    }

    @Test
    void readWriteReadIsStable() {
        String original = """
                jobs: [ignored]
                dataHandles:
                  a:
                    disk:
                      path: a.tsv
                      options: {header: false, columns: [x, y], schema: {x: int64}}
                """;
        HandleDeclaration first = WorkflowReader.read(original, "wf.yaml").get(0);
        DiskSpec disk = new DiskSpec(
                List.of(new DiskPath("a.tsv", URI.create("file:///w/a.tsv"), "local", "tsv", "none")),
                "tsv", "none", "local", Optional.empty(), first.disk().orElseThrow().options());
        String written = WorkflowWriter.write(List.of(
                new SpecWithState(DataHandleSpec.onDisk("a", disk, MemorySpec.of(MemoryFormat.TABLE)), FRESH)));
        HandleDeclaration second = WorkflowReader.read(written, "out.yaml").get(0);
        assertThat(second.disk().orElseThrow().options()).isEqualTo(first.disk().orElseThrow().options());
        assertThat(written).contains("        columns:\n        - x\n        - y\n");
    }
}
