package org.datahandle.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class TestDataTest {
    @TempDir
    Path temp;

    @Test
    void propertyNamingAFolderWins() throws IOException {
        Path configured = Files.createDirectories(temp.resolve("corpus"));
        Files.createDirectories(temp.resolve("shared/data"));

        assertThat(TestData.resolve(configured.toString(), temp.resolve("repo/module"))).contains(configured);
    }

    @Test
    void walksUpFromWorkingDirectoryToSharedDataBesideTheRepo() throws IOException {
        Path corpus = Files.createDirectories(temp.resolve("shared/data"));
        Path module = Files.createDirectories(temp.resolve("repo/module"));

        assertThat(TestData.resolve(null, module)).contains(corpus);
        // A property naming a missing folder (the pom default inside a git worktree) falls back too.
        assertThat(TestData.resolve(temp.resolve("wt/shared/data").toString(), module)).contains(corpus);
    }

    @Test
    void absentCorpusSkipsLocallyWithHowToGetIt() {
        assertThatThrownBy(() -> TestData.require(Optional.empty(), false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("../shared/data")
                .hasMessageContaining("-Ddatahandle.testData=");
    }

    @Test
    void absentCorpusFailsOnCi() {
        assertThatThrownBy(() -> TestData.require(Optional.empty(), true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("the shared test corpus is absent");
    }

    @Test
    void presentCorpusIsReturned() {
        assertThat(TestData.require(Optional.of(temp), true)).isEqualTo(temp);
    }
}
