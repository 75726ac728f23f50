package org.datahandle.spark;

/**
 * How many rows a {@code spark} or {@code rdd} handle may collect to the driver when an operator
 * reads it as a {@code Table} or as rows. Default {@link #DEFAULT}; an engine sets another with
 * {@code Catalog.builder().memoryFormContext(SparkCollectLimit.class, new SparkCollectLimit(n))}.
 *
 * @param maxRows the most rows collected; a Dataset with more is refused, never cut
 */
public record SparkCollectLimit(long maxRows) {
    /** One million rows. */
    public static final SparkCollectLimit DEFAULT = new SparkCollectLimit(1_000_000);

    public SparkCollectLimit {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must not be negative, was " + maxRows);
        }
    }
}
