package org.datahandle.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.datahandle.infer.TestSetup.decl;
import static org.datahandle.infer.TestSetup.infer;

import java.util.Map;
import java.util.Set;
import org.datahandle.DiskSpec;
import org.datahandle.SpecException;
import org.datahandle.spi.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemeInferenceTest {

    @ParameterizedTest
    @CsvSource({
        "data/x.csv, local",
        "/data/x.csv, local",
        "file:///data/x.csv, local",
        "hdfs://nn:8020/x.csv, hdfs",
        "hdfs:///x.csv, hdfs",
        "s3://bucket/x.csv, s3",
        "s3a://bucket/x.csv, s3",
    })
    void builtInSchemesWorkWithoutAnyRegisteredFileSystem(String path, String fileSystem) {
        assertThat(infer(decl().path(path)).fileSystem()).isEqualTo(fileSystem);
    }

    @Test
    void unsupportedSchemeIsAnErrorListingSupportedOnes() {
        assertThatThrownBy(() -> infer(decl().pathAt("ftp://x", 8, 11)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).hasValue("disk.path");
                    assertThat(e.line()).hasValue(8);
                    assertThat(e.column()).hasValue(11);
                })
                .hasMessageContaining("scheme 'ftp' of path 'ftp://x' is not supported")
                .hasMessageContaining("file (local), hdfs (hdfs), s3 (s3), s3a (s3)");
    }

    @Test
    void aRegisteredFileSystemAddsItsSchemes() {
        Registry registry = TestSetup.baseRegistry()
                .register(new TestSetup.NamedFileSystemFactory("gcs", Set.of("gs")))
                .build();
        DefaultDiskInference inference = new DefaultDiskInference();
        DiskSpec spec = inference.infer(decl().path("gs://bucket/x.csv").build(), TestSetup.context(registry, Map.of()));
        assertThat(spec.fileSystem()).isEqualTo("gcs");
        assertThat(spec.pathList().get(0).path().toString()).isEqualTo("gs://bucket/x.csv");
        // the unsupported-scheme message now lists it too
        assertThatThrownBy(() -> inference.infer(decl().path("ftp://x/y.csv").build(),
                TestSetup.context(registry, Map.of())))
                .hasMessageContaining("gs (gcs)");
        // and its name is a valid disk.fileSystem
        assertThat(inference.infer(decl().path("gs://b/x.csv").fileSystem("gcs", 6, 17).build(),
                TestSetup.context(registry, Map.of())).fileSystem()).isEqualTo("gcs");
    }

    @Test
    void aRegisteredFactoryForABuiltInSchemeDecidesItsName() {
        Registry registry = TestSetup.baseRegistry()
                .register(new TestSetup.NamedFileSystemFactory("webhdfs", Set.of("hdfs")))
                .build();
        DiskSpec spec = new DefaultDiskInference().infer(decl().path("hdfs:///x.csv").build(),
                TestSetup.context(registry, Map.of()));
        assertThat(spec.fileSystem()).isEqualTo("webhdfs");
    }

    @Test
    void givenFileSystemMustAgreeWithTheScheme() {
        assertThatThrownBy(() -> infer(decl().path("/data/x.csv").fileSystem("hdfs", 6, 17)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).hasValue("disk.fileSystem");
                    assertThat(e.line()).hasValue(6);
                    assertThat(e.column()).hasValue(17);
                })
                .hasMessageContaining("fileSystem 'hdfs' given, but path '/data/x.csv' implies 'local'");
        assertThat(infer(decl().path("s3a://b/x.csv").fileSystem("s3", 6, 17)).fileSystem()).isEqualTo("s3");
    }

    @Test
    void aColonInsideARelativePathIsNotAScheme() {
        assertThat(infer(decl().path("data/a:b.csv")).pathList().get(0).path().getPath())
                .isEqualTo("/work/flow/data/a:b.csv");
    }
}
