package org.datahandle.formats.arrow;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;

/**
 * The {@code disk.options} of an {@code arrow} or {@code arrows} handle: {@code compression} ({@code none},
 * the default, keeps files mappable; {@code lz4} or {@code zstd} for files meant for disk) and
 * {@code batchRows}, the most rows per record batch.
 */
final class ArrowOptions {
    static final String COMPRESSION = "compression";
    static final String BATCH_ROWS = "batchRows";
    static final Set<String> NAMES = Set.of(COMPRESSION, BATCH_ROWS);

    private ArrowOptions() {}

    /**
     * Reads options as written in YAML.
     *
     * @throws IllegalArgumentException naming the option when a key is unknown or a value invalid
     */
    static ArrowWriteOptions parse(String format, Map<String, Object> options) {
        requireNonNull(options, "options is null");
        for (String key : options.keySet()) {
            if (!NAMES.contains(key)) {
                throw new IllegalArgumentException("unknown " + format + " option '" + key + "'; known options are "
                        + NAMES.stream().sorted().toList());
            }
        }
        ArrowWriteOptions result = ArrowWriteOptions.defaults();
        Object c = options.get(COMPRESSION);
        if (c != null) {
            result = result.withCompression(ArrowCompression.parse(c.toString()).orElseThrow(() ->
                    new IllegalArgumentException("option '" + COMPRESSION + "' must be one of [none, lz4, zstd], was '"
                            + c + "'")));
        }
        Object rows = options.get(BATCH_ROWS);
        if (rows != null) {
            int n;
            try {
                n = rows instanceof Number num ? Math.toIntExact(num.longValue()) : Integer.parseInt(rows.toString().trim());
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("option '" + BATCH_ROWS + "' must be a positive whole number, was '"
                        + rows + "'", e);
            }
            if (n < 1) {
                throw new IllegalArgumentException("option '" + BATCH_ROWS + "' must be at least 1, was " + n);
            }
            result = result.withMaxBatchRows(n);
        }
        return result;
    }
}
