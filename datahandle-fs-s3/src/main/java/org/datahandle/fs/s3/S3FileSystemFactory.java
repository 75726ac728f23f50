package org.datahandle.fs.s3;

import java.util.Map;
import java.util.Set;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.FileSystemFactory;

/**
 * The {@code s3} file system: {@code s3://bucket/key} and {@code s3a://bucket/key} (the same
 * objects) through the AWS SDK v2. Options ({@code s3.endpoint}, {@code s3.region},
 * {@code s3.accessKey}, {@code s3.secretKey}, {@code s3.pathStyleAccess}, {@code s3.partSize},
 * {@code s3.lockTimeout}) override the SDK's default chains; see {@code docs/filesystems.md}.
 */
public final class S3FileSystemFactory implements FileSystemFactory {
    static final Set<String> SCHEMES = Set.of("s3", "s3a");

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public Set<String> schemes() {
        return SCHEMES;
    }

    /**
     * Checks the options now; the S3 client itself is built on first use.
     *
     * @throws IllegalArgumentException naming the option when one is malformed (never quoting the secret key)
     */
    @Override
    public FileSystem create(Map<String, String> options) {
        return new S3FileSystem(S3Options.from(options));
    }
}
