package org.datahandle.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.datahandle.spi.Location;
import org.junit.jupiter.api.Test;

/** Which handle owns which file: overlaps found at load, and before a write. */
class PathClaimsTest {

    private static DiskSpec disk(String... paths) {
        List<DiskPath> list = Arrays.stream(paths).map(p -> {
            try {
                return new DiskPath(p, new URI("file", "", p, null, null), "local", "csv", "none");
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        }).toList();
        return new DiskSpec(list, "csv", "none", "local", Optional.empty(), Map.of());
    }

    @Test
    void distinctPathsDoNotOverlap() {
        PathClaims claims = new PathClaims();
        for (int i = 0; i < 1_000; i++) {
            assertThat(claims.claim("h" + i, disk("/data/h" + i + ".csv", "/other/h" + i + ".csv"))).isEmpty();
        }
    }

    @Test
    void twoHandlesWithOneLiteralPath() {
        PathClaims claims = new PathClaims();
        assertThat(claims.claim("a", disk("/data/x.csv"))).isEmpty();
        assertThat(claims.claim("b", disk("/data/y.csv", "/data/x.csv"))).hasValueSatisfying(m -> assertThat(m)
                .isEqualTo("its path /data/x.csv is also the path of handle 'a'; two handles cannot own one"
                        + " file (writing one would replace the other's data)"));
    }

    @Test
    void aLiteralPathMatchedByAnEarlierWildcardAndTheOtherWayRound() {
        PathClaims claims = new PathClaims();
        assertThat(claims.claim("all", disk("/data/chr*.csv"))).isEmpty();
        assertThat(claims.claim("one", disk("/data/chr1.csv"))).hasValue("its path /data/chr1.csv is matched"
                + " by '/data/chr*.csv' of handle 'all'; two handles cannot own one file");
        assertThat(claims.claim("elsewhere", disk("/other/chr1.csv", "/data/_chr1.csv", "/data/.chr1.csv"))).isEmpty();

        PathClaims reversed = new PathClaims();
        assertThat(reversed.claim("one", disk("/data/chr1.csv"))).isEmpty();
        assertThat(reversed.claim("all", disk("/data/chr?.csv"))).hasValue("its path '/data/chr?.csv' matches"
                + " /data/chr1.csv, the path of handle 'one'; two handles cannot own one file");
    }

    @Test
    void twoWildcardsMayShareAFolderAndAHandleMayRepeatItself() {
        PathClaims claims = new PathClaims();
        assertThat(claims.claim("a", disk("/data/a*.csv"))).isEmpty();
        assertThat(claims.claim("b", disk("/data/*.csv"))).isEmpty();
        assertThat(claims.claim("c", disk("/data/c.csv", "/data/c.csv"))).hasValueSatisfying(m -> assertThat(m)
                .contains("matched by '/data/*.csv' of handle 'b'"));
    }

    @Test
    void theEarliestClaimIsNamedWhenSeveralOverlap() {
        PathClaims claims = new PathClaims();
        assertThat(claims.claim("glob", disk("/data/*.csv"))).isEmpty();
        // "x" is refused, so it claims nothing; "y" has the literal path, claimed after the wildcard
        assertThat(claims.claim("x", disk("/data/x.csv"))).hasValueSatisfying(m -> assertThat(m).contains("'glob'"));
        PathClaims literalFirst = new PathClaims();
        assertThat(literalFirst.claim("lit", disk("/data/x.csv"))).isEmpty();
        assertThat(literalFirst.claim("lit2", disk("/data/y.csv"))).isEmpty();
        assertThat(literalFirst.conflict("other", List.of(Location.of("file:///data/y.csv"))))
                .hasValueSatisfying(m -> assertThat(m).contains("belongs to handle 'lit2'"));
    }

    @Test
    void aWriteMayNotPublishAnotherHandlesFile() {
        PathClaims claims = new PathClaims();
        claims.claim("parts", disk("/out/part-*.csv"));
        claims.claim("fixed", disk("/out/fixed.csv"));
        assertThat(claims.conflict("writer", List.of(Location.of("file:///out/new.csv")))).isEmpty();
        assertThat(claims.conflict("parts", List.of(Location.of("file:///out/part-1.csv")))).isEmpty();
        assertThat(claims.conflict("writer", List.of(Location.of("file:///out/new.csv"),
                Location.of("file:///out/part-7.csv")))).hasValue("it would publish /out/part-7.csv, which"
                + " belongs to handle 'parts' (its path '/out/part-*.csv'); two handles cannot own one file");
        assertThat(claims.conflict("writer", List.of(Location.of("file:///out/fixed.csv"))))
                .hasValueSatisfying(m -> assertThat(m).contains("handle 'fixed' (its path '/out/fixed.csv')"));
    }

    @Test
    void folderPathsAreNotClaimed() {
        PathClaims claims = new PathClaims();
        assertThat(claims.claim("spark", disk("/out/run/"))).isEmpty();
        assertThat(claims.claim("table", disk("/out/run/"))).isEmpty();
    }
}
