package org.datahandle.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.infer.TestSetup.decl;
import static org.datahandle.infer.TestSetup.infer;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.datahandle.DiskPath;
import org.datahandle.SpecException;
import org.datahandle.spi.Location;
import org.junit.jupiter.api.Test;

class GlobExpansionTest {
    private final DefaultDiskInference inference = new DefaultDiskInference();
    private final InMemoryFileSystem fs = new InMemoryFileSystem()
            .file("file:///data/chr1.vcf")
            .file("file:///data/chr2.vcf")
            .file("file:///data/chr10.vcf")
            .file("file:///data/chrX.vcf")
            .file("file:///data/a.csv")
            .file("file:///data/b.csv")
            .file("file:///data/c.csv")
            .file("file:///data/.hidden.csv")
            .file("file:///data/_SUCCESS")
            .file("file:///data/_part.csv")
            .file("file:///data/sub/d.csv")
            .file("file:///other/a.csv");

    private List<String> names(String path) throws IOException {
        return names(infer(decl().path(path)).pathList().get(0));
    }

    /** For patterns whose suffix implies no format. */
    private List<String> namesOfCsv(String path) throws IOException {
        return names(infer(decl().path(path).format("csv", 4, 13)).pathList().get(0));
    }

    private List<String> names(DiskPath path) throws IOException {
        return inference.expand(path, fs).stream().map(Location::fileName).toList();
    }

    @Test
    void starMatchesAnyRunSortedByName() throws IOException {
        assertThat(names("/data/chr*.vcf")).containsExactly("chr1.vcf", "chr10.vcf", "chr2.vcf", "chrX.vcf");
        assertThat(names("/data/*.csv")).containsExactly("a.csv", "b.csv", "c.csv");
    }

    @Test
    void questionMarkMatchesOneCharacter() throws IOException {
        assertThat(names("/data/chr?.vcf")).containsExactly("chr1.vcf", "chr2.vcf", "chrX.vcf");
    }

    @Test
    void bracketsMatchACharacterClass() throws IOException {
        assertThat(names("/data/chr[0-9].vcf")).containsExactly("chr1.vcf", "chr2.vcf");
        assertThat(names("/data/chr[!0-9].vcf")).containsExactly("chrX.vcf");
    }

    @Test
    void bracesMatchAlternatives() throws IOException {
        assertThat(names("/data/{c,a}.csv")).containsExactly("a.csv", "c.csv");
        assertThat(names("/data/chr{1,X}.vcf")).containsExactly("chr1.vcf", "chrX.vcf");
    }

    @Test
    void noMatchGivesAnEmptyList() throws IOException {
        assertThat(names("/data/*.parquet")).isEmpty();
        assertThat(names("/missing/*.csv")).isEmpty();
    }

    @Test
    void hiddenAndUnderscoreFilesAreIgnoredUnlessThePatternStartsWithThem() throws IOException {
        assertThat(namesOfCsv("/data/*")).doesNotContain(".hidden.csv", "_SUCCESS", "_part.csv").contains("a.csv");
        assertThat(names("/data/.*.csv")).containsExactly(".hidden.csv");
        assertThat(namesOfCsv("/data/_*")).containsExactly("_SUCCESS", "_part.csv");
    }

    @Test
    void matchesStayInTheirFolderAndKeepTheFullLocation() throws IOException {
        DiskPath p = infer(decl().path("/data/*.csv")).pathList().get(0);
        assertThat(inference.expand(p, fs)).containsExactly(
                Location.of("file:///data/a.csv"), Location.of("file:///data/b.csv"), Location.of("file:///data/c.csv"));
    }

    @Test
    void aPathWithoutWildcardsIsItselfWhetherOrNotItExists() throws IOException {
        DiskPath missing = infer(decl().path("/data/nothing.csv")).pathList().get(0);
        assertThat(inference.expand(missing, fs)).containsExactly(Location.of(URI.create("file:///data/nothing.csv")));
    }

    @Test
    void wildcardsWorkOnRemoteSchemes() throws IOException {
        InMemoryFileSystem s3 = new InMemoryFileSystem()
                .file("s3://bucket/p/x-1.csv").file("s3://bucket/p/x-2.csv").file("s3://other/p/x-3.csv");
        DiskPath p = infer(decl().path("s3://bucket/p/x-?.csv")).pathList().get(0);
        assertThat(inference.expand(p, s3)).containsExactly(
                Location.of("s3://bucket/p/x-1.csv"), Location.of("s3://bucket/p/x-2.csv"));
    }

    @Test
    void wildcardsInAFolderAreRejectedAtInference() {
        assertThatThrownBy(() -> infer(decl().pathAt("/data/*/x.csv", 4, 9)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).hasValue("disk.path");
                    assertThat(e.line()).hasValue(4);
                })
                .hasMessageContaining("wildcards are allowed only in the file name");
        DiskPath folderGlob = new DiskPath("/d*/x.csv", URI.create("file:///d*/x.csv"), "local", "csv", "none");
        assertThatThrownBy(() -> inference.expand(folderGlob, fs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/d*/x.csv");
    }

    @Test
    void malformedPatternIsASpecError() {
        assertThatThrownBy(() -> infer(decl().path("/data/chr[0-9.vcf")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("malformed wildcard pattern 'chr[0-9.vcf'");
    }
}
