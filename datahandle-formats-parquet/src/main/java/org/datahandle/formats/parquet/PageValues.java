package org.datahandle.formats.parquet;

/**
 * The non-null values of one data page (or of a dictionary), decoded to their physical type and
 * not yet converted: the scratch space a {@link ColumnChunkDecoder} fills and a {@link ValueSink}
 * drains. Only the arrays of the column's physical type are used; they are reused from page to page
 * and grow as needed.
 *
 * <p>Variable-length values ({@code BYTE_ARRAY}, {@code FIXED_LEN_BYTE_ARRAY}, {@code INT96}) are
 * slices {@code bytes[starts[i], starts[i] + lengths[i])} of the page itself or of the dictionary,
 * so a string is copied once, from the page into its column. The values of a page lie in order,
 * one after another (PLAIN's length prefixes between them), which a check of a whole page's bytes
 * relies on ({@link Utf8Check#checkAll}); only values looked up in a dictionary do not, and
 * those were checked with their dictionary.
 */
final class PageValues {
    int count;
    int[] ints = new int[0];
    long[] longs = new long[0];
    float[] floats = new float[0];
    double[] doubles = new double[0];
    boolean[] booleans = new boolean[0];
    byte[] bytes = new byte[0];
    int[] starts = new int[0];
    int[] lengths = new int[0];

    int[] ints(int n) {
        if (ints.length < n) {
            ints = new int[n];
        }
        return ints;
    }

    long[] longs(int n) {
        if (longs.length < n) {
            longs = new long[n];
        }
        return longs;
    }

    float[] floats(int n) {
        if (floats.length < n) {
            floats = new float[n];
        }
        return floats;
    }

    double[] doubles(int n) {
        if (doubles.length < n) {
            doubles = new double[n];
        }
        return doubles;
    }

    boolean[] booleans(int n) {
        if (booleans.length < n) {
            booleans = new boolean[n];
        }
        return booleans;
    }

    /** Makes room for {@code n} byte slices. */
    void slices(int n) {
        if (starts.length < n) {
            starts = new int[n];
            lengths = new int[n];
        }
    }
}
