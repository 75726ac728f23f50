package org.datahandle.fs.s3;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code s3.*} file-system options. Anything left out comes from the AWS SDK's default chains
 * (environment, system properties, {@code ~/.aws/config} profiles).
 *
 * <p>{@link #toString()} never shows the secret key, and option errors never quote a value of
 * {@code s3.secretKey}: options end up in exception messages, and exception messages in logs.
 *
 * @param endpoint {@code s3.endpoint}, for S3-compatible stores (MinIO, S3Proxy, Ceph)
 * @param region {@code s3.region}
 * @param accessKey {@code s3.accessKey}; given together with the secret key or not at all
 * @param secretKey {@code s3.secretKey}
 * @param pathStyleAccess {@code s3.pathStyleAccess}: {@code http://host/bucket/key} instead of
 *     {@code http://bucket.host/key}; defaults to true when an endpoint is given, since
 *     S3-compatible stores rarely have wildcard DNS, and false for AWS itself
 * @param partSize {@code s3.partSize}: bytes per multipart-upload part, at least 5 MiB (S3's minimum)
 * @param lockTimeout {@code s3.lockTimeout}: how long a writer lock outlives its last refresh
 */
record S3Options(Optional<URI> endpoint, Optional<String> region, Optional<String> accessKey,
        Optional<String> secretKey, boolean pathStyleAccess, long partSize, Duration lockTimeout) {

    static final String ENDPOINT = "s3.endpoint";
    static final String REGION = "s3.region";
    static final String ACCESS_KEY = "s3.accessKey";
    static final String SECRET_KEY = "s3.secretKey";
    static final String PATH_STYLE_ACCESS = "s3.pathStyleAccess";
    static final String PART_SIZE = "s3.partSize";
    static final String LOCK_TIMEOUT = "s3.lockTimeout";

    /** S3 refuses parts smaller than this, except the last one. */
    static final long MIN_PART_SIZE = 5L << 20;
    /** A single PUT and a single part may be up to 5 GiB; a part is buffered in memory, so stay far below. */
    static final long MAX_PART_SIZE = 1L << 30;
    static final long DEFAULT_PART_SIZE = 8L << 20;
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(120);

    S3Options {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
        requireNonNull(lockTimeout, "lockTimeout is null");
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException("give both " + ACCESS_KEY + " and " + SECRET_KEY + ", or neither");
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException(PART_SIZE + " must be between " + MIN_PART_SIZE + " (5 MiB) and "
                    + MAX_PART_SIZE + " bytes, not " + partSize);
        }
        if (lockTimeout.isNegative() || lockTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException(LOCK_TIMEOUT + " must be at least 1 s, not " + lockTimeout);
        }
    }

    /** Reads the {@code s3.*} keys of the catalog's file-system options; other keys are ignored. */
    static S3Options from(Map<String, String> options) {
        Optional<URI> endpoint = nonBlank(options, ENDPOINT).map(S3Options::parseEndpoint);
        boolean pathStyle = nonBlank(options, PATH_STYLE_ACCESS).map(v -> bool(PATH_STYLE_ACCESS, v))
                .orElse(endpoint.isPresent());
        return new S3Options(endpoint,
                nonBlank(options, REGION),
                nonBlank(options, ACCESS_KEY),
                nonBlank(options, SECRET_KEY),
                pathStyle,
                nonBlank(options, PART_SIZE).map(v -> size(PART_SIZE, v)).orElse(DEFAULT_PART_SIZE),
                nonBlank(options, LOCK_TIMEOUT).map(v -> duration(LOCK_TIMEOUT, v)).orElse(DEFAULT_LOCK_TIMEOUT));
    }

    /** The options as a person may read them: the access key id is shown, the secret key never. */
    @Override
    public String toString() {
        return "S3Options[endpoint=" + endpoint.map(URI::toString).orElse("(SDK default)")
                + ", region=" + region.orElse("(SDK default)")
                + ", credentials=" + accessKey.map(k -> "static, access key " + k + ", secret key ****")
                        .orElse("(SDK default chain)")
                + ", pathStyleAccess=" + pathStyleAccess + ", partSize=" + partSize + ", lockTimeout=" + lockTimeout + "]";
    }

    private static Optional<String> nonBlank(Map<String, String> options, String key) {
        String value = options.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static URI parseEndpoint(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENDPOINT + " is not a URI: " + value, e);
        }
        if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(ENDPOINT + " must be an http:// or https:// URL with a host, not " + value);
        }
        return uri;
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not " + value);
        };
    }

    /** Bytes, or with a binary suffix: {@code 8388608}, {@code 8m}, {@code 8MiB}, {@code 1g}. */
    static long size(String key, String value) {
        String v = value.toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long unit = 1;
        if (v.endsWith("k")) {
            unit = 1L << 10;
        } else if (v.endsWith("m")) {
            unit = 1L << 20;
        } else if (v.endsWith("g")) {
            unit = 1L << 30;
        }
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(digits.strip()), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " must be a byte count such as 8388608 or 8MiB, not " + value);
        }
    }

    /** Seconds, or with a unit: {@code 120}, {@code 120s}, {@code 500ms}, {@code 2m}, or ISO-8601 {@code PT2M}. */
    static Duration duration(String key, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(value);
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).strip()));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).strip()));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).strip()));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 120, 120s, 500ms, 2m or PT2M, not " + value);
        }
    }
}
