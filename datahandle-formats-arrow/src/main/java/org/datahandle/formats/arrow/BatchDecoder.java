package org.datahandle.formats.arrow;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.DateUnit;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.TimeUnit;
import org.datahandle.DataFormatException;
import org.datahandle.table.BinaryColumn;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DecimalColumn;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.ListColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.StringColumn;
import org.datahandle.table.StructColumn;
import org.datahandle.table.Table;

/**
 * Turns one record batch (its field nodes, buffer list and body) into {@link Column}s. Every length, offset
 * and index is checked against the body before it is used, so corrupt input is a {@link DataFormatException}
 * naming the column and the byte offset, and no allocation exceeds what the body really holds.
 */
final class BatchDecoder {
    /** The most rows one column may hold: a Java array's limit. */
    static final long MAX_ROWS = Integer.MAX_VALUE - 16;

    private final RecordBatch batch;
    private final byte[] body;
    /** The body is the first {@code bodyLength} bytes of {@link #body} (a reader's reused array). */
    private final int bodyLength;
    private final long bodyOffset;
    private final Origin origin;
    private final Map<Long, Column> dictionaries;
    private final byte codec;
    private final FieldNode node = new FieldNode();
    private final org.apache.arrow.flatbuf.Buffer buffer = new org.apache.arrow.flatbuf.Buffer();
    private int nodeIndex;
    private int bufferIndex;
    /** The null count of the field node read last. */
    private long nodeNullCount;

    private BatchDecoder(RecordBatch batch, byte[] body, int bodyLength, long bodyOffset, Origin origin,
            Map<Long, Column> dictionaries) {
        this.batch = batch;
        this.body = body;
        this.bodyLength = bodyLength;
        this.bodyOffset = bodyOffset;
        this.origin = origin;
        this.dictionaries = dictionaries;
        BodyCompression compression = batch.compression();
        this.codec = compression == null ? -1 : compression.codec();
    }

    /**
     * Decodes a record batch of {@code schema}.
     *
     * @param bodyOffset where the body starts in the file or stream
     */
    static Table decode(ArrowSchemas.IpcSchema schema, RecordBatch batch, byte[] body, int bodyLength,
            long bodyOffset, Origin origin, Map<Long, Column> dictionaries) {
        return decodeCounting(schema, batch, body, bodyLength, bodyOffset, origin, dictionaries).table();
    }

    /**
     * A batch as checked or decoded: its table (null when only checked), its rows, and whether its columns used
     * exactly the field nodes and buffers the batch lists (a reader ignores any beyond them, which a copy of the
     * batch must not carry along unchecked).
     */
    record Result(Table table, long rows, boolean tight) {}

    /** {@link #decode}, also saying whether the batch is {@linkplain Result#tight() tight}. */
    static Result decodeCounting(ArrowSchemas.IpcSchema schema, RecordBatch batch, byte[] body, int bodyLength,
            long bodyOffset, Origin origin, Map<Long, Column> dictionaries) {
        BatchDecoder d = new BatchDecoder(batch, body, bodyLength, bodyOffset, origin, dictionaries);
        Table table = d.table(schema);
        return new Result(table, table.rowCount(), d.tight());
    }

    private boolean tight() {
        return nodeIndex == batch.nodesLength() && bufferIndex == batch.buffersLength();
    }

    private Table table(ArrowSchemas.IpcSchema schema) {
        long rows = rows();
        List<Column> columns = new ArrayList<>(schema.fields().size());
        for (IpcField f : schema.fields()) {
            Column c = column(f, f.name());
            if (c.size() != rows) {
                throw origin.corrupt("column '" + f.name() + "' has " + c.size() + " rows but its record batch "
                        + rows, bodyOffset);
            }
            columns.add(c);
        }
        try {
            return Table.of(schema.schema(), columns);
        } catch (IllegalArgumentException e) {
            throw origin.corrupt(e.getMessage(), bodyOffset, e);
        }
    }

