package org.datahandle.formats.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;
import org.datahandle.table.BinaryColumn;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.StringColumn;

/**
 * Encodes the column chunk of one flat (top-level, non-nested, non-decimal) column of a row group
 * into V1 data pages, column at a time, and hands them to parquet-java's {@link PageWriter}, which
 * compresses them, writes their headers and keeps the chunk's statistics, column and offset index.
 *
 * <p>The chunk's values are first gathered from the table slices of the row group into flat arrays
 * (non-null values only, plus one null flag per row when the chunk has nulls). Then the dictionary
 * is decided for the whole chunk: a sample of every {@value #SAMPLE_STRIDE}th value goes into a
 * scratch dictionary, and when more than {@value #SAMPLE_DISTINCT_PERCENT}% of the sample is
 * distinct the chunk is written PLAIN without building the dictionary (ids, amounts, measurements:
 * the hashing would be wasted). Otherwise the dictionary is built over the chunk, and dropped when
 * its page would exceed the page size (parquet-java's limit too) or when dictionary plus ids would
 * not be smaller than the plain values. Pages hold at most {@value #PAGE_ROW_LIMIT} rows (parquet-java's
 * default) and about {@code pageSize} bytes of values. Encodings are those parquet-java's V1 writer
 * uses, so files read as before: PLAIN, PLAIN_DICTIONARY, RLE definition levels.
 */
final class FlatColumnEncoder {
    static final int PAGE_ROW_LIMIT = 20_000;
    static final int SAMPLE_STRIDE = 16;
    static final int SAMPLE_DISTINCT_PERCENT = 90;
    /** Chunks with fewer values than this skip the sample and try the dictionary directly. */
    static final int SAMPLE_MIN_VALUES = SAMPLE_STRIDE * 1024;

    /** The physical layout of the gathered values. */
    private enum Kind { INT, FLOAT, LONG, DOUBLE, BYTES, BOOLEAN }

    /** Rows {@code [from, to)} of one column of a batch. */
    record Slice(Column column, int from, int to) {}

    private final ColumnDescriptor descriptor;
    private final PrimitiveType type;
    private final String name;
    private final int pageSize;
    private final boolean optional;

    // the gathered chunk: n rows, m non-null values
    private Kind kind;
    private int n;
    private int m;
    private boolean[] nulls; // per row, or null when no row is null
    private int[] ints;
    private long[] longs;
    private byte[] data;
    private int[] offsets; // m + 1
    private boolean[] booleans;

    // the dictionary, when the chunk uses one
    private int[] ids;
    private int dictionarySize;
    private int bitWidth;
    private int[] dictionaryInts;
    private long[] dictionaryLongs;
    private BytesDictionary dictionaryEntries;
    /** Per dictionary id, the last page whose statistics looked at it. */
    private int[] seen;
    private int pageNumber;

    private final PageBytes page;

    FlatColumnEncoder(ColumnDescriptor descriptor, String name, int pageSize) {
        this.descriptor = descriptor;
        this.type = descriptor.getPrimitiveType();
        this.name = name;
        this.pageSize = pageSize;
        this.optional = descriptor.getMaxDefinitionLevel() > 0;
        this.page = new PageBytes(Math.min(pageSize, 1 << 20) + 1024);
    }

    /** Whether a field of this type is written by this class (else by the record path). */
    static boolean handles(DataType type) {
        return type instanceof DataType.Primitive || type instanceof DataType.Timestamp;
    }

    /** Encodes the chunk of {@code slices} (in order) and writes its pages to {@code out}. */
    void write(List<Slice> slices, PageWriter out) throws IOException {
        gather(slices);
        boolean dictionary = kind != Kind.BOOLEAN && m > 0 && tryDictionary();
        if (dictionary) {
            out.writeDictionaryPage(dictionaryPage());
        }
        int row = 0;
        int value = 0;
        while (row < n) {
            int end = pageEnd(row, value, dictionary);
            int values = nonNull(row, end);
            writePage(out, row, end, value, value + values, dictionary);
            row = end;
            value += values;
        }
    }

    // ---- gathering

