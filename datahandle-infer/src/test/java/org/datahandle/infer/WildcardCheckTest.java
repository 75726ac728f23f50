package org.datahandle.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.infer.TestSetup.decl;
import static org.datahandle.infer.TestSetup.infer;

import org.datahandle.SpecException;
import org.junit.jupiter.api.Test;

/**
 * Inference checks wildcard patterns at load, so a bad one is a spec error with its line; expanding
 * them against storage is core's (GlobExpanderTest there).
 */
class WildcardCheckTest {

    @Test
    void wildcardsInAFolderAreRejectedAtInference() {
        assertThatThrownBy(() -> infer(decl().pathAt("/data/*/x.csv", 4, 9)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).hasValue("disk.path");
                    assertThat(e.line()).hasValue(4);
                })
                .hasMessageContaining("wildcards are allowed only in the file name");
    }

    @Test
    void malformedPatternIsASpecError() {
        assertThatThrownBy(() -> infer(decl().path("/data/chr[0-9.vcf")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("malformed wildcard pattern 'chr[0-9.vcf'");
    }

    @Test
    void aWildcardPathInfersFromItsSuffix() {
        assertThat(infer(decl().path("/data/chr*.vcf")).pathList().get(0).isGlob()).isTrue();
        assertThat(infer(decl().path("/data/chr*.vcf")).format()).isEqualTo("vcf");
    }
}
