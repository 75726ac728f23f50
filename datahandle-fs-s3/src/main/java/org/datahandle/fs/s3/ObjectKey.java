package org.datahandle.fs.s3;

import static java.util.Objects.requireNonNull;

import org.datahandle.spi.Location;

/**
 * A bucket and a key: {@code s3://bucket/a/b.csv} and {@code s3a://bucket/a/b.csv} are both bucket
 * {@code bucket}, key {@code a/b.csv}. The root of a bucket has the empty key.
 *
 * @param bucket the bucket name
 * @param key the object key, without a leading slash
 */
record ObjectKey(String bucket, String key) {
    ObjectKey {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
    }

    static ObjectKey of(Location location) {
        requireNonNull(location, "location is null");
        String scheme = location.scheme();
        if (!S3FileSystemFactory.SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("the s3 file system serves s3: and s3a: locations, not " + location);
        }
        // the authority, not the host: bucket names with dots or underscores are not always valid host names
        String bucket = location.uri().getAuthority();
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("an s3 location needs a bucket, as in s3://bucket/key: " + location);
        }
        return new ObjectKey(bucket, location.path().substring(1));
    }

    /** The key as a folder prefix: empty for the bucket root, otherwise ending with {@code /}. */
    String asPrefix() {
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    /** True when the key names a folder rather than an object: the root, or a key ending in {@code /}. */
    boolean isFolder() {
        return key.isEmpty() || key.endsWith("/");
    }
}
