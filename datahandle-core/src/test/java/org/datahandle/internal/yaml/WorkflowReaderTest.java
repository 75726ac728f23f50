package org.datahandle.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.datahandle.internal.spec.HandleDeclaration;
import org.datahandle.spi.DiskDeclaration;
import org.datahandle.spi.Positioned;
import org.junit.jupiter.api.Test;

class WorkflowReaderTest {

    private static List<HandleDeclaration> read(String yaml) {
        return WorkflowReader.read(yaml, "wf.yaml");
    }

    @Test
    void designDocumentExample() {
        List<HandleDeclaration> handles = read("""
                dataHandles:
                  inputVCF:
                    disk:
                      path: hdfs:///users/me/input.vcf.bgz
                  samples:
                    disk:
                      path: [data/samples_a.csv.gz, data/samples_b.csv.gz]   # one piece of data, two files
                      options: {header: true}
                    memory:
                      format: rows
                  chromosomes:
                    disk:
                      path: /data/1kg/ALL.chr*.vcf.bgz
                  scores:
                    disk: {path: out/scores.parquet}
                  scratch: {}
                """);

        assertThat(handles).extracting(HandleDeclaration::id)
                .containsExactly("inputVCF", "samples", "chromosomes", "scores", "scratch");
        HandleDeclaration input = handles.get(0);
        assertThat(input.position()).isEqualTo(new Positioned<>("inputVCF", 2, 3));
        DiskDeclaration inputDisk = input.disk().orElseThrow();
        assertThat(inputDisk.paths()).containsExactly(new Positioned<>("hdfs:///users/me/input.vcf.bgz", 4, 13));
        assertThat(inputDisk.position()).isEqualTo(new Positioned<>("disk", 3, 5));
        assertThat(inputDisk.format()).isEmpty();
        assertThat(inputDisk.compression()).isEmpty();
        assertThat(inputDisk.fileSystem()).isEmpty();
        assertThat(inputDisk.isProduced()).isEmpty();
        assertThat(inputDisk.options()).isEmpty();
        assertThat(input.memoryFormat()).isEmpty();

        HandleDeclaration samples = handles.get(1);
        assertThat(samples.disk().orElseThrow().paths()).containsExactly(
                new Positioned<>("data/samples_a.csv.gz", 7, 14), new Positioned<>("data/samples_b.csv.gz", 7, 37));
        assertThat(samples.disk().orElseThrow().options()).isEqualTo(Map.of("header", true));
        assertThat(samples.memoryFormat()).contains(new Positioned<>("rows", 10, 15));

        assertThat(handles.get(2).disk().orElseThrow().paths()).extracting(Positioned::value)
                .containsExactly("/data/1kg/ALL.chr*.vcf.bgz");
        assertThat(handles.get(3).disk().orElseThrow().paths()).containsExactly(
                new Positioned<>("out/scores.parquet", 15, 18));
        HandleDeclaration scratch = handles.get(4);
        assertThat(scratch.disk()).isEmpty();
        assertThat(scratch.memoryFormat()).isEmpty();
        assertThat(scratch.memoryIsProduced()).isEmpty();
    }

    @Test
    void bareMapOfHandles() {
        List<HandleDeclaration> handles = read("""
                a:
                  disk:
                    path: a.csv
                b: {}
                c:
                """);
        assertThat(handles).extracting(HandleDeclaration::id).containsExactly("a", "b", "c");
        assertThat(handles.get(0).disk()).isPresent();
        assertThat(handles.get(1).disk()).isEmpty();
        assertThat(handles.get(2).disk()).isEmpty();
    }

    @Test
    void otherTopLevelKeysBelongToTheEngine() {
        List<HandleDeclaration> handles = read("""
                jobs:
                  - name: align
                    run: [bwa, mem]
                config: {threads: 4}
                dataHandles:
                  out:
                    disk: {path: out.tsv}
                weird: !!str anything
                """);
        assertThat(handles).extracting(HandleDeclaration::id).containsExactly("out");
        assertThat(handles.get(0).position()).isEqualTo(new Positioned<>("out", 6, 3));
    }

    @Test
    void emptyDocumentsHaveNoHandles() {
        assertThat(read("")).isEmpty();
        assertThat(read("# only a comment\n")).isEmpty();
        assertThat(read("---\n")).isEmpty();
        assertThat(read("~")).isEmpty();
        assertThat(read("dataHandles:\n")).isEmpty();
        assertThat(read("dataHandles: {}\njobs: []\n")).isEmpty();
        assertThat(read("{}")).isEmpty();
    }

