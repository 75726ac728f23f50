package org.datahandle.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.DiskStatus;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;
import org.datahandle.testing.db.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example workflow of docs/databases.md: per-sample PCA scores written to SQLite by default and
 * to MariaDB when {@code PCA_TABLE} gives a server table.
 */
class PcaExampleTest {
    @TempDir
    Path folder;

    private Path copyExample() throws IOException {
        for (String name : List.of("pca-workflow.yaml", "genotypes.csv")) {
            try (InputStream in = getClass().getResourceAsStream("/examples/" + name)) {
                Files.copy(in, folder.resolve(name));
            }
        }
        return folder.resolve("pca-workflow.yaml");
    }

    /** The operator: genotypes in, two principal-component scores per sample out. */
    static Table pca(Table genotypes) {
        int n = genotypes.rowCount();
        int m = genotypes.columnCount() - 1;
        double[][] x = new double[n][m];
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                x[i][j] = ((Number) genotypes.get(i, j + 1)).doubleValue();
                mean += x[i][j] / n;
            }
            for (int i = 0; i < n; i++) {
                x[i][j] -= mean;
            }
        }
        double[][] scores = new double[n][2];
        for (int pc = 0; pc < 2; pc++) {
            double[] v = new double[m];
            java.util.Arrays.fill(v, 1.0 / Math.sqrt(m));
            v[pc % m] += 0.5; // not orthogonal to any component
            for (int iter = 0; iter < 500; iter++) { // power iteration on X^T X
                double[] xv = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        xv[i] += x[i][j] * v[j];
                    }
                }
                double[] next = new double[m];
                for (int j = 0; j < m; j++) {
                    for (int i = 0; i < n; i++) {
                        next[j] += x[i][j] * xv[i];
                    }
                }
                double norm = Math.sqrt(java.util.Arrays.stream(next).map(a -> a * a).sum());
                for (int j = 0; j < m; j++) {
                    v[j] = next[j] / norm;
                }
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += x[i][j] * v[j];
                }
                scores[i][pc] = s;
                for (int j = 0; j < m; j++) {
                    x[i][j] -= s * v[j]; // deflate: the next component is orthogonal
                }
            }
        }
        Table.Builder b = Table.builder(Schema.of(Field.of("sample", DataType.STRING), Field.of("pc1", DataType.FLOAT64),
                Field.of("pc2", DataType.FLOAT64)), n);
        for (int i = 0; i < n; i++) {
            b.addRow(genotypes.get(i, "sample"), scores[i][0], scores[i][1]);
        }
        return b.build();
    }

    private void run(Catalog catalog) {
        DataHandle scores = catalog.get("pcaScores");
        if (!scores.state().diskProduced()) { // a restarted workflow skips finished work
            scores.write(pca(catalog.get("genotypes").read()));
        }
    }

    @Test
    void writesToSqliteByDefault() throws IOException {
        Path workflow = copyExample();
        try (Catalog catalog = Catalog.builder().environment(Map.of()).load(workflow)) {
            run(catalog);
            assertThat(catalog.get("pcaScores").spec().disk().orElseThrow().fileSystem()).isEqualTo("sqlite");
        }
        assertThat(folder.resolve("out/results.sqlite")).exists();
        try (Catalog again = Catalog.builder().environment(Map.of()).load(workflow)) {
            DataHandle scores = again.get("pcaScores");
            assertThat(scores.disk().check().commitRecord()).isEqualTo(DiskStatus.CommitRecordState.MATCHES);
            Table t = scores.read();
            assertThat(t.rowCount()).isEqualTo(8);
            assertThat(t.schema().names()).containsExactly("sample", "pc1", "pc2");
            // the two African samples with identical genotypes get identical scores
            assertThat(t.get(6, "pc1")).isEqualTo(t.get(7, "pc1"));
            run(again); // produced: nothing is rewritten
        }
    }

    @Test
    void writesToMariaDbWhenAUrlIsGiven() throws IOException {
        Path workflow = copyExample();
        String table = "pca_scores_" + Long.toHexString(System.nanoTime() & 0xFFFFFF);
        Catalog.Builder b = Catalog.builder().environment(Map.of("PCA_TABLE", MariaDbServer.get().tableUri(table)));
        MariaDbServer.get().catalogOptions().forEach(b::fileSystemOption);
        try (Catalog catalog = b.load(workflow)) {
            run(catalog);
            assertThat(catalog.toYaml()).doesNotContain(MariaDbServer.PASSWORD);
        }
        List<String> rows = new ArrayList<>(List.of(MariaDbServer.get().sql("SELECT sample FROM " + table
                + " ORDER BY sample").trim().split("\n")));
        assertThat(rows).hasSize(8).contains("NA12878", "HG00096");
        assertThat(folder.resolve("out/results.sqlite")).doesNotExist();
    }
}
