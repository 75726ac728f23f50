package org.datahandle.formats.vcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandle;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing VCF through handles: BGZF, a .tbi published with each part, partitions by chromosome. */
class VcfWriteTest {
    @TempDir
    Path dir;

    private Table synthetic(List<String> contigs, int sites, int samples) throws IOException {
        Path in = dir.resolve("in.vcf");
        SyntheticVcf.write(in, contigs, sites, samples, 42);
        return Vcf.read(in);
    }

    private void write(String name, Object path, Map<String, Object> options, Table table) {
        try (Catalog c = Vcf.catalog(dir, Vcf.yaml(name, path, options))) {
            c.get(name).write(table);
        }
    }

    @Test
    void aBgzfFileIsIndexedAndPassesBcftoolsAndTabix() throws IOException {
        Vcf.assumeTool("bcftools");
        Vcf.assumeTool("tabix");
        Table t = synthetic(List.of("chr1", "chr2"), 3000, 20);
        write("out", "out/calls.vcf.bgz", Map.of(), t);
        Path file = dir.resolve("out/calls.vcf.bgz");
        assertThat(dir.resolve("out/calls.vcf.bgz.tbi")).exists();
        Vcf.run(dir, "bgzip", "-t", file.toString());
        assertThat(Vcf.run(dir, "tabix", "-l", file.toString())).containsExactly("chr1", "chr2");
        assertThat(Vcf.run(dir, "bcftools", "view", "-H", file.toString())).hasSize(6000);
        // our index answers bcftools' region queries as a full scan would
        for (String region : List.of("chr1:100000-200000", "chr2:1-5000", "chr2:500000-", "chr1:1000-1000")) {
            List<String> indexed = Vcf.run(dir, "bcftools", "view", "-H", "-r", region, file.toString());
            List<String> scanned = Vcf.run(dir, "bcftools", "view", "-H", "-t", region, file.toString());
            assertThat(indexed).as(region).isEqualTo(scanned);
            assertThat(Vcf.run(dir, "tabix", file.toString(), region)).as(region).isEqualTo(scanned);
        }
        // and the values come back
        Table back = Vcf.read(file);
        assertThat(back.toRows()).isEqualTo(t.toRows());
        Oracle.assertAgrees(back, file, List.of(back.schema().metadata().get("vcf.samples").split("\t")));
    }