    private void gather(List<Slice> slices) {
        n = 0;
        long byteCount = 0;
        for (Slice s : slices) {
            n += s.to() - s.from();
            Column c = s.column();
            if (c instanceof StringColumn sc) {
                IntBuffer o = sc.offsetBuffer();
                byteCount += o.get(s.to()) - o.get(s.from());
            } else if (c instanceof BinaryColumn bc) {
                IntBuffer o = bc.offsetBuffer();
                byteCount += o.get(s.to()) - o.get(s.from());
            }
        }
        if (byteCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("field '" + name + "': a row group holds more than 2 GiB of its"
                    + " bytes; choose a smaller rowGroupSize");
        }
        // arrays of n (not yet knowing how many rows are null): one pass over the slices
        Column first = slices.get(0).column();
        if (first instanceof IntColumn) {
            kind = Kind.INT;
            ints = new int[n];
        } else if (first instanceof FloatColumn) {
            kind = Kind.FLOAT;
            ints = new int[n];
        } else if (first instanceof LongColumn) {
            kind = Kind.LONG;
            longs = new long[n];
        } else if (first instanceof DoubleColumn) {
            kind = Kind.DOUBLE;
            longs = new long[n];
        } else if (first instanceof StringColumn || first instanceof BinaryColumn) {
            kind = Kind.BYTES;
            data = new byte[(int) byteCount];
            offsets = new int[n + 1];
        } else if (first instanceof BooleanColumn) {
            kind = Kind.BOOLEAN;
            booleans = new boolean[n];
        } else {
            throw new IllegalArgumentException("no flat Parquet encoder for column type " + first.type().typeName());
        }
        int row = 0;
        int value = 0;
        int bytes = 0;
        for (Slice s : slices) {
            Column c = s.column();
            int from = s.from();
            int to = s.to();
            boolean noNulls = c.nullCount() == 0;
            if (!noNulls) {
                if (nulls == null) {
                    nulls = new boolean[n];
                }
                for (int r = from; r < to; r++) {
                    nulls[row + r - from] = c.isNull(r);
                }
            }
            switch (kind) {
                case INT -> {
                    IntBuffer b = ((IntColumn) c).valueBuffer();
                    if (noNulls) {
                        b.get(from, ints, value, to - from);
                        value += to - from;
                    } else {
                        for (int r = from; r < to; r++) {
                            if (!nulls[row + r - from]) {
                                ints[value++] = b.get(r);
                            }
                        }
                    }
                }
                case FLOAT -> {
                    FloatBuffer b = ((FloatColumn) c).valueBuffer();
                    for (int r = from; r < to; r++) {
                        if (noNulls || !nulls[row + r - from]) {
                            ints[value++] = Float.floatToRawIntBits(b.get(r));
                        }
                    }
                }
                case LONG -> {
                    LongBuffer b = ((LongColumn) c).valueBuffer();
                    if (noNulls) {
                        b.get(from, longs, value, to - from);
                        value += to - from;
                    } else {
                        for (int r = from; r < to; r++) {
                            if (!nulls[row + r - from]) {
                                longs[value++] = b.get(r);
                            }
                        }
                    }
                }
                case DOUBLE -> {
                    DoubleBuffer b = ((DoubleColumn) c).valueBuffer();
                    for (int r = from; r < to; r++) {
                        if (noNulls || !nulls[row + r - from]) {
                            longs[value++] = Double.doubleToRawLongBits(b.get(r));
                        }
                    }
                }
                case BYTES -> {
                    ByteBuffer d;
                    IntBuffer o;
                    if (c instanceof StringColumn sc) {
                        d = sc.dataBuffer();
                        o = sc.offsetBuffer();
                    } else {
                        d = ((BinaryColumn) c).dataBuffer();
                        o = ((BinaryColumn) c).offsetBuffer();
                    }
                    int start = o.get(from);
                    int length = o.get(to) - start;
                    d.get(start, data, bytes, length);
                    int shift = bytes - start;
                    if (noNulls) {
                        o.get(from, offsets, value, to - from);
                        for (int i = value, end = value + to - from; i < end; i++) {
                            offsets[i] += shift;
                        }
                        value += to - from;
                    } else {
                        for (int r = from; r < to; r++) {
                            if (!nulls[row + r - from]) {
                                offsets[value++] = o.get(r) + shift;
                            }
                        }
                    }
                    bytes += length;
                }
                case BOOLEAN -> {
                    BooleanColumn b = (BooleanColumn) c;
                    for (int r = from; r < to; r++) {
                        if (noNulls || !nulls[row + r - from]) {
                            booleans[value++] = b.getBoolean(r);
                        }
                    }
                }
                default -> throw new AssertionError(kind);
            }
            row += to - from;
        }
        m = value;
        if (kind == Kind.BYTES) {
            offsets[m] = bytes;
        }
        if (m < n && !optional) {
            throw new IllegalArgumentException("field '" + name + "' holds a null but is written as required"
                    + " (a non-nullable field, or the key of a map)");
        }
    }

