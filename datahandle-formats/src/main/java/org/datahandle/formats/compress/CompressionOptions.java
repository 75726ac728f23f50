package org.datahandle.formats.compress;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Reads the integer options of a compression from a handle's {@code disk.options}. Keys that a
 * compression does not know are left alone: the same map carries the format's options.
 */
final class CompressionOptions {

    private CompressionOptions() {}

    /**
     * The value of {@code name} as an int in {@code [min, max]}, or {@code defaultValue} when absent.
     * YAML gives numbers as Integer or Long and quoted numbers as String; all three are accepted.
     *
     * @throws IllegalArgumentException naming the compression and the option when the value is not
     *     an integer in range
     */
    static int intOption(Map<String, Object> options, String compression, String name, int defaultValue, int min, int max) {
        requireNonNull(options, "options is null");
        Object value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        long parsed;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            parsed = ((Number) value).longValue();
        } else if (value instanceof String text && text.strip().matches("[+-]?\\d{1,18}")) {
            parsed = Long.parseLong(text.strip());
        } else {
            throw invalid(compression, name, min, max, value);
        }
        if (parsed < min || parsed > max) {
            throw invalid(compression, name, min, max, value);
        }
        return (int) parsed;
    }

    private static IllegalArgumentException invalid(String compression, String name, int min, int max, Object value) {
        return new IllegalArgumentException(String.format(
                "compression %s: option '%s' must be an integer from %d to %d, got '%s'", compression, name, min, max, value));
    }
}
