package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.datahandle.cli.CliProcess.Result;
import org.datahandle.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17 point 5: data the library did not write is not deleted by accident, and delete says what it removed. */
class DeleteSafetyTest {
    @TempDir
    Path dir;

    @Test
    void anInputTheLibraryDidNotWriteNeedsAnExplicitFlag() {
        Path wf = Workflows.standard(dir);
        Path input = dir.resolve("data/samples.csv.gz");
        Result refused = CliProcess.run(dir, "delete", "--yes", wf.toString(), "samples");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("handle 'samples' was not written by DataHandle (no commit record)")
                .contains("--allow-external").contains("nothing deleted");
        assertThat(input).exists();

        Result deleted = CliProcess.run(dir, "delete", "--yes", "--allow-external", wf.toString(), "samples");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).contains("deleted handle 'samples': 1 file").contains("not written by DataHandle")
                .contains("  " + input);
        assertThat(input).doesNotExist();
    }

    @Test
    void aCopiedCorpusFileIsRefusedByPathAndDataTheLibraryWroteIsDeletedWithEveryFileListed() throws IOException {
        Path parquet = TestData.assumeCorpus("parquet-testing").resolve("alltypes_plain.parquet");
        Path copy = Files.copy(parquet, dir.resolve("copy.parquet"));
        Result refused = CliProcess.run(dir, "delete", "--yes", "copy.parquet");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("'copy.parquet' was not written by DataHandle").doesNotContain("'path'");
        assertThat(copy).exists();

        Result converted = CliProcess.run(dir, "-q", "convert", "copy.parquet", "out/written.csv");
        assertThat(converted.exitCode()).as(converted.toString()).isZero();
        Result deleted = CliProcess.run(dir, "delete", "--yes", "out/written.csv");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).contains("deleted 'out/written.csv'").contains("  " + dir.resolve("out/written.csv"))
                .doesNotContain("not written by DataHandle");
        try (var after = Files.list(dir.resolve("out"))) {
            assertThat(after.map(p -> p.getFileName().toString())).as("neither data nor its commit record left")
                    .noneMatch(n -> n.contains("written.csv") && !n.contains("lock"));
        }
    }
}