    // ---- the dictionary decision

    private boolean tryDictionary() {
        if (m >= SAMPLE_MIN_VALUES) {
            int sampled = 0;
            int distinct;
            switch (kind) {
                case INT, FLOAT -> {
                    LongDictionary d = new LongDictionary(m / SAMPLE_STRIDE); // ints widened: still one key per value
                    for (int i = 0; i < m; i += SAMPLE_STRIDE, sampled++) {
                        d.idOf(ints[i]);
                    }
                    distinct = d.size();
                }
                case LONG, DOUBLE -> {
                    LongDictionary d = new LongDictionary(m / SAMPLE_STRIDE);
                    for (int i = 0; i < m; i += SAMPLE_STRIDE, sampled++) {
                        d.idOf(longs[i]);
                    }
                    distinct = d.size();
                }
                default -> {
                    BytesDictionary d = new BytesDictionary(data, m / SAMPLE_STRIDE);
                    for (int i = 0; i < m; i += SAMPLE_STRIDE, sampled++) {
                        d.idOf(offsets[i], offsets[i + 1] - offsets[i]);
                    }
                    distinct = d.size();
                }
            }
            if (distinct * 100L > (long) sampled * SAMPLE_DISTINCT_PERCENT) {
                return false;
            }
        }
        ids = new int[m];
        long dictionaryBytes;
        long plainBytes;
        switch (kind) {
            case INT, FLOAT -> {
                LongDictionary d = new LongDictionary(1024);
                int limit = Math.max(1, pageSize / 4);
                for (int i = 0; i < m; i++) {
                    ids[i] = d.idOf(ints[i]);
                    if (d.size() > limit) {
                        return dropDictionary();
                    }
                }
                dictionarySize = d.size();
                long[] widened = d.values();
                dictionaryInts = new int[dictionarySize];
                for (int k = 0; k < dictionarySize; k++) {
                    dictionaryInts[k] = (int) widened[k];
                }
                dictionaryBytes = 4L * dictionarySize;
                plainBytes = 4L * m;
            }
            case LONG, DOUBLE -> {
                LongDictionary d = new LongDictionary(1024);
                int limit = Math.max(1, pageSize / 8);
                for (int i = 0; i < m; i++) {
                    ids[i] = d.idOf(longs[i]);
                    if (d.size() > limit) {
                        return dropDictionary();
                    }
                }
                dictionarySize = d.size();
                dictionaryLongs = Arrays.copyOf(d.values(), dictionarySize);
                dictionaryBytes = 8L * dictionarySize;
                plainBytes = 8L * m;
            }
            default -> {
                BytesDictionary d = new BytesDictionary(data, 1024);
                for (int i = 0; i < m; i++) {
                    ids[i] = d.idOf(offsets[i], offsets[i + 1] - offsets[i]);
                    if (d.bytes() + 4L * d.size() > pageSize) {
                        return dropDictionary();
                    }
                }
                dictionarySize = d.size();
                dictionaryBytes = d.bytes() + 4L * dictionarySize;
                plainBytes = data.length + 4L * m;
                dictionaryEntries = d;
            }
        }
        bitWidth = Math.max(1, HybridEncoder.bitWidth(dictionarySize - 1));
        if (dictionaryBytes + ((long) m * bitWidth + 7) / 8 >= plainBytes) {
            return dropDictionary();
        }
        return true;
    }

    private boolean dropDictionary() {
        ids = null;
        dictionaryInts = null;
        dictionaryLongs = null;
        dictionaryEntries = null;
        dictionarySize = 0;
        return false;
    }

