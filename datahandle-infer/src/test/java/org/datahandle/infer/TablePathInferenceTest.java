package org.datahandle.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.infer.TestSetup.decl;
import static org.datahandle.infer.TestSetup.infer;

import java.util.Map;
import org.datahandle.DiskSpec;
import org.datahandle.SpecException;
import org.datahandle.spi.TableLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table paths: scheme = engine, fragment = table, without the engine's module on the class path. */
class TablePathInferenceTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sqlite:out/results.sqlite#scores | sqlite | sqlite:///work/flow/out/results.sqlite#scores | scores",
        "sqlite:/data/r.sqlite#scores | sqlite | sqlite:///data/r.sqlite#scores | scores",
        "sqlite:///data/r.sqlite#scores | sqlite | sqlite:///data/r.sqlite#scores | scores",
        "sqlite:~/r.sqlite#t | sqlite | sqlite:///home/me/r.sqlite#t | t",
        "postgresql://db:5432/genomics#analysis.pca | postgresql | postgresql://db:5432/genomics#analysis.pca | analysis.pca",
        "postgres://db/genomics#pca | postgresql | postgres://db/genomics#pca | pca",
        "mariadb://db:3306/genomics#pca_scores | mariadb | mariadb://db:3306/genomics#pca_scores | pca_scores",
        "mysql://db:3306/genomics#pca_scores | mariadb | mysql://db:3306/genomics#pca_scores | pca_scores",
    })
    void schemeNamesTheEngineAndFragmentTheTable(String path, String engine, String uri, String table) {
        DiskSpec spec = infer(decl().path(path));
        assertThat(spec.format()).isEqualTo("table");
        assertThat(spec.compression()).isEqualTo("none");
        assertThat(spec.fileSystem()).isEqualTo(engine);
        assertThat(spec.pathList().get(0).path().toString()).isEqualTo(uri);
        assertThat(TableLocation.of(spec.pathList().get(0).path()).table()).isEqualTo(table);
    }

    @Test
    void metacharactersInTheTableNameSurviveAsOneName() {
        DiskSpec spec = infer(decl().path("sqlite:r.sqlite#a\"b; DROP TABLE x; --"));
        assertThat(TableLocation.of(spec.pathList().get(0).path()).table()).isEqualTo("a\"b; DROP TABLE x; --");
    }

    @Test
    void variablesChooseTheEngine() {
        assertThat(infer(decl().path("${PCA:-sqlite:out/pca.sqlite#pca}"), Map.of()).fileSystem()).isEqualTo("sqlite");
        assertThat(infer(decl().path("${PCA:-sqlite:out/pca.sqlite#pca}"),
                Map.of("PCA", "mariadb://127.0.0.1:3307/dh#pca")).fileSystem()).isEqualTo("mariadb");
    }

    @Test
    void credentialsInThePathAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> infer(decl().path("mariadb://dh:s3cret@db:3306/g#t")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("credentials")
                .hasMessageContaining("mariadb.password")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> infer(decl().path("${URL}"), Map.of("URL", "postgresql://u:pw9@db/g")))
                .isInstanceOf(SpecException.class)
                .hasMessageNotContaining("pw9");
    }

    @Test
    void aTableIsNamedAfterHash() {
        assertThatThrownBy(() -> infer(decl().path("sqlite:out/r.sqlite")))
                .isInstanceOf(SpecException.class).hasMessageContaining("add #table");
        assertThatThrownBy(() -> infer(decl().path("mariadb://db:3306#t")))
                .isInstanceOf(SpecException.class).hasMessageContaining("one database name");
        assertThatThrownBy(() -> infer(decl().path("postgresql:genomics#t")))
                .isInstanceOf(SpecException.class).hasMessageContaining("needs a server");
    }

    @Test
    void givenValuesMustAgreeWithATable() {
        assertThatThrownBy(() -> infer(decl().path("sqlite:r.sqlite#t").format("csv", 5, 13)))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.line()).hasValue(5))
                .hasMessageContaining("format 'csv' given").hasMessageContaining("'table'");
        assertThatThrownBy(() -> infer(decl().path("sqlite:r.sqlite#t").compression("gz", 5, 13)))
                .isInstanceOf(SpecException.class).hasMessageContaining("no compression");
        assertThatThrownBy(() -> infer(decl().path("sqlite:r.sqlite#t").fileSystem("mariadb", 5, 13)))
                .isInstanceOf(SpecException.class).hasMessageContaining("implies database engine 'sqlite'");
        assertThatThrownBy(() -> infer(decl().path("sqlite:r.sqlite#t", "sqlite:r.sqlite#u")))
                .isInstanceOf(SpecException.class).hasMessageContaining("one path");
        assertThat(infer(decl().path("sqlite:r.sqlite#t").format("table", 5, 13).fileSystem("sqlite", 6, 13))
                .format()).isEqualTo("table");
    }
}
