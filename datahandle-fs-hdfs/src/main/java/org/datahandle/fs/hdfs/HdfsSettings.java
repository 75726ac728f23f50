package org.datahandle.fs.hdfs;

import static java.util.Objects.requireNonNull;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;

/**
 * The HDFS adapter's share of the catalog's file-system options, free of Hadoop types.
 *
 * <p>Option values may be secrets (tokens, keytab passwords, S3 keys meant for another adapter), so
 * no message here ever shows one; only the non-secret {@code hdfs.lockTimeout} is echoed.
 *
 * @param lockTimeout after how long without a refresh a lock is abandoned
 * @param configurationDirectory the folder with {@code core-site.xml} / {@code hdfs-site.xml}, if any
 * @param hadoopOptions the options that are Hadoop keys, in the order given
 */
record HdfsSettings(Duration lockTimeout, Optional<Path> configurationDirectory, Map<String, String> hadoopOptions) {
    static final String LOCK_TIMEOUT = "hdfs.lockTimeout";
    static final String CONF_DIR = "hdfs.confDir";
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(120);

    /** The prefixes of Hadoop's own keys: core-site ({@code fs.}, {@code hadoop.}, {@code ipc.}) and hdfs-site. */
    private static final List<String> HADOOP_PREFIXES = List.of("fs.", "dfs.", "hadoop.", "ipc.");
    private static final List<String> OWN_KEYS = List.of(LOCK_TIMEOUT, CONF_DIR);
    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)?");

    HdfsSettings {
        requireNonNull(lockTimeout, "lockTimeout is null");
        requireNonNull(configurationDirectory, "configurationDirectory is null");
        hadoopOptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hadoopOptions));
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lock timeout must be positive: " + lockTimeout);
        }
    }

    /**
     * @param options every file-system option of the catalog (other adapters' too)
     * @param environment where {@code HADOOP_CONF_DIR} is looked up
     */
    static HdfsSettings from(Map<String, String> options, Map<String, String> environment) {
        Map<String, String> hadoop = new LinkedHashMap<>();
        for (Map.Entry<String, String> option : options.entrySet()) {
            String key = option.getKey();
            if (HADOOP_PREFIXES.stream().anyMatch(key::startsWith)) {
                hadoop.put(key, option.getValue());
            } else if (key.startsWith("hdfs.") && !OWN_KEYS.contains(key)) {
                throw new DataHandleException(ErrorCode.CONFIGURATION, null, ErrorLocation.UNKNOWN,
                        "unknown file-system option '" + key + "'; the HDFS adapter knows "
                        + String.join(", ", OWN_KEYS) + " and passes keys starting with "
                        + String.join(", ", HADOOP_PREFIXES) + " to Hadoop");
            }
        }
        Duration timeout = Optional.ofNullable(options.get(LOCK_TIMEOUT)).map(HdfsSettings::duration)
                .orElse(DEFAULT_LOCK_TIMEOUT);
        String folder = options.containsKey(CONF_DIR) ? options.get(CONF_DIR) : environment.get("HADOOP_CONF_DIR");
        Optional<Path> directory;
        try {
            directory = folder == null || folder.isBlank() ? Optional.empty() : Optional.of(Path.of(folder));
        } catch (InvalidPathException e) {
            throw new DataHandleException(ErrorCode.CONFIGURATION, null, ErrorLocation.UNKNOWN,
                    "the Hadoop configuration folder (" + CONF_DIR + " or HADOOP_CONF_DIR) is "
                    + "not a valid path: " + e.getReason());
        }
        return new HdfsSettings(timeout, directory, hadoop);
    }

    /** {@code 120s}, {@code 5000ms}, {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601 {@code PT2M}. */
    static Duration duration(String text) {
        String trimmed = text.trim();
        Duration parsed = null;
        Matcher amount = AMOUNT.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (amount.matches()) {
            long value = Long.parseLong(amount.group(1));
            String unit = amount.group(2) == null ? "s" : amount.group(2);
            parsed = switch (unit) {
                case "ms" -> Duration.ofMillis(value);
                case "m" -> Duration.ofMinutes(value);
                case "h" -> Duration.ofHours(value);
                default -> Duration.ofSeconds(value);
            };
        } else if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                parsed = Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                parsed = null;
            }
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw new DataHandleException(ErrorCode.CONFIGURATION, null, ErrorLocation.UNKNOWN,
                    "file-system option " + LOCK_TIMEOUT + ": '" + text + "' is not a positive "
                    + "duration; write e.g. 120s, 5000ms, 2m or PT2M");
        }
        return parsed;
    }
}