    @SuppressWarnings("deprecation") // PLAIN_DICTIONARY: the encoding name of the V1 format, as parquet-java writes
    private DictionaryPage dictionaryPage() {
        PageBytes out = new PageBytes(16);
        switch (kind) {
            case INT, FLOAT -> out.writeInts(dictionaryInts, 0, dictionarySize);
            case LONG, DOUBLE -> out.writeLongs(dictionaryLongs, 0, dictionarySize);
            default -> {
                for (int id = 0; id < dictionarySize; id++) {
                    int length = dictionaryEntries.length(id);
                    out.writeInt(length);
                    out.writeBytes(dictionaryEntries.entryBytes(), dictionaryEntries.start(id), length);
                }
            }
        }
        return new DictionaryPage(BytesInput.from(out.toByteArray()), dictionarySize, Encoding.PLAIN_DICTIONARY);
    }

    // ---- pages

    /** The end of the page that starts at {@code row}, whose first value is {@code value}. */
    private int pageEnd(int row, int value, boolean dictionary) {
        int limit = Math.min(n - row, PAGE_ROW_LIMIT);
        if (dictionary) {
            return row + (int) Math.max(1, Math.min(limit, (long) pageSize * 8 / bitWidth));
        }
        switch (kind) {
            case INT, FLOAT:
                return row + Math.max(1, Math.min(limit, pageSize / 4));
            case LONG, DOUBLE:
                return row + Math.max(1, Math.min(limit, pageSize / 8));
            case BOOLEAN:
                return row + (int) Math.max(1, Math.min(limit, (long) pageSize * 8));
            default:
                long bytes = 0;
                int v = value;
                int end = row;
                while (end < row + limit && bytes < pageSize) {
                    if (nulls == null || !nulls[end]) {
                        bytes += 4 + offsets[v + 1] - offsets[v];
                        v++;
                    }
                    end++;
                }
                return end;
        }
    }

    private int nonNull(int from, int to) {
        if (nulls == null) {
            return to - from;
        }
        int count = 0;
        for (int r = from; r < to; r++) {
            if (!nulls[r]) {
                count++;
            }
        }
        return count;
    }

    @SuppressWarnings("deprecation") // BIT_PACKED and PLAIN_DICTIONARY: what parquet-java's V1 writer declares
    private void writePage(PageWriter out, int from, int to, int vFrom, int vTo, boolean dictionary)
            throws IOException {
        page.reset();
        if (optional) {
            int lengthAt = page.size();
            page.writeInt(0);
            if (vTo - vFrom == to - from) {
                HybridEncoder.writeRun(page, 1, 1, to - from);
            } else {
                HybridEncoder levels = new HybridEncoder(1, page);
                for (int r = from; r < to; r++) {
                    levels.write(nulls[r] ? 0 : 1);
                }
                levels.finish();
            }
            page.setInt(lengthAt, page.size() - lengthAt - 4);
        }
        long unencodedBytes = 0;
        if (dictionary) {
            page.writeByte(bitWidth);
            HybridEncoder encoder = new HybridEncoder(bitWidth, page);
            for (int i = vFrom; i < vTo; i++) {
                encoder.write(ids[i]);
            }
            encoder.finish();
        } else {
            switch (kind) {
                case INT, FLOAT -> page.writeInts(ints, vFrom, vTo);
                case LONG, DOUBLE -> page.writeLongs(longs, vFrom, vTo);
                case BOOLEAN -> writeBooleans(vFrom, vTo);
                default -> {
                    page.ensure(4 * (vTo - vFrom) + offsets[vTo] - offsets[vFrom]);
                    for (int i = vFrom; i < vTo; i++) {
                        int length = offsets[i + 1] - offsets[i];
                        page.writeInt(length);
                        page.writeBytes(data, offsets[i], length);
                    }
                }
            }
        }
        if (kind == Kind.BYTES) {
            unencodedBytes = offsets[vTo] - offsets[vFrom];
        }
        Statistics<?> statistics = statistics(vFrom, vTo, (to - from) - (vTo - vFrom));
        SizeStatistics sizes = new SizeStatistics(type, unencodedBytes, new ArrayList<>(), new ArrayList<>());
        out.writePage(BytesInput.from(page.toByteArray()), to - from, to - from, statistics, sizes,
                GeospatialStatistics.newBuilder(type).build(), Encoding.BIT_PACKED, optional ? Encoding.RLE : Encoding.BIT_PACKED,
                dictionary ? Encoding.PLAIN_DICTIONARY : Encoding.PLAIN);
    }

