package org.datahandle.fs.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.datahandle.DataHandleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options and configuration files, without a cluster. */
class HdfsSettingsTest {
    private static final String SECRET = "s3cr3t-t0ken-value";

    @TempDir
    Path dir;

    @Test
    void hadoopKeysGoToTheConfigurationAndOtherAdaptersKeysDoNot() {
        HdfsSettings settings = HdfsSettings.from(Map.of("fs.defaultFS", "hdfs://nn:8020", "dfs.replication", "2",
                "hadoop.security.authentication", "kerberos", "ipc.client.connect.max.retries", "3",
                "s3.secretKey", SECRET), Map.of());

        assertThat(settings.hadoopOptions()).containsOnlyKeys("fs.defaultFS", "dfs.replication",
                "hadoop.security.authentication", "ipc.client.connect.max.retries");
        Configuration conf = HadoopConfigurations.build(settings);
        assertThat(conf.get("fs.defaultFS")).isEqualTo("hdfs://nn:8020");
        assertThat(conf.getInt("dfs.replication", 0)).isEqualTo(2);
        assertThat(settings.lockTimeout()).isEqualTo(HdfsSettings.DEFAULT_LOCK_TIMEOUT);
    }

    @Test
    void siteFilesInTheConfigurationFolderAreReadAndOptionsWin() throws Exception {
        Files.writeString(dir.resolve("core-site.xml"), site("fs.defaultFS", "hdfs://from-core-site:8020")
                .replace("</configuration>", "<property><name>ipc.client.connect.timeout</name><value>1234</value>"
                        + "</property></configuration>"));
        Files.writeString(dir.resolve("hdfs-site.xml"), site("dfs.replication", "5"));

        Configuration fromEnvironment = HadoopConfigurations.build(
                HdfsSettings.from(Map.of(), Map.of("HADOOP_CONF_DIR", dir.toString())));
        assertThat(fromEnvironment.get("fs.defaultFS")).isEqualTo("hdfs://from-core-site:8020");
        assertThat(fromEnvironment.getInt("dfs.replication", 0)).isEqualTo(5);

        Configuration overridden = HadoopConfigurations.build(HdfsSettings.from(
                Map.of(HdfsSettings.CONF_DIR, dir.toString(), "fs.defaultFS", "hdfs://from-option:9000"), Map.of()));
        assertThat(overridden.get("fs.defaultFS")).isEqualTo("hdfs://from-option:9000");
        assertThat(overridden.getInt("ipc.client.connect.timeout", 0)).isEqualTo(1234);
    }

    @Test
    void missingConfigurationFolderIsAnError() {
        Path missing = dir.resolve("nowhere");
        HdfsSettings settings = HdfsSettings.from(Map.of(HdfsSettings.CONF_DIR, missing.toString()), Map.of());

        assertThatThrownBy(() -> HadoopConfigurations.build(settings)).isInstanceOf(DataHandleException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void lockTimeoutFormats() {
        assertThat(HdfsSettings.duration("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(HdfsSettings.duration("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(HdfsSettings.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(HdfsSettings.duration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(HdfsSettings.duration("PT3M")).isEqualTo(Duration.ofMinutes(3));
        for (String bad : new String[] {"0s", "soon", "-5s", "P", "99999999999999999s"}) {
            assertThatThrownBy(() -> HdfsSettings.duration(bad)).as(bad).isInstanceOf(DataHandleException.class)
                    .hasMessageContaining(HdfsSettings.LOCK_TIMEOUT);
        }
    }

    @Test
    void unknownHdfsOptionIsAnErrorThatShowsNoValue() {
        Map<String, String> options = Map.of("hdfs.lockTimout", "5s", "dfs.client.token", SECRET);

        assertThatThrownBy(() -> HdfsSettings.from(options, Map.of())).isInstanceOf(DataHandleException.class)
                .hasMessageContaining("hdfs.lockTimout").hasMessageContaining(HdfsSettings.LOCK_TIMEOUT)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void errorsAboutTheNamenodeShowNoOptionValues() {
        HdfsFileSystemFactory factory = new HdfsFileSystemFactory();
        Map<String, String> options = Map.of("fs.defaultFS", "file:///", "hadoop.security.credential.provider.path",
                SECRET, "dfs.client.token", SECRET);

        assertThatThrownBy(() -> {
            try (var fs = factory.create(options)) {
                fs.stat(org.datahandle.spi.Location.of("hdfs:///data/x.csv"));
            }
        }).hasMessageContaining("/data/x.csv").hasMessageContaining("fs.defaultFS").hasMessageNotContaining(SECRET);
    }

    private static String site(String key, String value) {
        return "<?xml version=\"1.0\"?>\n<configuration><property><name>" + key + "</name><value>" + value
                + "</value></property></configuration>\n";
    }
}
