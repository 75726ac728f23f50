package org.datahandle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.datahandle.cli.CliProcess.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI carries datahandle-db and the SQLite driver: a {@code sqlite:} handle reads like a file. */
class DatabaseHandlesTest {
    @TempDir
    Path dir;

    @Test
    void headAndSchemaReadAnSqliteTable() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("results.sqlite"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE pca_scores (sample TEXT, pc1 DOUBLE, n INT)");
            s.execute("INSERT INTO pca_scores VALUES ('S1', 0.25, 3), ('S2', -1.5, NULL), ('S3', 2.0, 7)");
        }
        Files.writeString(dir.resolve("wf.yaml"), "dataHandles:\n  scores:\n    disk: {path: 'sqlite:results.sqlite#pca_scores'}\n");

        Result head = CliProcess.run(dir, "head", "wf.yaml", "scores", "-n", "2");
        assertThat(head.exitCode()).as(head.toString()).isZero();
        assertThat(head.out()).contains("sample").contains("S1").contains("-1.5").doesNotContain("S3");

        Result schema = CliProcess.run(dir, "schema", "wf.yaml", "scores");
        assertThat(schema.exitCode()).as(schema.toString()).isZero();
        assertThat(schema.out()).containsPattern("pc1\\s+float64").containsPattern("n\\s+int32");
    }

    @Test
    void aMissingTableIsNotProduced() throws Exception {
        Files.writeString(dir.resolve("wf.yaml"), "dataHandles:\n  scores:\n    disk: {path: 'sqlite:none.sqlite#t'}\n");
        Result r = CliProcess.run(dir, "head", "wf.yaml", "scores");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NOT_PRODUCED);
        assertThat(r.err()).contains("scores").contains("not produced");
        assertThat(dir.resolve("none.sqlite")).as("reading never creates the database").doesNotExist();
    }
}
