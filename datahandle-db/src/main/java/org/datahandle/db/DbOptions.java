package org.datahandle.db;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table handle's {@code disk.options}.
 *
 * @param fetchSize rows per batch of a streaming read (and the driver's fetch size)
 * @param batchSize rows per bulk statement of a write
 * @param query read-only SQL whose result is the handle's data, instead of the table
 * @param bulk how rows are loaded: {@code auto} (the engine's fast path), {@code copy}
 *     (PostgreSQL {@code COPY}), {@code load-data} (MariaDB {@code LOAD DATA LOCAL INFILE}) or
 *     {@code batch} (prepared-statement batches)
 */
record DbOptions(int fetchSize, int batchSize, Optional<String> query, String bulk) {
    static final Set<String> NAMES = Set.of("fetchSize", "batchSize", "query", "bulk");
    private static final Set<String> BULK = Set.of("auto", "copy", "load-data", "batch");

    static DbOptions of(Map<String, Object> options) {
        int fetch = positive(options, "fetchSize", 10_000);
        int batch = positive(options, "batchSize", 10_000);
        Optional<String> query = Optional.ofNullable(options.get("query")).map(Object::toString)
                .filter(q -> !q.isBlank());
        String bulk = String.valueOf(options.getOrDefault("bulk", "auto")).toLowerCase(Locale.ROOT);
        if (!BULK.contains(bulk)) {
            throw new IllegalArgumentException("option bulk must be one of " + BULK + ", was '" + bulk + "'");
        }
        return new DbOptions(fetch, batch, query, bulk);
    }

    private static int positive(Map<String, Object> options, String key, int fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            n = v instanceof Number num ? num.intValue() : Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be a whole number, was '" + v + "'", e);
        }
        if (n < 1 || n > 10_000_000) {
            throw new IllegalArgumentException("option " + key + " must be 1..10000000, was " + n);
        }
        return n;
    }
}
