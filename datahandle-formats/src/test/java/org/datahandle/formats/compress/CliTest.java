package org.datahandle.formats.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing interop tool skips its test, except under CI=true, where it fails. */
class CliTest {

    @Test
    void aMissingToolSkipsOutsideCiNamingTheDebianPackage() {
        assumeFalse(Cli.isCi(), "running under CI=true");

        assertThatThrownBy(() -> Cli.require("datahandle-no-such-tool", "some-package"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("install the Debian package some-package");
    }

    @Test
    void aMissingToolFailsUnderCi() {
        String before = System.getProperty("CI");
        System.setProperty("CI", "true");
        try {
            assertThatThrownBy(() -> Cli.require("datahandle-no-such-tool", "some-package"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("some-package")
                    .hasMessageContaining("CI=true");
        } finally {
            if (before == null) {
                System.clearProperty("CI");
            } else {
                System.setProperty("CI", before);
            }
        }
    }

    @Test
    void findsToolsOnThePath() {
        assertThat(Cli.require("sh", "dash")).isExecutable();
    }
}