    @Test
    void everyDiskField() {
        HandleDeclaration h = read("""
                h:
                  id: h
                  disk:
                    path:
                      - ${DATA:-/tmp}/a.tsv.gz
                      - ~/b.tsv.gz
                    format: tsv
                    compression: gz
                    fileSystem: local
                    isProduced: True
                    pathList:
                      - {raw: x}
                  memory:
                    format: table
                    isProduced: false
                """).get(0);
        DiskDeclaration disk = h.disk().orElseThrow();
        assertThat(disk.paths()).containsExactly(
                new Positioned<>("${DATA:-/tmp}/a.tsv.gz", 5, 9), new Positioned<>("~/b.tsv.gz", 6, 9));
        assertThat(disk.format()).contains(new Positioned<>("tsv", 7, 13));
        assertThat(disk.compression()).contains(new Positioned<>("gz", 8, 18));
        assertThat(disk.fileSystem()).contains(new Positioned<>("local", 9, 17));
        assertThat(disk.isProduced()).contains(new Positioned<>(true, 10, 17));
        assertThat(h.memoryFormat()).contains(new Positioned<>("table", 14, 13));
        assertThat(h.memoryIsProduced()).contains(new Positioned<>(false, 15, 17));
    }

    @Test
    void memoryIsProducedTrueIsAcceptedForTheCatalogToIgnore() {
        HandleDeclaration h = read("t:\n  memory: {format: object, isProduced: true}\n").get(0);
        assertThat(h.memoryIsProduced()).map(Positioned::value).contains(true);
        assertThat(h.memoryFormat()).map(Positioned::value).contains("object");
    }

    @Test
    void wholeEnvVariablePathStaysText() {
        // the engine tags a plain ${VAR} specially; it must still come out as the text written
        HandleDeclaration h = read("h:\n  disk:\n    path: ${INPUT}\n    format: ${FMT:-csv}\n").get(0);
        assertThat(h.disk().orElseThrow().paths()).extracting(Positioned::value).containsExactly("${INPUT}");
        assertThat(h.disk().orElseThrow().format()).map(Positioned::value).contains("${FMT:-csv}");
    }

    @Test
    void numbersAreTakenAsTextWhereAStringIsExpected() {
        HandleDeclaration h = read("2024:\n  disk: {path: 2024, format: 1.5}\n").get(0);
        assertThat(h.id()).isEqualTo("2024");
        assertThat(h.disk().orElseThrow().paths()).extracting(Positioned::value).containsExactly("2024");
        assertThat(h.disk().orElseThrow().format()).map(Positioned::value).contains("1.5");
    }

    @Test
    void blankOptionalValuesMeanInfer() {
        DiskDeclaration disk = read("h:\n  disk:\n    path: a.csv\n    format:\n    options:\n    pathList:\n")
                .get(0).disk().orElseThrow();
        assertThat(disk.format()).isEmpty();
        assertThat(disk.options()).isEmpty();
    }

    @Test
    void optionsBecomePlainJavaInOrder() {
        Map<String, Object> options = read("""
                h:
                  disk:
                    path: a.csv
                    options:
                      header: true
                      delimiter: ";"
                      quote: "'"
                      nullValue: NA
                      skip: 2
                      big: 12345678901
                      huge: 123456789012345678901234567890
                      hex: 0x1F
                      ratio: 0.25
                      inf: .inf
                      missing: ~
                      schema: {id: int64, name: string, zip: string}
                      columns: [a, 1, false, [nested], {k: v}]
                      "3": three
                """).get(0).disk().orElseThrow().options();

        assertThat(options).containsOnlyKeys("header", "delimiter", "quote", "nullValue", "skip", "big", "huge",
                "hex", "ratio", "inf", "missing", "schema", "columns", "3");
        assertThat(options.keySet()).startsWith("header", "delimiter", "quote", "nullValue", "skip");
        assertThat(options.get("header")).isEqualTo(Boolean.TRUE);
        assertThat(options.get("delimiter")).isEqualTo(";");
        assertThat(options.get("quote")).isEqualTo("'");
        assertThat(options.get("nullValue")).isEqualTo("NA");
        assertThat(options.get("skip")).isEqualTo(2);
        assertThat(options.get("big")).isEqualTo(12345678901L);
        assertThat(options.get("huge")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(options.get("hex")).isEqualTo(31);
        assertThat(options.get("ratio")).isEqualTo(0.25);
        assertThat(options.get("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(options).containsEntry("missing", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = (Map<String, Object>) options.get("schema");
        assertThat(schema.keySet()).containsExactly("id", "name", "zip");
        assertThat(options.get("columns")).isEqualTo(List.of("a", 1, false, List.of("nested"), Map.of("k", "v")));
        assertThat(options.get("3")).isEqualTo("three");
    }

    @Test
    void scalarAndSmallCollectionAliasesAreFine() {
        List<HandleDeclaration> handles = read("""
                dataHandles:
                  a: {disk: {path: a.csv, options: &csv {header: true, delimiter: ","}}}
                  b: {disk: {path: b.csv, options: *csv}}
                """);
        assertThat(handles.get(1).disk().orElseThrow().options()).isEqualTo(Map.of("header", true, "delimiter", ","));
    }

    @Test
    void sourceNameDefaultsForStrings() {
        assertThat(WorkflowReader.read("h: {disk: {path: a.csv}}", null)).hasSize(1);
    }
}
