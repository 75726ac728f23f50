package org.datahandle.fs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The secret key never shows: not in errors (bad credentials, missing bucket, bad endpoint), not in toString. */
class S3SecretsTest {
    @RegisterExtension
    static final S3TestServer S3 = new S3TestServer();
    private static final String WRONG_SECRET = "wrong-S3cret-Kq9-must-not-leak";

    @Test
    void badCredentialsFailWithoutShowingTheSecret() throws IOException {
        String bucket = S3.newBucket();
        try (FileSystem fs = fileSystem(S3.uri().toString(), WRONG_SECRET)) {
            Throwable error = catchThrowable(() -> fs.stat(Location.of("s3://" + bucket + "/x.csv")));

            assertThat(error).isInstanceOf(IOException.class).hasMessageContaining("s3://" + bucket + "/x.csv");
            assertThat(everything(error)).contains("403").doesNotContain(WRONG_SECRET);
        }
    }

    @Test
    void missingBucketFailsNamingTheLocationButNotTheSecret() throws IOException {
        try (FileSystem fs = fileSystem(S3.uri().toString(), S3TestServer.SECRET_KEY)) {
            Location missing = Location.of("s3://no-such-bucket-here/x.csv");

            assertThat(fs.stat(missing)).isEmpty();
            assertThat(fs.list(missing.parent())).isEmpty();
            Throwable error = catchThrowable(() -> fs.openRead(missing).close());
            assertThat(error).isInstanceOf(NoSuchFileException.class).hasMessageContaining(missing.toString())
                    .hasMessageContaining("bucket does not exist");
            Throwable writeError = catchThrowable(() -> fs.createExclusive(missing, new byte[1]));
            assertThat(writeError).isInstanceOf(IOException.class).hasMessageContaining(missing.toString());
            assertThat(everything(error) + everything(writeError)).doesNotContain(S3TestServer.SECRET_KEY);
        }
    }

    @Test
    void unreachableEndpointFailsWithoutShowingTheSecret() throws IOException {
        try (FileSystem fs = fileSystem("http://127.0.0.1:1", WRONG_SECRET)) {
            Throwable error = catchThrowable(() -> fs.stat(Location.of("s3://bucket/x.csv")));

            assertThat(error).isInstanceOf(IOException.class).hasMessageContaining("s3://bucket/x.csv");
            assertThat(everything(error)).doesNotContain(WRONG_SECRET);
        }
    }

    @Test
    void toStringShowsWhereButNotTheSecret() throws IOException {
        try (FileSystem fs = fileSystem(S3.uri().toString(), WRONG_SECRET)) {
            assertThat(fs.toString()).contains(S3.uri().toString()).contains(S3TestServer.ACCESS_KEY)
                    .doesNotContain(WRONG_SECRET);
        }
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        Map<String, String> options = new HashMap<>(S3.options());
        options.put(S3Options.PART_SIZE, "1MiB");
        assertThatThrownBy(() -> new S3FileSystemFactory().create(options))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3.partSize");
        Map<String, String> halfCredentials = Map.of(S3Options.SECRET_KEY, WRONG_SECRET);
        assertThatThrownBy(() -> new S3FileSystemFactory().create(halfCredentials))
                .hasMessageContaining("s3.accessKey").hasMessageNotContaining(WRONG_SECRET);
    }

    @Test
    void aSecretInAnSdkMessageIsMasked() {
        S3Errors errors = new S3Errors(java.util.Optional.of(WRONG_SECRET));
        Throwable masked = errors.safe(new IllegalStateException("outer", new RuntimeException("key " + WRONG_SECRET)));

        assertThat(everything(masked)).doesNotContain(WRONG_SECRET).contains("key ****");
    }

    private static FileSystem fileSystem(String endpoint, String secret) {
        return new S3FileSystemFactory().create(Map.of(S3Options.ENDPOINT, endpoint, S3Options.REGION, "us-east-1",
                S3Options.ACCESS_KEY, S3TestServer.ACCESS_KEY, S3Options.SECRET_KEY, secret));
    }

    /** Messages, causes, suppressed exceptions and stack frames, as a log would print them. */
    static String everything(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
