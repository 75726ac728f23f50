package org.datahandle.formats.arrow;

import static java.util.Objects.requireNonNull;

/**
 * How an {@link ArrowIpcWriter} writes.
 *
 * @param compression how record batch bodies are compressed; {@link ArrowCompression#NONE} keeps files mappable
 * @param maxBatchRows the most rows in one record batch: larger tables are split, so that a reader can stream
 *     them and no buffer outgrows a Java array
 */
public record ArrowWriteOptions(ArrowCompression compression, int maxBatchRows) {
    /** The default batch bound: about a million rows, as pyarrow's own writers use. */
    public static final int DEFAULT_MAX_BATCH_ROWS = 1 << 20;

    public ArrowWriteOptions {
        requireNonNull(compression, "compression is null");
        if (maxBatchRows < 1) {
            throw new IllegalArgumentException("maxBatchRows must be at least 1, was " + maxBatchRows);
        }
    }

    /** Uncompressed, 64-byte aligned, batches of up to {@link #DEFAULT_MAX_BATCH_ROWS} rows. */
    public static ArrowWriteOptions defaults() {
        return new ArrowWriteOptions(ArrowCompression.NONE, DEFAULT_MAX_BATCH_ROWS);
    }

    public ArrowWriteOptions withCompression(ArrowCompression c) {
        return new ArrowWriteOptions(c, maxBatchRows);
    }

    public ArrowWriteOptions withMaxBatchRows(int rows) {
        return new ArrowWriteOptions(compression, rows);
    }
}
