package org.datahandle.fs.s3;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One in-process S3Proxy per test class (S3Proxy's own {@code S3ProxyExtension} starts one per
 * test), with signature checking on, and a plain SDK client for looking behind the file system's
 * back. Register as a {@code static} {@code @RegisterExtension} field.
 */
final class S3TestServer implements BeforeAllCallback, AfterAllCallback {
    static final String ACCESS_KEY = "test-access";
    /** Distinctive, so a test can search every message and stack trace for it. */
    static final String SECRET_KEY = "s3cr3t-Zq7-never-print-me";

    private S3ProxyJunitCore core;
    private S3Client client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        core = new S3ProxyJunitCore.Builder()
                .withCredentials(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        core.beforeEach();
        client = S3Client.builder().endpointOverride(uri()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (core != null) {
            core.afterEach();
        }
    }

    URI uri() {
        return core.getUri();
    }

    /** A client of our own, independent of the file system under test. */
    S3Client client() {
        return client;
    }

    /** Creates a bucket no other test uses. */
    String newBucket() {
        String bucket = "b-" + UUID.randomUUID().toString().substring(0, 13);
        client.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** The file-system options that reach this server. */
    Map<String, String> options() {
        return Map.of(S3Options.ENDPOINT, uri().toString(), S3Options.ACCESS_KEY, ACCESS_KEY,
                S3Options.SECRET_KEY, SECRET_KEY, S3Options.REGION, "us-east-1");
    }
}
