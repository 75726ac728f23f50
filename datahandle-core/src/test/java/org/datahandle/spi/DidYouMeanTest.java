package org.datahandle.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> DISK =
            List.of("path", "format", "compression", "fileSystem", "isProduced", "options", "pathList");

    @Test
    void transpositionIsOneEdit() {
        assertThat(DidYouMean.distance("fromat", "format")).isEqualTo(1);
        assertThat(DidYouMean.nearest("fromat", DISK)).contains("format");
    }

    @Test
    void suggestsWithinTwoEditsIgnoringCase() {
        assertThat(DidYouMean.nearest("filesystem", DISK)).contains("fileSystem");
        assertThat(DidYouMean.nearest("pth", DISK)).contains("path");
        assertThat(DidYouMean.nearest("isProducd", DISK)).contains("isProduced");
        assertThat(DidYouMean.nearest("optons", DISK)).contains("options");
    }

    @Test
    void closestCandidateWins() {
        assertThat(DidYouMean.nearest("pathLis", DISK)).contains("pathList");
        assertThat(DidYouMean.nearest("sampels_a", List.of("samples_ab", "samples_a", "samples_b")))
                .contains("samples_a");
    }

    @Test
    void prefixMatchesWhenTooFarForATypo() {
        assertThat(DidYouMean.nearest("comp", DISK)).contains("compression");
        assertThat(DidYouMean.nearest("optionsForCsv", DISK)).contains("options");
    }

    @Test
    void nothingCloseGivesEmpty() {
        assertThat(DidYouMean.nearest("banana", DISK)).isEmpty();
        assertThat(DidYouMean.nearest("x", List.of("id"))).isEmpty();
        assertThat(DidYouMean.nearest("ab", List.of("id"))).isEmpty();
        assertThat(DidYouMean.nearest("fo", DISK)).isEmpty();
        assertThat(DidYouMean.nearest("format", List.of())).isEmpty();
    }

    @Test
    void registeredNamesAsInference() {
        List<String> formats = List.of("csv", "tsv", "parquet", "json");
        assertThat(DidYouMean.nearest("parqet", formats)).hasValue("parquet");
        assertThat(DidYouMean.nearest("CSV", formats)).hasValue("csv");
        assertThat(DidYouMean.nearest("jsonl", formats)).hasValue("json");
        assertThat(DidYouMean.nearest("spreadsheet", formats)).isEmpty();
        assertThat(DidYouMean.nearest("gzip", List.of("bgz", "gz", "none", "zst"))).hasValue("gz");
        assertThat(DidYouMean.nearest("lokal", List.of("hdfs", "local", "s3"))).hasValue("local");
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void neverSuggestsTheGivenNameItself() {
        assertThat(DidYouMean.nearest("format", List.of("format"))).isEmpty();
    }
}
