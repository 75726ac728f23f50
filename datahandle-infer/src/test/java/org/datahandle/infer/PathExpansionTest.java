package org.datahandle.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.infer.TestSetup.decl;
import static org.datahandle.infer.TestSetup.infer;

import java.net.URI;
import java.util.Map;
import org.datahandle.DiskPath;
import org.datahandle.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathExpansionTest {

    private static DiskPath only(String path) {
        return infer(decl().path(path)).pathList().get(0);
    }

    private static DiskPath only(String path, Map<String, String> env) {
        return infer(decl().path(path), env).pathList().get(0);
    }

    @Test
    void environmentVariablesAreExpandedAndRawKeepsWhatWasWritten() {
        DiskPath p = only("${DATA}/x.csv", Map.of("DATA", "/data/run1"));
        assertThat(p.raw()).isEqualTo("${DATA}/x.csv");
        assertThat(p.path()).isEqualTo(URI.create("file:///data/run1/x.csv"));
    }

    @Test
    void defaultIsUsedWhenVariableIsUnsetOrEmpty() {
        assertThat(only("${DATA:-/fallback}/x.csv").path().getPath()).isEqualTo("/fallback/x.csv");
        assertThat(only("${DATA:-/fallback}/x.csv", Map.of("DATA", "")).path().getPath())
                .isEqualTo("/fallback/x.csv");
        assertThat(only("${DATA:-/fallback}/x.csv", Map.of("DATA", "/set")).path().getPath())
                .isEqualTo("/set/x.csv");
    }

    @Test
    void defaultMayItselfUseVariablesAndHome() {
        assertThat(only("${DATA:-${ROOT}/d}/x.csv", Map.of("ROOT", "/r")).path().getPath()).isEqualTo("/r/d/x.csv");
        assertThat(only("${DATA:-~/d}/x.csv").path().getPath()).isEqualTo("/home/me/d/x.csv");
    }

    @Test
    void unsetVariableWithoutDefaultIsAnErrorNamingItAtThePathsPosition() {
        assertThatThrownBy(() -> infer(decl().pathAt("${OUT_DIR}/x.csv", 7, 13)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).hasValue("disk.path");
                    assertThat(e.line()).hasValue(7);
                    assertThat(e.column()).hasValue(13);
                    assertThat(e.handleId()).hasValue("samples");
                    assertThat(e.problem()).contains("'OUT_DIR'").contains("not set");
                })
                .hasMessageStartingWith("flow.yaml:7:13: handle 'samples', field 'disk.path': ");
    }

    @Test
    void deeplyNestedDefaultsAreASpecErrorNotAStackOverflow() {
        int levels = 200_000;
        String path = "${A:-".repeat(levels) + "/x" + "}".repeat(levels) + "/x.csv";
        assertThatThrownBy(() -> infer(decl().path(path))).isInstanceOf(SpecException.class)
                .hasMessageContaining("nest more than " + VariableExpander.MAX_NESTING);
        // sixteen levels are fine
        String fine = "${A:-".repeat(16) + "/d" + "}".repeat(16) + "/x.csv";
        assertThat(only(fine).path().getPath()).isEqualTo("/d/x.csv");
    }

    @Test
    void malformedVariableReferencesAreErrors() {
        assertThatThrownBy(() -> infer(decl().path("${DATA/x.csv"))).isInstanceOf(SpecException.class)
                .hasMessageContaining("unclosed '${'");
        assertThatThrownBy(() -> infer(decl().path("${1X}/x.csv"))).isInstanceOf(SpecException.class)
                .hasMessageContaining("not a variable reference");
    }

    @Test
    void dollarWithoutBraceAndGlobBracesAreLiteral() {
        assertThat(only("/d/$x-{a,b}.csv").path().getPath()).isEqualTo("/d/$x-{a,b}.csv");
    }

    @Test
    void tildeIsTheHomeFolder() {
        assertThat(only("~/data/x.csv").path()).isEqualTo(URI.create("file:///home/me/data/x.csv"));
        assertThat(infer(decl().path("~").format("csv", 4, 13)).pathList().get(0).path())
                .isEqualTo(URI.create("file:///home/me"));
        assertThatThrownBy(() -> only("~bob/x.csv")).isInstanceOf(SpecException.class)
                .hasMessageContaining("'~user'");
    }

    @Test
    void relativePathsResolveAgainstTheBaseFolderAndAreNormalised() {
        assertThat(only("data/x.csv").path()).isEqualTo(URI.create("file:///work/flow/data/x.csv"));
        assertThat(only("./data/../other/x.csv").path()).isEqualTo(URI.create("file:///work/flow/other/x.csv"));
        assertThat(only("../x.csv").path()).isEqualTo(URI.create("file:///work/x.csv"));
    }

    @Test
    void absolutePathsAndFileUrisBecomeFileUris() {
        assertThat(only("/data/x.csv").path()).isEqualTo(URI.create("file:///data/x.csv"));
        assertThat(only("file:/data/x.csv").path()).isEqualTo(URI.create("file:///data/x.csv"));
        assertThat(only("file:///data/./x.csv").path()).isEqualTo(URI.create("file:///data/x.csv"));
        assertThat(only("FILE://localhost/data/x.csv").path()).isEqualTo(URI.create("file:///data/x.csv"));
    }

    @Test
    void fileUrisMustBeLocalAndAbsolute() {
        assertThatThrownBy(() -> only("file://server/data/x.csv")).isInstanceOf(SpecException.class)
                .hasMessageContaining("host 'server'");
        assertThatThrownBy(() -> only("file:data/x.csv")).isInstanceOf(SpecException.class)
                .hasMessageContaining("not an absolute URI");
    }

    @ParameterizedTest
    @CsvSource({
        "hdfs://nn:8020/users/me/x.csv, hdfs://nn:8020/users/me/x.csv, hdfs",
        "hdfs:///users/me/x.csv, hdfs:///users/me/x.csv, hdfs",
        "hdfs:///users/me/../x.csv, hdfs:///users/x.csv, hdfs",
        "s3://bucket/key/x.csv, s3://bucket/key/x.csv, s3",
        "s3a://bucket/a/./b/x.csv, s3a://bucket/a/b/x.csv, s3",
        "S3://bucket/x.csv, s3://bucket/x.csv, s3",
    })
    void remoteUrisKeepSchemeAndAuthorityAndAreNormalised(String written, String uri, String fileSystem) {
        DiskPath p = only(written);
        assertThat(p.path()).isEqualTo(URI.create(uri));
        assertThat(p.fileSystem()).isEqualTo(fileSystem);
    }

    @Test
    void hostAndPortOfHdfsSurvive() {
        URI uri = only("hdfs://nn.example.org:8020/x.csv").path();
        assertThat(uri.getHost()).isEqualTo("nn.example.org");
        assertThat(uri.getPort()).isEqualTo(8020);
    }

    @Test
    void s3NeedsABucket() {
        assertThatThrownBy(() -> only("s3:///key/x.csv")).isInstanceOf(SpecException.class)
                .hasMessageContaining("no bucket");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/data/ALL.chr*.vcf | file",
        "/data/part-?.csv | file",
        "/data/part-[0-9].csv | file",
        "/data/{a,b}.csv | file",
        "data/x y%20z-{a,b}[!0]?*.csv | file",
        "hdfs:///data/{a,b}-*.csv | hdfs",
        "s3://bucket/p/{a,b}[0-9]?.csv | s3",
    })
    void wildcardsAndOddCharactersSurviveUriConstruction(String written, String scheme) {
        DiskPath p = only(written);
        assertThat(p.isGlob()).isTrue();
        assertThat(p.path().getScheme()).isEqualTo(scheme);
        String expectedTail = written.substring(written.lastIndexOf('/'));
        assertThat(p.path().getPath()).endsWith(expectedTail);
        assertThat(p.path().getQuery()).isNull();
        assertThat(p.path().getFragment()).isNull();
        // the URI text round-trips: what core stores in toYaml() parses back to the same path
        assertThat(URI.create(p.path().toString()).getPath()).isEqualTo(p.path().getPath());
    }

    @Test
    void aPathWithoutWildcardsIsNoGlob() {
        assertThat(only("/data/x.csv").isGlob()).isFalse();
    }

    @Test
    void emptyPathsAreErrors() {
        assertThatThrownBy(() -> infer(decl().path(""))).isInstanceOf(SpecException.class)
                .hasMessageContaining("path is empty");
        assertThatThrownBy(() -> infer(decl().path("${EMPTY}"), Map.of("EMPTY", ""))).isInstanceOf(SpecException.class)
                .hasMessageContaining("empty once its variables are expanded");
        assertThatThrownBy(() -> infer(decl())).isInstanceOfSatisfying(SpecException.class, e -> {
            assertThat(e.field()).hasValue("disk.path");
            assertThat(e.line()).hasValue(2);
        }).hasMessageContaining("disk needs a path");
    }
}
