package org.datahandle.fs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.datahandle.Catalog;
import org.datahandle.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * boto3 as a second, independent S3 client: it lists and reads what a handle published, and a
 * handle reads what it put. Needs python3 with boto3 (Debian: {@code apt-get install python3-boto3});
 * skipped without it, except under {@code CI=true}, where its absence fails the build.
 */
class S3Boto3InteropTest {
    @RegisterExtension
    static final S3TestServer S3 = new S3TestServer();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void boto3ReadsOurObjectsAndWeReadItsObject() throws Exception {
        Optional<String> python = pythonWithBoto3();
        if ("true".equals(System.getenv("CI"))) {
            assertThat(python).as("CI=true: python3 with boto3 is required (Debian package python3-boto3)").isPresent();
        }
        assumeTrue(python.isPresent(), "python3 with boto3 not found; install the Debian package python3-boto3");
        String bucket = S3.newBucket();
        String ours = "s3://" + bucket + "/shared/ours.csv";
        String theirs = "s3://" + bucket + "/shared/theirs.csv";
        try (Catalog catalog = catalog(S3HandlesTest.handle("ours", ours) + S3HandlesTest.handle("theirs", theirs))) {
            catalog.get("ours").write(S3HandlesTest.rows(50, "java"));

            Path script = Path.of(getClass().getResource("/boto3_client.py").toURI());
            ProcessBuilder builder = new ProcessBuilder(python.get(), script.toString(), S3.uri().toString(), bucket,
                    "shared/", "shared/ours.csv", "shared/theirs.csv").redirectErrorStream(true);
            builder.environment().put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
            builder.environment().put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();

            List<String> lines = output.lines().toList();
            assertThat(lines).anyMatch(l -> l.startsWith("KEY shared/ours.csv "))
                    .anyMatch(l -> l.startsWith("KEY shared/.ours.csv.datahandle.json "))
                    .contains("LINES 51", "HEADER id,name,score", "LAST 49,java-49,24.5", "PUT shared/theirs.csv");

            Table t = catalog.get("theirs").read();
            assertThat(t.rowCount()).isEqualTo(2);
            assertThat(t.get(0, "name")).isEqualTo("from-boto3");
        }
    }

    /** The first of {@code python3} on the PATH and Debian's {@code /usr/bin/python3} that imports boto3. */
    private static Optional<String> pythonWithBoto3() throws InterruptedException {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import boto3").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not installed under this name
            }
        }
        return Optional.empty();
    }

    private static Catalog catalog(String yaml) {
        Catalog.Builder builder = Catalog.builder();
        S3.options().forEach(builder::fileSystemOption);
        return builder.fromYaml(yaml);
    }
}