    private void writeBooleans(int from, int to) {
        int acc = 0;
        int bits = 0;
        for (int i = from; i < to; i++) {
            if (booleans[i]) {
                acc |= 1 << bits;
            }
            if (++bits == 8) {
                page.writeByte(acc);
                acc = 0;
                bits = 0;
            }
        }
        if (bits > 0) {
            page.writeByte(acc);
        }
    }

    /** The page's min, max and null count, as parquet-java's per-value statistics would have them. */
    private Statistics<?> statistics(int from, int to, int nullCount) {
        Statistics<?> s = Statistics.createStats(type);
        s.incrementNumNulls(nullCount);
        if (from == to) {
            return s;
        }
        switch (kind) {
            case INT -> {
                int min = ints[from];
                int max = min;
                for (int i = from + 1; i < to; i++) {
                    int v = ints[i];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                s.updateStats(min);
                s.updateStats(max);
            }
            case LONG -> {
                long min = longs[from];
                long max = min;
                for (int i = from + 1; i < to; i++) {
                    long v = longs[i];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                s.updateStats(min);
                s.updateStats(max);
            }
            case FLOAT -> floatStatistics(s, from, to);
            case DOUBLE -> doubleStatistics(s, from, to);
            case BOOLEAN -> {
                boolean anyTrue = false;
                boolean anyFalse = false;
                for (int i = from; i < to && !(anyTrue && anyFalse); i++) {
                    if (booleans[i]) {
                        anyTrue = true;
                    } else {
                        anyFalse = true;
                    }
                }
                if (anyFalse) {
                    s.updateStats(false);
                }
                if (anyTrue) {
                    s.updateStats(true);
                }
            }
            default -> {
                int min = from;
                int max = from;
                if (ids != null) {
                    // dictionary-encoded: each distinct value of the page is compared once
                    if (seen == null) {
                        seen = new int[dictionarySize];
                    }
                    pageNumber++;
                    for (int i = from; i < to; i++) {
                        int id = ids[i];
                        if (seen[id] != pageNumber) {
                            seen[id] = pageNumber;
                            if (compare(i, min) < 0) {
                                min = i;
                            } else if (compare(i, max) > 0) {
                                max = i;
                            }
                        }
                    }
                } else {
                    for (int i = from + 1; i < to; i++) {
                        if (compare(i, min) < 0) {
                            min = i;
                        } else if (compare(i, max) > 0) {
                            max = i;
                        }
                    }
                }
                s.updateStats(Binary.fromConstantByteArray(Arrays.copyOfRange(data, offsets[min], offsets[min + 1])));
                s.updateStats(Binary.fromConstantByteArray(Arrays.copyOfRange(data, offsets[max], offsets[max + 1])));
            }
        }
        return s;
    }

    private int compare(int a, int b) {
        return Bytes.compareUnsigned(data, offsets[a], offsets[a + 1] - offsets[a], offsets[b], offsets[b + 1] - offsets[b]);
    }

    /** NaN needs parquet-java's own handling (a NaN count, NaN kept out of min and max); it is rare. */
    private void doubleStatistics(Statistics<?> s, int from, int to) {
        double min = Double.longBitsToDouble(longs[from]);
        double max = min;
        for (int i = from; i < to; i++) {
            double v = Double.longBitsToDouble(longs[i]);
            if (v != v) {
                for (int j = from; j < to; j++) {
                    s.updateStats(Double.longBitsToDouble(longs[j]));
                }
                return;
            }
            if (Double.compare(v, min) < 0) {
                min = v;
            }
            if (Double.compare(v, max) > 0) {
                max = v;
            }
        }
        s.updateStats(min);
        s.updateStats(max);
    }

    private void floatStatistics(Statistics<?> s, int from, int to) {
        float min = Float.intBitsToFloat(ints[from]);
        float max = min;
        for (int i = from; i < to; i++) {
            float v = Float.intBitsToFloat(ints[i]);
            if (v != v) {
                for (int j = from; j < to; j++) {
                    s.updateStats(Float.intBitsToFloat(ints[j]));
                }
                return;
            }
            if (Float.compare(v, min) < 0) {
                min = v;
            }
            if (Float.compare(v, max) > 0) {
                max = v;
            }
        }
        s.updateStats(min);
        s.updateStats(max);
    }
}
