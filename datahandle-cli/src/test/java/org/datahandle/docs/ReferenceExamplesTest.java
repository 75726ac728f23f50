package org.datahandle.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.datahandle.DataHandleException;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Java examples of README.md, docs/formats.md and docs/filesystems.md (DocsSnippetsTest
 * checks the pages show exactly this code) against the workflows those pages show, on real files.
 */
class ReferenceExamplesTest {
    private static final String HEADER = "sample_id,population,depth,passed_qc\n";

    @TempDir
    Path dir;

    @Test
    void theReadmeExampleReadsBothPartsAndPublishesTheSummary() throws IOException {
        Path workflow = Files.writeString(dir.resolve("workflow.yaml"), DocPages.block("README.md", "yaml", 1));
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/samples_a.csv.gz"), DocPages.gzip(HEADER + "S1,EUR,31.5,true\nS2,AFR,28.0,false\n"));
        Files.write(dir.resolve("data/samples_b.csv.gz"), DocPages.gzip(HEADER + "S3,EUR,35.25,true\n"));

        ReadmeExample.run(workflow);

        assertThat(DocPages.gunzip(dir.resolve("out/summary.tsv.gz")))
                .isEqualTo("population\tsamples\nAFR\t1\nEUR\t2\n");
        // published means recorded: a second run of the same operator is refused, not a silent overwrite
        assertThatThrownBy(() -> ReadmeExample.run(workflow)).isInstanceOf(AlreadyProducedException.class);
    }

    @Test
    void theStreamExampleCountsEveryRowOfTheTsvInFormatsMd() throws IOException {
        // docs/formats.md's options example: a TSV.gz with NA as null and two columns typed by schema
        Files.createDirectories(dir.resolve("data"));
        StringBuilder tsv = new StringBuilder("sample_id\tdepth\tpopulation\n");
        for (int i = 0; i < 70_000; i++) {     // more rows than one batch holds
            tsv.append(String.format("%05d\t%s\tEUR%n", i, i % 10 == 0 ? "NA" : Integer.toString(i % 50)));
        }
        Files.write(dir.resolve("data/samples.tsv.gz"), DocPages.gzip(tsv.toString()));
        try (Catalog catalog = Catalog.builder().baseDirectory(dir).fromYaml(DocPages.block("formats.md", "yaml", 2))) {
            assertThat(FormatsExamples.countRows(catalog)).isEqualTo(70_000);
            assertThat(catalog.get("samples").state().memoryProduced()).as("streaming loads nothing").isFalse();

            Table t = catalog.get("samples").read();
            assertThat(t.schema().field("sample_id").orElseThrow().type()).isEqualTo(DataType.STRING);
            assertThat(t.schema().field("depth").orElseThrow().type()).isEqualTo(DataType.FLOAT64);
            assertThat(t.get(0, "sample_id")).isEqualTo("00000");
            assertThat(t.get(0, "depth")).isNull();               // NA
            assertThat(t.get(1, "depth")).isEqualTo(1.0);
        }
    }

    @Test
    void theSpreadsheetExportExampleInFormatsMdReadsSuchAFile() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        String export = "# Kassenbuch – Export\nDatum;Artikel;Betrag;Betrag\n31/01/2024;Käse;1.234,50;-;\n"
                + "01/02/2024;Brötchen;0,99;0,10\n";
        Files.write(dir.resolve("data/export.csv"), export.replace(";\n", "\n")
                .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        try (Catalog catalog = Catalog.builder().baseDirectory(dir).fromYaml(DocPages.block("formats.md", "yaml", 3))) {
            Table t = catalog.get("kassenbuch").read();
            assertThat(t.schema().fields()).containsExactly(Field.of("date", DataType.DATE),
                    Field.of("amount", DataType.FLOAT64), Field.of("discount", DataType.FLOAT64));
            assertThat(t.get(0, "date")).isEqualTo(java.time.LocalDate.of(2024, 1, 31));
            assertThat(t.get(0, "amount")).isEqualTo(1234.5);
            assertThat(t.get(0, "discount")).isNull();
            assertThat(t.get(1, "discount")).isEqualTo(0.1);
        }
    }

