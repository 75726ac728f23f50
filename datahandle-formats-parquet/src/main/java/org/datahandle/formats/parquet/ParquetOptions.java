package org.datahandle.formats.parquet;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The {@code disk.options} of a Parquet handle, validated.
 *
 * @param compression the page compression of what is written
 * @param rowGroupSize target size of a row group, as bytes of the table in memory ({@code Table.heapBytes()});
 *     a batch of {@code openStream} is one row group
 * @param pageSize target bytes per page
 * @param binaryAsString read unannotated BYTE_ARRAY columns as UTF-8 strings rather than binary
 */
record ParquetOptions(CompressionCodecName compression, long rowGroupSize, int pageSize, boolean binaryAsString) {
    static final String COMPRESSION = "compression";
    static final String ROW_GROUP_SIZE = "rowGroupSize";
    static final String PAGE_SIZE = "pageSize";
    static final String BINARY_AS_STRING = "binaryAsString";
    static final Set<String> NAMES = Set.of(COMPRESSION, ROW_GROUP_SIZE, PAGE_SIZE, BINARY_AS_STRING);

    /**
     * 16 MiB of the table in memory per row group (about 440,000 rows of five mixed columns, 8 MB
     * of snappy Parquet): chosen by measurement (docs/performance.md, issue 18 section) so that the
     * first batch of a stream (what {@code head} waits for, and the unit of progress) comes in a
     * fraction of a second, while the file stays within about 1 % of the size one 128 MiB row group
     * gives and full reads and writes are as fast. DuckDB writes row groups of 122,880 rows.
     */
    static final long DEFAULT_ROW_GROUP_SIZE = 16L * 1024 * 1024;
    static final int DEFAULT_PAGE_SIZE = 1024 * 1024;

    private static final Map<String, CompressionCodecName> CODECS = Map.of(
            "snappy", CompressionCodecName.SNAPPY,
            "zstd", CompressionCodecName.ZSTD,
            "gzip", CompressionCodecName.GZIP,
            "lz4_raw", CompressionCodecName.LZ4_RAW,
            "lz4", CompressionCodecName.LZ4,
            "none", CompressionCodecName.UNCOMPRESSED);

    ParquetOptions(CompressionCodecName compression, long rowGroupSize, int pageSize) {
        this(compression, rowGroupSize, pageSize, false);
    }

    ParquetOptions {
        requireNonNull(compression, "compression is null");
        if (rowGroupSize < 1) {
            throw new IllegalArgumentException("option '" + ROW_GROUP_SIZE + "' must be a positive number of bytes, was "
                    + rowGroupSize);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("option '" + PAGE_SIZE + "' must be a positive number of bytes, was "
                    + pageSize);
        }
    }

    static ParquetOptions defaults() {
        return new ParquetOptions(CompressionCodecName.SNAPPY, DEFAULT_ROW_GROUP_SIZE, DEFAULT_PAGE_SIZE, false);
    }

    /**
     * Reads options as written in YAML.
     *
     * @throws IllegalArgumentException naming the option when a key is unknown or a value invalid
     */
    static ParquetOptions parse(Map<String, Object> options) {
        requireNonNull(options, "options is null");
        for (String key : options.keySet()) {
            if (!NAMES.contains(key)) {
                throw new IllegalArgumentException("unknown parquet option '" + key + "'; known options are "
                        + NAMES.stream().sorted().toList());
            }
        }
        CompressionCodecName compression = CompressionCodecName.SNAPPY;
        Object c = options.get(COMPRESSION);
        if (c != null) {
            String name = c.toString().trim().toLowerCase(Locale.ROOT);
            if (name.equals("brotli")) {
                throw new IllegalArgumentException("option '" + COMPRESSION + "': brotli is read but cannot be written"
                        + " (no Brotli encoder without native code); choose one of "
                        + CODECS.keySet().stream().sorted().toList());
            }
            compression = CODECS.get(name);
            if (compression == null) {
                throw new IllegalArgumentException("option '" + COMPRESSION + "' must be one of "
                        + CODECS.keySet().stream().sorted().toList() + ", was '" + c + "'");
            }
        }
        long rowGroupSize = size(options, ROW_GROUP_SIZE, DEFAULT_ROW_GROUP_SIZE, Long.MAX_VALUE);
        int pageSize = (int) size(options, PAGE_SIZE, DEFAULT_PAGE_SIZE, Integer.MAX_VALUE);
        return new ParquetOptions(compression, rowGroupSize, pageSize, flag(options, BINARY_AS_STRING));
    }

    private static boolean flag(Map<String, Object> options, String key) {
        Object v = options.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("option '" + key + "' must be true or false, was '" + v + "'");
    }

    private static long size(Map<String, Object> options, String key, long defaultValue, long max) {
        Object v = options.get(key);
        if (v == null) {
            return defaultValue;
        }
        long n;
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            n = ((Number) v).longValue();
        } else if (v instanceof String s && s.trim().matches("\\d{1,19}")) {
            try {
                n = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option '" + key + "' is too large: " + s, e);
            }
        } else {
            throw new IllegalArgumentException("option '" + key + "' must be a whole number of bytes, was '" + v + "'");
        }
        if (n < 1 || n > max) {
            throw new IllegalArgumentException("option '" + key + "' must be between 1 and " + max + " bytes, was " + n);
        }
        return n;
    }
}