    @Test
    void theIndexIsListedInTheCommitRecordAndGoesWithTheData() throws IOException {
        Table t = synthetic(List.of("chr1"), 200, 3);
        try (Catalog c = Vcf.catalog(dir, Vcf.yaml("out", "out/calls.vcf.bgz", Map.of()))) {
            DataHandle h = c.get("out");
            h.write(t);
            String record;
            try (Stream<Path> files = Files.list(dir.resolve("out"))) {
                Path rec = files.filter(p -> p.getFileName().toString().endsWith(".datahandle.json")).findFirst()
                        .orElseThrow();
                record = Files.readString(rec);
            }
            assertThat(record).contains("calls.vcf.bgz.tbi");
            try (Stream<Path> files = Files.list(dir.resolve("out"))) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".staging"));
            }
            assertThat(h.state().diskProduced()).isTrue();

            // an index changed behind the library's back makes the data unproduced, as a changed part does
            Files.write(dir.resolve("out/calls.vcf.bgz.tbi"), new byte[] {1, 2, 3});
            assertThat(h.state().diskProduced()).isFalse();
        }
        try (Catalog c = Vcf.catalog(dir, Vcf.yaml("out", "out/calls.vcf.bgz", Map.of()))) {
            c.get("out").deleteDisk();
        }
        assertThat(dir.resolve("out/calls.vcf.bgz")).doesNotExist();
        assertThat(dir.resolve("out/calls.vcf.bgz.tbi")).doesNotExist();
    }

    @Test
    void partitionByChromWritesOneIndexedFilePerChromosome() throws IOException {
        Vcf.assumeTool("tabix");
        Table t = synthetic(List.of("1", "2", "X"), 500, 4);
        String yaml = "calls:\n  disk:\n    path: out/calls.chr*.vcf.bgz\n    partitionBy: chrom\n";
        try (Catalog c = Vcf.catalog(dir, yaml)) {
            c.get("calls").write(t);
        }
        for (String chrom : List.of("1", "2", "X")) {
            Path part = dir.resolve("out/calls.chr" + chrom + ".vcf.bgz");
            assertThat(part.resolveSibling(part.getFileName() + ".tbi")).exists();
            assertThat(Vcf.run(dir, "tabix", "-l", part.toString())).containsExactly(chrom);
            assertThat(Vcf.run(dir, "tabix", part.toString(), chrom)).hasSize(500);
        }
        // the 1000 Genomes layout reads back as one table through a glob
        try (Catalog c = Vcf.catalog(dir, Vcf.yaml("all", "out/calls.chr*.vcf.bgz", Map.of()))) {
            Table back = c.get("all").read();
            assertThat(back.rowCount()).isEqualTo(1500);
        }
    }

    @Test
    void unsortedRecordsAreRefusedWhenWritingAnIndexedFile() throws IOException {
        Table t = synthetic(List.of("chr1", "chr2"), 50, 2);
        List<Table> parts = new ArrayList<>();
        parts.add(t.slice(50, 100));
        parts.add(t.slice(0, 50));
        Table chromsOutOfOrder = Table.concat(t.schema(), parts);
        // chr2 then chr1 is fine (contigs need not be in any order), chr1 twice apart is not
        Table chr1Again = Table.concat(t.schema(), List.of(t.slice(0, 10), t.slice(50, 60), t.slice(10, 20)));
        write("ok", "ok.vcf.bgz", Map.of(), chromsOutOfOrder);
        assertThatThrownBy(() -> write("bad", "bad.vcf.bgz", Map.of(), chr1Again))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("handle 'bad'")
                .hasMessageContaining("bad.vcf.bgz").hasMessageContaining("line")
                .hasMessageContaining("contig chr1 appears again after chr2");
        Table backwards = Table.concat(t.schema(), List.of(t.slice(5, 10), t.slice(0, 5)));
        assertThatThrownBy(() -> write("back", "back.vcf.bgz", Map.of(), backwards))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("records are not sorted");
        assertThat(dir.resolve("bad.vcf.bgz")).doesNotExist();
        // without an index, order is the writer's business
        write("free", "free.vcf.bgz", Map.of("index", false), chr1Again);
        assertThat(dir.resolve("free.vcf.bgz.tbi")).doesNotExist();
    }

    @Test
    void plainAndGzipOutputsHaveNoIndexAndReadBack() throws IOException {
        Table t = synthetic(List.of("chr1"), 100, 2);
        write("plain", "plain.vcf", Map.of(), t);
        write("gz", "gz.vcf.gz", Map.of(), t);
        assertThat(dir.resolve("plain.vcf.tbi")).doesNotExist();
        assertThat(Vcf.read(dir.resolve("plain.vcf")).toRows()).isEqualTo(t.toRows());
        assertThat(Vcf.read(dir.resolve("gz.vcf.gz")).toRows()).isEqualTo(t.toRows());
    }

    @Test
    void vcfToParquetToVcfKeepsTheHeader() throws IOException {
        Vcf.assumeTool("bcftools");
        Path source = Vcf.corpus().resolve("htsjdk/ex2.vcf");
        Table t = Vcf.read(source);
        write("pq", "calls.parquet", Map.of(), t);
        Table fromParquet;
        try (Catalog c = Vcf.catalog(dir, Vcf.yaml("pq", "calls.parquet", Map.of()))) {
            fromParquet = c.get("pq").read();
        }
        assertThat(fromParquet.schema().metadata()).isEqualTo(t.schema().metadata());
        write("back", "back.vcf", Map.of(), fromParquet);
        List<String> original = Files.readAllLines(source).stream().filter(l -> l.startsWith("#")).toList();
        List<String> written = Files.readAllLines(dir.resolve("back.vcf")).stream().filter(l -> l.startsWith("#"))
                .toList();
        assertThat(written).isEqualTo(original);
        Oracle.assertAgrees(Vcf.read(dir.resolve("back.vcf")), dir.resolve("back.vcf"),
                List.of("NA00001", "NA00002", "NA00003"));
    }

    @Test
    void aTableWithoutVcfMetadataGetsAHeaderBuiltFromItsTypes() throws IOException {
        Vcf.assumeTool("bcftools");
        Table t = Vcf.read(Vcf.corpus().resolve("htsjdk/ex2.vcf"), Map.of("layout", "sites"));
        Table bare = Table.of(t.schema().withMetadata(Map.of()), t.columns());
        write("bare", "bare.vcf", Map.of(), bare);
        List<String> header = Files.readAllLines(dir.resolve("bare.vcf")).stream().filter(l -> l.startsWith("##"))
                .toList();
        assertThat(header).contains("##fileformat=VCFv4.3",
                "##INFO=<ID=AF,Number=.,Type=Float,Description=\"AF\">",
                "##INFO=<ID=DB,Number=0,Type=Flag,Description=\"DB\">");
        assertThat(Vcf.run(dir, "bcftools", "view", "-H", "bare.vcf")).hasSize(5);
        Table back = Vcf.read(dir.resolve("bare.vcf"));
        assertThat(back.rowCount()).isEqualTo(5);
        assertThat(back.get(2, "info").toString()).contains("AF=[0.333, 0.667]").contains("DB=true");
    }
}