    /**
     * Whether {@link #check} can check a batch of {@code schema} without decoding it: an uncompressed batch whose
     * columns are all flat (numbers, booleans, strings, binary, dates, timestamps) and not dictionary-encoded.
     */
    static boolean checkable(ArrowSchemas.IpcSchema schema, RecordBatch batch) {
        if (batch.compression() != null) {
            return false;
        }
        for (IpcField f : schema.fields()) {
            if (f.dictionary().isPresent()) {
                return false;
            }
            switch (f.kind()) {
                case NULL, BOOL, INT, FLOAT, UTF8, LARGE_UTF8, BINARY, LARGE_BINARY, FIXED_BINARY, DATE, TIMESTAMP -> { }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Checks a {@link #checkable} record batch as {@link #decode} would, without building its columns: a batch
     * that passes decodes without error, with the same rows. Every buffer is bounds-checked, every offset,
     * every string's UTF-8 and every value a {@code Table} could not hold (a uint64 over int64, a timestamp
     * that overflows in microseconds) is looked at.
     *
     * @return the batch's rows, and whether it is tight
     */
    static Result check(ArrowSchemas.IpcSchema schema, RecordBatch batch, byte[] body, int bodyLength,
            long bodyOffset, Origin origin) {
        BatchDecoder d = new BatchDecoder(batch, body, bodyLength, bodyOffset, origin, Map.of());
        long rows = d.rows();
        for (IpcField f : schema.fields()) {
            long n = d.checkColumn(f, f.name());
            if (n != rows) {
                throw origin.corrupt("column '" + f.name() + "' has " + n + " rows but its record batch "
                        + rows, bodyOffset);
            }
        }
        return new Result(null, rows, d.tight());
    }

    private long rows() {
        long rows = batch.length();
        if (rows < 0 || rows > MAX_ROWS) {
            throw origin.corrupt("record batch claims " + rows + " rows", bodyOffset);
        }
        return rows;
    }

    /** Decodes the single column of a dictionary batch. */
    static Column decodeDictionary(IpcField valuesField, RecordBatch batch, byte[] body, int bodyLength,
            long bodyOffset, Origin origin, Map<Long, Column> dictionaries) {
        return new BatchDecoder(batch, body, bodyLength, bodyOffset, origin, dictionaries)
                .column(valuesField, valuesField.name());
    }

    /** One flat column of a {@link #checkable} batch, checked as {@link #column} decodes it; answers its length. */
    private long checkColumn(IpcField f, String path) {
        int n = node(f, path);
        if (f.kind() == IpcField.Kind.NULL) {
            return n;
        }
        Validity valid = validity(path, n);
        try {
            switch (f.kind()) {
                case BOOL -> {
                    Slice values = fixed(path, n, 0);
                    if (values.length() < (n + 7L) / 8) {
                        throw tooShort(path, values, (n + 7L) / 8);
                    }
                }
                case INT -> {
                    int width = f.bitWidth() / 8;
                    Slice values = fixed(path, n, width);
                    if (width == 8 && !f.signed()) {
                        for (int i = 0; i < n; i++) {
                            if (!valid.isNull(i) && values.i64(8L * i) < 0) {
                                throw origin.corrupt("column '" + path + "' row " + i + ": uint64 value "
                                        + Long.toUnsignedString(values.i64(8L * i)) + " does not fit int64",
                                        values.fileOffset() + 8L * i);
                            }
                        }
                    }
                }
                case FLOAT -> fixed(path, n, f.bitWidth() / 8);
                case UTF8, LARGE_UTF8, BINARY, LARGE_BINARY -> {
                    boolean large = f.kind() == IpcField.Kind.LARGE_UTF8 || f.kind() == IpcField.Kind.LARGE_BINARY;
                    Slice offsets = buffer(path, "offsets");
                    Slice data = buffer(path, "data");
                    if (n > 0) {
                        checkOffsets(path, offsets, data, n, large ? 8 : 4);
                        if (f.kind() == IpcField.Kind.UTF8 || f.kind() == IpcField.Kind.LARGE_UTF8) {
                            checkUtf8(path, offsets, data, n, large ? 8 : 4, valid);
                        }
                    }
                }
                case FIXED_BINARY -> fixed(path, n, f.width());
                case DATE -> {
                    boolean days = f.unit() == DateUnit.DAY;
                    Slice values = fixed(path, n, days ? 4 : 8);
                    for (int i = 0; !days && i < n; i++) {
                        if (!valid.isNull(i)) {
                            Math.toIntExact(Math.floorDiv(values.i64(8L * i), 86_400_000L));
                        }
                    }
                }
                case TIMESTAMP -> {
                    Slice values = fixed(path, n, 8);
                    long factor = f.unit() == TimeUnit.SECOND ? 1_000_000L : f.unit() == TimeUnit.MILLISECOND ? 1_000L : 1;
                    for (int i = 0; factor > 1 && i < n; i++) {
                        if (!valid.isNull(i)) {
                            Math.multiplyExact(values.i64(8L * i), factor);
                        }
                    }
                }
                default -> throw new IllegalStateException("not a flat column: " + f.kind());
            }
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw origin.corrupt("column '" + path + "': " + e.getMessage(), bodyOffset, e);
        }
        return n;
    }

    private Column column(IpcField f, String path) {
        int n = node(f, path);
        if (f.kind() == IpcField.Kind.NULL) {
            Column.Builder b = Column.builder(DataType.STRING, n);
            for (int i = 0; i < n; i++) {
                b.appendNull();
            }
            return b.build();
        }
        Validity valid = validity(path, n);
        if (f.dictionary().isPresent()) {
            return dictionaryEncoded(f, path, n, valid);
        }
        try {
            return switch (f.kind()) {
                case BOOL -> bools(path, n, valid);
                case INT -> ints(f, path, n, valid, buffer(path, "values"));
                case FLOAT -> floats(f, path, n, valid);
                case UTF8, LARGE_UTF8, BINARY, LARGE_BINARY -> variable(f, path, n, valid);
                case FIXED_BINARY -> fixedBinary(f, path, n, valid);
                case DATE -> dates(f, path, n, valid);
                case TIMESTAMP -> timestamps(f, path, n, valid);
                case DECIMAL -> decimals(f, path, n, valid);
                case LIST, LARGE_LIST, MAP, FIXED_LIST -> lists(f, path, n, valid);
                case STRUCT -> struct(f, path, n, valid);
                case NULL -> throw new IllegalStateException("handled above");
            };
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw origin.corrupt("column '" + path + "': " + e.getMessage(), bodyOffset, e);
        }
    }

    /** The next field node, for {@code f}: its value count, checked against what the body can describe. */
    private int node(IpcField f, String path) {
        if (nodeIndex >= batch.nodesLength()) {
            throw origin.corrupt("record batch has " + batch.nodesLength() + " field nodes, too few for column '"
                    + path + "'", bodyOffset);
        }
        batch.nodes(node, nodeIndex++);
        long length = node.length();
        long nullCount = node.nullCount();
        if (length < 0 || length > MAX_ROWS) {
            throw origin.corrupt("column '" + path + "' claims " + length + " values", bodyOffset);
        }
        if (nullCount < 0 || nullCount > length) {
            throw origin.corrupt("column '" + path + "' claims " + nullCount + " nulls among " + length + " values",
                    bodyOffset);
        }
        int n = (int) length;
        if (!backedByBuffers(f) && n > Math.max(1 << 20, 8L * bodyLength)) {
            // No buffer holds these values (nulls, a struct without fields, zero-width items): cap the rows so
            // that a tiny file cannot ask for a huge column.
            throw origin.corrupt("column '" + path + "' claims " + n + " values, more than its " + bodyLength
                    + "-byte record batch can describe", bodyOffset);
        }
        nodeNullCount = nullCount;
        return n;
    }

    /** The validity bitmap of the column whose node was just read. */
    private Validity validity(String path, int n) {
        Slice validity = buffer(path, "validity");
        if (nodeNullCount > 0 && validity.length() < (n + 7L) / 8) {
            throw origin.corrupt("column '" + path + "' has " + nodeNullCount + " nulls but a validity bitmap of "
                    + validity.length() + " bytes for " + n + " values", validity.fileOffset());
        }
        return new Validity(nodeNullCount > 0 ? validity : null);
    }

    /** Whether the values' count is bounded by the size of a buffer the column must have. */
    private static boolean backedByBuffers(IpcField f) {
        if (f.dictionary().isPresent()) {
            return true; // the indices buffer
        }
        return switch (f.kind()) {
            case NULL -> false;
            case STRUCT -> !f.children().isEmpty() && f.children().stream().anyMatch(BatchDecoder::backedByBuffers);
            case FIXED_LIST -> f.width() > 0 && backedByBuffers(f.children().get(0));
            case FIXED_BINARY -> f.width() > 0;
            default -> true;
        };
    }

    /** Nulls of one array; every row is valid when the array has no nulls. */
    private record Validity(Slice bits) {
        boolean isNull(long row) {
            return bits != null && !bits.bit(row);
        }
    }

    private Column bools(String path, int n, Validity valid) {
        Slice values = fixed(path, n, 0);
        if (values.length() < (n + 7L) / 8) {
            throw tooShort(path, values, (n + 7L) / 8);
        }
        BooleanColumn.Builder b = BooleanColumn.builder(n);
        for (int i = 0; i < n; i++) {
            if (valid.isNull(i)) {
                b.appendNull();
            } else {
                b.append(values.bit(i));
            }
        }
        return b.build();
    }

    private Column ints(IpcField f, String path, int n, Validity valid, Slice values) {
        int width = f.bitWidth() / 8;
        if (values.length() < (long) n * width) {
            throw tooShort(path, values, (long) n * width);
        }
        if (f.dataType() == DataType.INT32) {
            IntColumn.Builder b = IntColumn.builder(DataType.INT32, n);
            for (int i = 0; i < n; i++) {
                if (valid.isNull(i)) {
                    b.appendNull();
                    continue;
                }
                b.append(switch (width) {
                    case 1 -> f.signed() ? values.i8(i) : values.i8(i) & 0xFF;
                    case 2 -> f.signed() ? values.i16(2L * i) : values.i16(2L * i) & 0xFFFF;
                    default -> values.i32(4L * i);
                });
            }
            return b.build();
        }
        LongColumn.Builder b = LongColumn.builder(DataType.INT64, n);
        for (int i = 0; i < n; i++) {
            if (valid.isNull(i)) {
                b.appendNull();
                continue;
            }
            long v = width == 4 ? values.i32(4L * i) & 0xFFFFFFFFL : values.i64(8L * i);
            if (width == 8 && !f.signed() && v < 0) {
                throw origin.corrupt("column '" + path + "' row " + i + ": uint64 value "
                        + Long.toUnsignedString(v) + " does not fit int64", values.fileOffset() + 8L * i);
            }
            b.append(v);
        }
        return b.build();
    }

    /** The integer values of a dictionary-encoded column, as {@code long}s. */
    private Column dictionaryEncoded(IpcField f, String path, int n, Validity valid) {
        IpcField.Dictionary dict = f.dictionary().orElseThrow();
        Column values = dictionaries.get(dict.id());
        if (values == null) {
            throw origin.corrupt("column '" + path + "' uses dictionary " + dict.id()
                    + ", but no dictionary batch with that id came before this record batch", bodyOffset);
        }
        Slice indices = buffer(path, "dictionary indices");
        int width = dict.indexBitWidth() / 8;
        if (indices.length() < (long) n * width) {
            throw tooShort(path, indices, (long) n * width);
        }
        Column.Builder b = Column.builder(f.dataType(), n);
        for (int i = 0; i < n; i++) {
            if (valid.isNull(i)) {
                b.appendNull();
                continue;
            }
            long index = switch (width) {
                case 1 -> dict.indexSigned() ? indices.i8(i) : indices.i8(i) & 0xFF;
                case 2 -> dict.indexSigned() ? indices.i16(2L * i) : indices.i16(2L * i) & 0xFFFF;
                case 4 -> dict.indexSigned() ? indices.i32(4L * i) : indices.i32(4L * i) & 0xFFFFFFFFL;
                default -> indices.i64(8L * i);
            };
            if (index < 0 || index >= values.size()) {
                throw origin.corrupt("column '" + path + "' row " + i + ": dictionary index " + index
                        + " is outside the dictionary of " + values.size() + " values",
                        indices.fileOffset() + (long) width * i);
            }
            b.appendRange(values, (int) index, (int) index + 1);
        }
        return b.build();
    }

    private Column floats(IpcField f, String path, int n, Validity valid) {
        int width = f.bitWidth() / 8;
        Slice values = fixed(path, n, width);
        if (width == 8) {
            DoubleColumn.Builder b = DoubleColumn.builder(n);
            for (int i = 0; i < n; i++) {
                if (valid.isNull(i)) {
                    b.appendNull();
                } else {
                    b.append(values.f64(8L * i));
                }
            }
            return b.build();
        }
        FloatColumn.Builder b = FloatColumn.builder(n);
        for (int i = 0; i < n; i++) {
            if (valid.isNull(i)) {
                b.appendNull();
            } else {
                b.append(width == 4 ? values.f32(4L * i) : halfToFloat(values.i16(2L * i)));
            }
        }
        return b.build();
    }

    /** IEEE 754 binary16 to binary32 (Float.float16ToFloat arrived only in Java 20). */
    static float halfToFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float v = mantissa / 1024f / 16384f; // subnormal: mantissa * 2^-24
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private Column variable(IpcField f, String path, int n, Validity valid) {
        boolean large = f.kind() == IpcField.Kind.LARGE_UTF8 || f.kind() == IpcField.Kind.LARGE_BINARY;
        boolean text = f.kind() == IpcField.Kind.UTF8 || f.kind() == IpcField.Kind.LARGE_UTF8;
        int width = large ? 8 : 4;
        Slice offsets = buffer(path, "offsets");
        Slice data = buffer(path, "data");
        if (n == 0) {
            return Column.builder(f.dataType(), 0).build();
        }
        checkOffsets(path, offsets, data, n, width);
        long first = offset(offsets, 0, width);
        long previous = offset(offsets, n, width);
        boolean ascii = text && Utf8.isAscii(data.array(), data.base() + (int) first, data.base() + (int) previous);
        int total = (int) (previous - first);
        if (text) {
            StringColumn.Builder b = StringColumn.builder(n, total);
            for (int i = 0; i < n; i++) {
                if (valid.isNull(i)) {
                    b.appendNull();
                    continue;
                }
                int start = (int) offset(offsets, i, width);
                int end = (int) offset(offsets, i + 1, width);
                int bad = ascii ? -1 : Utf8.firstInvalid(data.array(), data.base() + start, data.base() + end);
                if (bad >= 0) {
                    throw origin.corrupt("column '" + path + "' row " + i + ": invalid UTF-8 in a string value",
                            data.fileOffset() + (bad - data.base()));
                }
                b.appendUtf8(data.array(), data.base() + start, end - start);
            }
            return b.build();
        }
        BinaryColumn.Builder b = BinaryColumn.builder(n);
        for (int i = 0; i < n; i++) {
            if (valid.isNull(i)) {
                b.appendNull();
                continue;
            }
            int start = (int) offset(offsets, i, width);
            int end = (int) offset(offsets, i + 1, width);
            b.append(data.array(), data.base() + start, end - start);
        }
        return b.build();
    }

    /** The {@code n + 1} offsets of a variable-size column: present, not decreasing, inside its data buffer. */
    private void checkOffsets(String path, Slice offsets, Slice data, int n, int width) {
        if (offsets.length() < (n + 1L) * width) {
            throw tooShort(path, offsets, (n + 1L) * width);
        }
        long previous = offset(offsets, 0, width);
        if (previous < 0 || previous > data.length()) {
            throw origin.corrupt("column '" + path + "': first offset " + previous + " is outside its "
                    + data.length() + "-byte data buffer", offsets.fileOffset());
        }
        for (int i = 1; i <= n; i++) {
            long o = offset(offsets, i, width);
            if (o < previous || o > data.length()) {
                throw origin.corrupt("column '" + path + "': offset " + i + " is " + o + " after " + previous
                        + (o < previous ? " (offsets must not decrease)" : ", past the " + data.length()
                                + "-byte data buffer"), offsets.fileOffset() + (long) i * width);
            }
            previous = o;
        }
    }

    /** The UTF-8 of each non-null value of a string column whose offsets were checked. */
    private void checkUtf8(String path, Slice offsets, Slice data, int n, int width, Validity valid) {
        int first = (int) offset(offsets, 0, width);
        int last = (int) offset(offsets, n, width);
        if (Utf8.isAscii(data.array(), data.base() + first, data.base() + last)) {
            return; // every value is then valid, wherever the offsets cut
        }
        for (int i = 0; i < n; i++) {
            if (valid.isNull(i)) {
                continue;
            }
            int start = (int) offset(offsets, i, width);
            int end = (int) offset(offsets, i + 1, width);
            int bad = Utf8.firstInvalid(data.array(), data.base() + start, data.base() + end);
            if (bad >= 0) {
                throw origin.corrupt("column '" + path + "' row " + i + ": invalid UTF-8 in a string value",
                        data.fileOffset() + (bad - data.base()));
            }
        }
    }

    private static long offset(Slice offsets, int i, int width) {
        return width == 4 ? offsets.i32(4L * i) : offsets.i64(8L * i);
    }

    private Column fixedBinary(IpcField f, String path, int n, Validity valid) {
        int width = f.width();
        Slice values = fixed(path, n, width);
        BinaryColumn.Builder b = BinaryColumn.builder(n);
        for (int i = 0; i < n; i++) {
            if (valid.isNull(i)) {
                b.appendNull();
            } else {
                b.append(values.array(), values.base() + i * width, width);
            }
        }
        return b.build();
    }

    private Column dates(IpcField f, String path, int n, Validity valid) {
        boolean days = f.unit() == DateUnit.DAY;
        Slice values = fixed(path, n, days ? 4 : 8);
        IntColumn.Builder b = IntColumn.builder(DataType.DATE, n);
        for (int i = 0; i < n; i++) {
            if (valid.isNull(i)) {
                b.appendNull();
            } else {
                b.append(days ? values.i32(4L * i) : Math.toIntExact(Math.floorDiv(values.i64(8L * i), 86_400_000L)));
            }
        }
        return b.build();
    }

    private Column timestamps(IpcField f, String path, int n, Validity valid) {
        Slice values = fixed(path, n, 8);
        LongColumn.Builder b = LongColumn.builder(f.dataType(), n);
        for (int i = 0; i < n; i++) {
            if (valid.isNull(i)) {
                b.appendNull();
                continue;
            }
            long v = values.i64(8L * i);
            b.append(switch (f.unit()) {
                case TimeUnit.SECOND -> Math.multiplyExact(v, 1_000_000L);
                case TimeUnit.MILLISECOND -> Math.multiplyExact(v, 1_000L);
                case TimeUnit.MICROSECOND -> v;
                default -> Math.floorDiv(v, 1_000L);
            });
        }
        return b.build();
    }

    private Column decimals(IpcField f, String path, int n, Validity valid) {
        DataType.Decimal type = (DataType.Decimal) f.dataType();
        int width = f.bitWidth() / 8;
        Slice values = fixed(path, n, width);
        DecimalColumn.Builder b = DecimalColumn.builder(type, n);
        for (int i = 0; i < n; i++) {
            if (valid.isNull(i)) {
                b.appendNull();
                continue;
            }
            long at = (long) width * i;
            BigInteger unscaled;
            if (width == 4) {
                unscaled = BigInteger.valueOf(values.i32(at));
            } else if (width == 8) {
                unscaled = BigInteger.valueOf(values.i64(at));
            } else {
                long low = values.i64(at);
                long high = values.i64(at + 8);
                boolean fitsLong = width == 16 && high == (low >> 63);
                if (fitsLong) {
                    unscaled = BigInteger.valueOf(low);
                } else {
                    byte[] big = new byte[width];
                    for (int k = 0; k < width; k++) {
                        big[width - 1 - k] = values.i8(at + k);
                    }
                    unscaled = new BigInteger(big);
                }
            }
            try {
                b.append(new BigDecimal(unscaled, type.scale()));
            } catch (IllegalArgumentException e) {
                throw origin.corrupt("column '" + path + "' row " + i + ": " + e.getMessage(),
                        values.fileOffset() + at, e);
            }
        }
        return b.build();
    }

    private Column lists(IpcField f, String path, int n, Validity valid) {
        ListColumn.Builder b = ListColumn.builder((DataType.ListOf) f.dataType(), n);
        if (f.kind() == IpcField.Kind.FIXED_LIST) {
            Column elements = column(f.children().get(0), path + ".item");
            int width = f.width();
            if (elements.size() < (long) n * width) {
                throw origin.corrupt("fixed-size list column '" + path + "' needs " + (long) n * width
                        + " elements, its child has " + elements.size(), bodyOffset);
            }
            for (int i = 0; i < n; i++) {
                if (valid.isNull(i)) {
                    b.appendNull();
                } else {
                    b.elements().appendRange(elements, i * width, (i + 1) * width);
                    b.endList();
                }
            }
            return b.build();
        }
        int width = f.kind() == IpcField.Kind.LARGE_LIST ? 8 : 4;
        Slice offsets = buffer(path, "offsets");
        Column elements = column(f.children().get(0), path + "." + f.children().get(0).name());
        if (n == 0) {
            return b.build();
        }
        if (offsets.length() < (n + 1L) * width) {
            throw tooShort(path, offsets, (n + 1L) * width);
        }
        long previous = offset(offsets, 0, width);
        if (previous < 0 || previous > elements.size()) {
            throw origin.corrupt("list column '" + path + "': first offset " + previous + " is outside its "
                    + elements.size() + " elements", offsets.fileOffset());
        }
        for (int i = 0; i < n; i++) {
            long end = offset(offsets, i + 1, width);
            if (end < previous || end > elements.size()) {
                throw origin.corrupt("list column '" + path + "': offset " + (i + 1) + " is " + end + " after "
                        + previous + (end < previous ? " (offsets must not decrease)" : ", past its "
                                + elements.size() + " elements"), offsets.fileOffset() + (long) (i + 1) * width);
            }
            if (valid.isNull(i)) {
                b.appendNull();
            } else {
                b.elements().appendRange(elements, (int) previous, (int) end);
                b.endList();
            }
            previous = end;
        }
        return b.build();
    }

    private Column struct(IpcField f, String path, int n, Validity valid) {
        List<Column> children = new ArrayList<>();
        for (IpcField c : f.children()) {
            Column child = column(c, path + "." + c.name());
            if (child.size() < n) {
                throw origin.corrupt("struct column '" + path + "' has " + n + " rows but its field '" + c.name()
                        + "' has " + child.size(), bodyOffset);
            }
            children.add(child);
        }
        StructColumn.Builder b = StructColumn.builder((DataType.Struct) f.dataType(), n);
        for (int i = 0; i < n; i++) {
            if (valid.isNull(i)) {
                b.appendNull();
                continue;
            }
            for (int k = 0; k < children.size(); k++) {
                b.field(k).appendRange(children.get(k), i, i + 1);
            }
            b.endStruct();
        }
        return b.build();
    }

    /** The next buffer, which must hold {@code n} values of {@code width} bytes. */
    private Slice fixed(String path, int n, int width) {
        Slice values = buffer(path, "values");
        if (values.length() < (long) n * width) {
            throw tooShort(path, values, (long) n * width);
        }
        return values;
    }

    private DataFormatException tooShort(String path, Slice s, long needed) {
        return origin.corrupt("column '" + path + "': a buffer of " + s.length() + " bytes is too short; "
                + needed + " bytes are needed", s.fileOffset());
    }

    /** The next buffer of the body, checked against the body's bounds and decompressed when the batch is. */
    private Slice buffer(String path, String what) {
        if (bufferIndex >= batch.buffersLength()) {
            throw origin.corrupt("record batch lists " + batch.buffersLength() + " buffers, too few for the "
                    + what + " of column '" + path + "'", bodyOffset);
        }
        batch.buffers(buffer, bufferIndex++);
        long offset = buffer.offset();
        long length = buffer.length();
        if (offset < 0 || length < 0 || offset > bodyLength || length > bodyLength - offset) {
            throw origin.corrupt("the " + what + " buffer of column '" + path + "' (offset " + offset + ", length "
                    + length + ") lies outside the " + bodyLength + "-byte record batch body",
                    bodyOffset + Math.max(0, Math.min(offset, bodyLength)));
        }
        long at = bodyOffset + offset;
        if (codec < 0 || length == 0) {
            return new Slice(body, (int) offset, (int) length, at);
        }
        if (length < 8) {
            throw origin.corrupt("the compressed " + what + " buffer of column '" + path + "' has " + length
                    + " bytes, fewer than its 8-byte length prefix", at);
        }
        long uncompressed = new Slice(body, (int) offset, 8, at).i64(0);
        if (uncompressed == -1) {
            return new Slice(body, (int) offset + 8, (int) length - 8, at + 8);
        }
        if (uncompressed < 0 || uncompressed > Integer.MAX_VALUE - 16) {
            throw origin.corrupt("the compressed " + what + " buffer of column '" + path + "' claims "
                    + uncompressed + " uncompressed bytes", at);
        }
        try {
            byte[] plain = BodyCodec.decompress(codec, body, (int) offset + 8, (int) length - 8, uncompressed);
            return new Slice(plain, 0, plain.length, at);
        } catch (IOException e) {
            throw origin.corrupt("the " + what + " buffer of column '" + path + "': " + e.getMessage(), at, e);
        }
    }
}
