package org.datahandle.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.infer.TestSetup.decl;
import static org.datahandle.infer.TestSetup.infer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.datahandle.SpecException;
import org.datahandle.internal.storage.FakeCompression;
import org.datahandle.spi.FileFormat;
import org.datahandle.spi.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatAndCompressionInferenceTest {

    @ParameterizedTest
    @CsvSource({
        "x.csv.gz, csv, gz",
        "x.csv, csv, none",
        "x.tsv, tsv, none",
        "x.tab.bgz, tsv, bgz",
        "x.parquet, parquet, none",
        "x.pq, parquet, none",
        "x.ndjson.zst, json, zst",
        "x.json.zstd, json, zst",
        "ALL.chr*.vcf.bgz, vcf, bgz",
        "X.CSV.GZ, csv, gz",
        "my.data.v2.csv, csv, none",
    })
    void suffixImpliesFormatAndCompression(String path, String format, String compression) {
        DiskSpec spec = infer(decl().path("/data/" + path));
        assertThat(spec.format()).isEqualTo(format);
        assertThat(spec.compression()).isEqualTo(compression);
        assertThat(spec.fileSystem()).isEqualTo("local");
        DiskPath p = spec.pathList().get(0);
        assertThat(p.format()).isEqualTo(format);
        assertThat(p.compression()).isEqualTo(compression);
        assertThat(p.fileSystem()).isEqualTo("local");
    }

    @Test
    void tablesComeFromTheRegistryNotFromTheCode() {
        var registry = TestSetup.baseRegistry()
                .register(() -> List.of(FileFormat.tabular("bed", "test", ".bed")))
                .register(new FakeCompression("xz", List.of(".xz"), FakeCompression.bytes(0xfd, 0x37), -1))
                .build();
        DiskSpec spec = new DefaultDiskInference().infer(decl().path("a.bed.xz").build(),
                TestSetup.context(registry, Map.of()));
        assertThat(spec.format()).isEqualTo("bed");
        assertThat(spec.compression()).isEqualTo("xz");
        // and csv is unknown to a registry that does not list it
        var bare = Registry.builder()
                .register(() -> List.of(FileFormat.tabular("tsv", "test", ".tsv")))
                .build();
        assertThatThrownBy(() -> new DefaultDiskInference().infer(decl().path("a.csv").build(),
                TestSetup.context(bare, Map.of())))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("known format suffixes: .tsv (tsv)");
    }

    @Test
    void selfCompressedFormatFollowedByCompressionSuffixIsAnError() {
        assertThatThrownBy(() -> infer(decl().pathAt("out/x.parquet.gz", 5, 11)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).hasValue("disk.path");
                    assertThat(e.line()).hasValue(5);
                    assertThat(e.column()).hasValue(11);
                })
                .hasMessageContaining("parquet compresses inside the file")
                .hasMessageContaining("'.gz'");
    }

    @Test
    void selfCompressedFormatWithGivenCompressionIsAnErrorAtTheCompression() {
        assertThatThrownBy(() -> infer(decl().path("out/part-0").format("parquet", 4, 13).compression("gz", 5, 18)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).hasValue("disk.compression");
                    assertThat(e.line()).hasValue(5);
                    assertThat(e.column()).hasValue(18);
                })
                .hasMessageContaining("format 'parquet' compresses inside the file, so compression must be 'none',"
                        + " not 'gz'");
    }

    @Test
    void unknownSuffixWithoutFormatListsKnownSuffixes() {
        assertThatThrownBy(() -> infer(decl().pathAt("data/x.dat", 6, 12)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).hasValue("disk.path");
                    assertThat(e.line()).hasValue(6);
                    assertThat(e.column()).hasValue(12);
                })
                .hasMessageContaining("'data/x.dat' has no known format suffix")
                .hasMessageContaining(".csv (csv)")
                .hasMessageContaining(".pq (parquet)")
                .hasMessageContaining(".gz (gz)")
                .hasMessageContaining(".bgz (bgz)");
    }

    @Test
    void givenFormatThatContradictsTheSuffixNamesBothAtTheFormatField() {
        assertThatThrownBy(() -> infer(decl().path("x.csv").format("parquet", 4, 13)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).hasValue("disk.format");
                    assertThat(e.line()).hasValue(4);
                    assertThat(e.column()).hasValue(13);
                    assertThat(e.problem()).isEqualTo("format 'parquet' given, but path 'x.csv' implies 'csv'");
                })
                .hasMessage("flow.yaml:4:13: handle 'samples', field 'disk.format': "
                        + "format 'parquet' given, but path 'x.csv' implies 'csv'");
    }

    @Test
    void givenCompressionThatContradictsTheSuffixNamesBoth() {
        assertThatThrownBy(() -> infer(decl().path("x.csv.gz").compression("zst", 5, 18)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).hasValue("disk.compression");
                    assertThat(e.line()).hasValue(5);
                    assertThat(e.column()).hasValue(18);
                })
                .hasMessageContaining("compression 'zst' given, but path 'x.csv.gz' implies 'gz'");
        // a plain format suffix says the file is not compressed
        assertThatThrownBy(() -> infer(decl().path("x.csv").compression("gz", 5, 18)))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("compression 'gz' given, but path 'x.csv' implies 'none'");
    }

    @Test
    void givenValuesThatAgreeAreAccepted() {
        DiskSpec spec = infer(decl().path("x.csv.gz").format("csv", 4, 13).compression("gz", 5, 18)
                .fileSystem("local", 6, 17));
        assertThat(spec.format()).isEqualTo("csv");
        assertThat(spec.compression()).isEqualTo("gz");
        assertThat(spec.fileSystem()).isEqualTo("local");
    }

    @Test
    void givenValuesAreUsedWhenTheSuffixImpliesNothing() {
        DiskSpec spec = infer(decl().path("data/part-0001").format("csv", 4, 13).compression("zst", 5, 18));
        assertThat(spec.format()).isEqualTo("csv");
        assertThat(spec.compression()).isEqualTo("zst");
        assertThat(spec.pathList().get(0).format()).isEqualTo("csv");
        assertThat(spec.pathList().get(0).compression()).isEqualTo("zst");
    }

    @Test
    void compressionIsNoneWhenNeitherGivenNorImplied() {
        DiskSpec spec = infer(decl().path("data/part-0001").format("tsv", 4, 13));
        assertThat(spec.compression()).isEqualTo("none");
    }

    @Test
    void compressionSuffixAloneImpliesCompressionAndTakesTheGivenFormat() {
        DiskSpec spec = infer(decl().path("data/part-0001.gz").format("csv", 4, 13));
        assertThat(spec.format()).isEqualTo("csv");
        assertThat(spec.compression()).isEqualTo("gz");
    }

    @Test
    void unregisteredGivenFormatListsRegisteredOnesWithDidYouMean() {
        assertThatThrownBy(() -> infer(decl().path("x.parquet").format("parqet", 4, 13)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).hasValue("disk.format");
                    assertThat(e.line()).hasValue(4);
                    assertThat(e.column()).hasValue(13);
                })
                .hasMessageContaining("unknown format 'parqet'")
                .hasMessageContaining("Did you mean 'parquet'?")
                .hasMessageContaining("[csv, json, parquet, tsv, vcf]");
    }

    @Test
    void unregisteredGivenCompressionAndFileSystemAreErrorsToo() {
        assertThatThrownBy(() -> infer(decl().path("x").format("csv", 4, 13).compression("gzip", 5, 18)))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.field()).hasValue("disk.compression"))
                .hasMessageContaining("unknown compression 'gzip'")
                .hasMessageContaining("Did you mean 'gz'?")
                .hasMessageContaining("[bgz, gz, none, zst]");
        assertThatThrownBy(() -> infer(decl().path("x.csv").fileSystem("lokal", 6, 17)))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.field()).hasValue("disk.fileSystem"))
                .hasMessageContaining("unknown fileSystem 'lokal'")
                .hasMessageContaining("Did you mean 'local'?")
                .hasMessageContaining("[hdfs, local, s3, shm]");
        assertThatThrownBy(() -> infer(decl().path("x.csv").format("spreadsheet", 4, 13)))
                .isInstanceOf(SpecException.class)
                .hasMessageNotContaining("Did you mean");
    }

    @Test
    void listsMustAgreeOnFormat() {
        assertThatThrownBy(() -> infer(decl().pathAt("a.csv", 3, 12).pathAt("b.tsv", 3, 19)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).hasValue("disk.path");
                    assertThat(e.line()).hasValue(3);
                    assertThat(e.column()).hasValue(19);
                })
                .hasMessageContaining("paths 'a.csv' and 'b.tsv' disagree on format")
                .hasMessageContaining("'a.csv' implies 'csv', 'b.tsv' implies 'tsv'");
    }

    @Test
    void listsMustAgreeOnCompressionAndFileSystem() {
        assertThatThrownBy(() -> infer(decl().path("a.csv.gz", "b.csv")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("paths 'a.csv.gz' and 'b.csv' disagree on compression");
        assertThatThrownBy(() -> infer(decl().path("a.csv", "hdfs:///b.csv")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("paths 'a.csv' and 'hdfs:///b.csv' disagree on fileSystem")
                .hasMessageContaining("'local'").hasMessageContaining("'hdfs'");
    }

    @Test
    void aGivenValueConflictingWithTheSecondPathIsReported() {
        assertThatThrownBy(() -> infer(decl().path("data/part-0", "data/part-1.tsv").format("csv", 4, 13)))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("format 'csv' given, but path 'data/part-1.tsv' implies 'tsv'");
    }

    @Test
    void agreeingListKeepsOrderAndPathsWithoutSuffixTakeTheAgreedValues() {
        DiskSpec spec = infer(decl().path("data/samples_a.csv.gz", "data/samples_b.csv.gz", "data/extra.gz"));
        assertThat(spec.path()).containsExactly("data/samples_a.csv.gz", "data/samples_b.csv.gz", "data/extra.gz");
        assertThat(spec.pathList()).extracting(DiskPath::format).containsOnly("csv");
        assertThat(spec.pathList()).extracting(DiskPath::compression).containsOnly("gz");
        assertThat(spec.isMultiFile()).isTrue();
    }

    @Test
    void twoFormatsClaimingOneSuffixNeedAGivenFormat() {
        var registry = TestSetup.baseRegistry()
                .register(() -> List.of(FileFormat.tabular("csv2", "test", ".csv")))
                .build();
        var inference = new DefaultDiskInference();
        assertThatThrownBy(() -> inference.infer(decl().path("x.csv").build(), TestSetup.context(registry, Map.of())))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("claimed by several registered formats: one of 'csv', 'csv2'");
        assertThat(inference.infer(decl().path("x.csv").format("csv2", 4, 13).build(),
                TestSetup.context(registry, Map.of())).format()).isEqualTo("csv2");
        assertThatThrownBy(() -> inference.infer(decl().path("x.csv").format("tsv", 4, 13).build(),
                TestSetup.context(registry, Map.of())))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("format 'tsv' given, but path 'x.csv' implies one of 'csv', 'csv2'");
    }

    @Test
    void isProducedAndOptionsArePassedThrough() {
        DiskSpec spec = infer(decl().path("x.csv").isProduced(true).option("header", false).option("delimiter", ";"));
        assertThat(spec.isProduced()).isEqualTo(Optional.of(true));
        assertThat(spec.options()).containsExactly(Map.entry("header", false), Map.entry("delimiter", ";"));
        assertThat(infer(decl().path("x.csv")).isProduced()).isEmpty();
    }
}