    @Test
    void theSinkExamplePublishesAllBatchesAtOnce() throws IOException {
        Schema schema = Schema.of(Field.of("sample_id", DataType.STRING), Field.of("score", DataType.FLOAT64));
        List<Table> batches = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            batches.add(Table.builder(schema).addRow("S" + b + "a", b + 0.5).addRow("S" + b + "b", null).build());
        }
        try (Catalog catalog = Catalog.builder().baseDirectory(dir).fromYaml("scores: {disk: {path: out/scores.csv}}")) {
            FormatsExamples.writeScores(catalog, schema, batches);

            assertThat(catalog.get("scores").state().diskProduced()).isTrue();
            assertThat(catalog.get("scores").state().memoryProduced()).isFalse();
            assertThat(Files.readAllLines(dir.resolve("out/scores.csv"))).containsExactly("sample_id,score",
                    "S0a,0.5", "S0b,", "S1a,1.5", "S1b,", "S2a,2.5", "S2b,");
            // the page says: a write after the commit is AlreadyProducedException
            assertThatThrownBy(() -> FormatsExamples.writeScores(catalog, schema, batches))
                    .isInstanceOf(AlreadyProducedException.class);
        }
    }

    @Test
    void aSinkClosedWithoutCommitPublishesNothingAndLeavesNoFile() throws IOException {
        Schema schema = Schema.of(Field.of("sample_id", DataType.STRING), Field.of("score", DataType.FLOAT64));
        Schema other = Schema.of(Field.of("sample_id", DataType.STRING));
        List<Table> batches = List.of(Table.builder(schema).addRow("S1", 1.0).build(),
                Table.builder(other).addRow("S2").build());    // the second batch has the wrong schema
        try (Catalog catalog = Catalog.builder().baseDirectory(dir).fromYaml("scores: {disk: {path: out/scores.csv}}")) {
            assertThatThrownBy(() -> FormatsExamples.writeScores(catalog, schema, batches))
                    .isInstanceOf(DataHandleException.class).hasMessageContaining("scores");

            assertThat(catalog.get("scores").state().diskProduced()).isFalse();
            assertThat(dir.resolve("out/scores.csv")).doesNotExist();
            try (var left = Files.list(dir.resolve("out"))) {
                // nothing stays, not even the lock file, as docs/state-machine.md says
                assertThat(left.map(p -> p.getFileName().toString())).as("no staging file is left").isEmpty();
            }
            FormatsExamples.writeScores(catalog, schema, batches.subList(0, 1));   // and it can be written again
            assertThat(Files.readAllLines(dir.resolve("out/scores.csv"))).containsExactly("sample_id,score", "S1,1.0");
        }
    }

    /*
     * The three file-system examples run against their page's workflows with the HDFS and S3 paths
     * made local: this module has neither adapter on its class path (their modules test them against
     * an in-process MiniDFSCluster and S3Proxy), and the examples' code does not depend on where a
     * handle lives. The hdfs/s3 options are then unused, as for any catalog with no such path.
     */

    @Test
    void theMixedCatalogExampleRunsWithEveryHandleLocal() throws IOException {
        String yaml = DocPages.block("filesystems.md", "yaml", 1);
        yaml = DocPages.replace(yaml, "hdfs://namenode:8020/1kg/reads/chr*.csv.gz", "reads/chr*.csv.gz");
        // no Parquet codec in this module: the calls are written as CSV instead
        yaml = DocPages.replace(yaml, "s3://genomics-results/run-42/calls.parquet", "results/calls.csv");
        Path workflow = Files.writeString(dir.resolve("workflow.yaml"), yaml);
        writeReads();

        FileSystemsExamples.run(workflow);

        assertThat(Files.readAllLines(dir.resolve("results/calls.csv")))
                .containsExactly("chrom,pos,depth", "chr1,100,12", "chr2,300,40");
        assertThat(Files.readAllLines(dir.resolve("out/summary.tsv"))).containsExactly("chrom\treads", "chr1\t2", "chr2\t1");
    }

    @Test
    void theHdfsExampleRunsWithItsPathsMadeLocal() throws IOException {
        String yaml = DocPages.block("filesystems.md", "yaml", 2);
        yaml = DocPages.replace(yaml, "hdfs://namenode.example.org:8020/projects/1kg/chr*.csv.gz", "reads/chr*.csv.gz");
        yaml = DocPages.replace(yaml, "hdfs:///projects/1kg/", "");
        Path workflow = Files.writeString(dir.resolve("workflow.yaml"), yaml);
        writeReads();

        FileSystemsExamples.runOnHdfs(workflow);

        assertThat(DocPages.gunzip(dir.resolve("out/summary.csv.gz"))).isEqualTo("chrom,reads\nchr1,2\nchr2,1\n");
    }

    @Test
    void theS3ExampleRunsWithItsPathsMadeLocal() throws IOException {
        String yaml = DocPages.block("filesystems.md", "yaml", 3);
        yaml = DocPages.replace(yaml, "s3://my-lab-bucket/", "");
        yaml = DocPages.replace(yaml, "s3a://my-lab-bucket/", "");
        Path workflow = Files.writeString(dir.resolve("workflow.yaml"), yaml);
        Files.createDirectories(dir.resolve("cohort"));
        Files.write(dir.resolve("cohort/samples.csv.gz"),
                DocPages.gzip(HEADER + "S1,EUR,30.0,true\nS2,AFR,20.0,false\nS3,EUR,40.0,true\n"));

        FileSystemsExamples.runOnS3(workflow);

        assertThat(DocPages.gunzip(dir.resolve("results/scores.csv.gz")))
                .isEqualTo("sample_id,score\nS1,1.0\nS2,0.67\nS3,1.33\n");
    }

    /** Two chromosome files for the glob chr*.csv.gz, read as one table. */
    private void writeReads() throws IOException {
        Files.createDirectories(dir.resolve("reads"));
        String header = "chrom,pos,depth\n";
        Files.write(dir.resolve("reads/chr1.csv.gz"), DocPages.gzip(header + "chr1,100,12\nchr1,200,3\n"));
        Files.write(dir.resolve("reads/chr2.csv.gz"), DocPages.gzip(header + "chr2,300,40\n"));
    }
}
