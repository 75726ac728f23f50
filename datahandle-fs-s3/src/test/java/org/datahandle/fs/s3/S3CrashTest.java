package org.datahandle.fs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.datahandle.AlreadyProducedException;
import org.datahandle.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A writer process killed (SIGKILL) mid-upload leaves no object at the final key and the handle not
 * produced; once its lock has expired, a new writer takes over and succeeds (rules 11 and 12 on S3).
 */
class S3CrashTest {
    @RegisterExtension
    static final S3TestServer S3 = new S3TestServer(); // in this JVM, alive for the whole test

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void writerKilledMidUploadLeavesNothingAndANewWriterTakesOverAfterTheLockTimeout() throws Exception {
        String bucket = S3.newBucket();
        String yaml = S3HandlesTest.handle("out", "s3://" + bucket + "/out/big.csv.gz");
        Process child = startChild(yaml, "4s");
        try {
            waitForMultipartUpload(bucket, child);
            assertThat(exists(bucket, "out/big.csv.gz")).as("nothing visible mid-upload").isFalse();
        } finally {
            child.destroyForcibly(); // SIGKILL: no finally blocks, no abort of the upload
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(exists(bucket, "out/big.csv.gz")).isFalse();
        try (Catalog catalog = catalog(yaml)) {
            assertThat(catalog.get("out").state().diskProduced()).isFalse();
        }

        writeOnceTheLockExpires(yaml);

        try (Catalog catalog = catalog(yaml)) {
            assertThat(catalog.get("out").state().diskProduced()).isTrue();
            assertThat(catalog.get("out").read().get(9, "name")).isEqualTo("after-9");
        }
    }

    /** The dead writer's lease runs out after its timeout; until then a writer is turned away. */
    private void writeOnceTheLockExpires(String yaml) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try (Catalog catalog = catalog(yaml)) {
                catalog.get("out").write(S3HandlesTest.rows(10, "after"));
                return;
            } catch (AlreadyProducedException e) {
                assertThat(e).hasMessageContaining("another writer");
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the dead writer's lock never expired", e);
                }
                Thread.sleep(500);
            }
        }
    }

    private static Process startChild(String yaml, String lockTimeout) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                S3ChildWriter.class.getName(), yaml, lockTimeout).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ENDPOINT_URL_S3", S3.uri().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
        return builder.start();
    }

    private static void waitForMultipartUpload(String bucket, Process child) throws Exception {
        StringBuilder output = new StringBuilder();
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (java.io.IOException e) {
                // the child died: its output ends here
            }
        });
        drain.setDaemon(true);
        drain.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                synchronized (output) {
                    throw new AssertionError("the child ended before it was killed:\n" + output);
                }
            }
            if (!S3.client().listMultipartUploads(b -> b.bucket(bucket)).uploads().isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no multipart upload started");
    }

    private static boolean exists(String bucket, String key) {
        try {
            S3.client().headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private static Catalog catalog(String yaml) {
        Catalog.Builder builder = Catalog.builder();
        S3.options().forEach(builder::fileSystemOption);
        return builder.fileSystemOption(S3Options.LOCK_TIMEOUT, "4s").fromYaml(yaml);
    }
}
