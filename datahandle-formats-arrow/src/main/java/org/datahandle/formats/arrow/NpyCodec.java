package org.datahandle.formats.arrow;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.datahandle.spi.Codec;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DecimalColumn;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.Field;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/** Reads and writes {@code .npy} matrices (see {@link NpyCodecFactory}). */
final class NpyCodec implements Codec {
    /** Bytes of data read per streamed batch. */
    static final int BATCH_BYTES = 8 << 20;
    /** The widest matrix read: beyond this, a header is more likely corrupt than meant. */
    static final long MAX_COLUMNS = 1_000_000;

    private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    @Override
    public TableReader openReader(List<ReadSource> sources) throws IOException {
        return new PartsReader(sources, NpyFileReader::new);
    }

    @Override
    public TableReader openStream(List<ReadSource> sources) throws IOException {
        return new PartsReader(sources, NpyFileReader::new);
    }

    @Override
    public TableWriter openWriter(WriteTarget target, Schema schema) throws IOException {
        for (Field f : schema.fields()) {
            DataType t = f.type();
            boolean numeric = t == DataType.INT32 || t == DataType.INT64 || t == DataType.FLOAT32
                    || t == DataType.FLOAT64 || t instanceof DataType.Decimal;
            if (!numeric) {
                throw new IllegalArgumentException("handle '" + target.handleId() + "': column '" + f.name() + "' is "
                        + t.typeName() + ", but an .npy matrix holds numbers only");
            }
        }
        return new Writer(target.open(), schema);
    }

    /**
     * Holds the batches until {@link #close()}: the header, which comes first, states the number of rows.
     * A matrix is an in-memory form, so its data fit in memory anyway.
     */
    private static final class Writer implements TableWriter {
        private final OutputStream out;
        private final Schema schema;
        private final List<Table> batches = new ArrayList<>();
        private boolean closed;

        Writer(OutputStream out, Schema schema) {
            this.out = new BufferedOutputStream(out, 1 << 16);
            this.schema = schema;
        }

        @Override
        public void write(Table batch) {
            if (!batch.schema().equals(schema)) {
                throw new IllegalArgumentException("batch schema " + batch.schema() + " is not the writer's " + schema);
            }
            batches.add(batch);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (out) {
                long rows = batches.stream().mapToLong(Table::rowCount).sum();
                int columns = schema.size();
                out.write(NpyHeader.float64(rows, columns));
                byte[] row = new byte[8 * columns];
                for (Table t : batches) {
                    for (int r = 0; r < t.rowCount(); r++) {
                        for (int c = 0; c < columns; c++) {
                            LE_LONG.set(row, 8 * c, Double.doubleToRawLongBits(value(t.column(c), r)));
                        }
                        out.write(row);
                    }
                }
            }
        }

        private static double value(Column col, int r) {
            if (col.isNull(r)) {
                return Double.NaN;
            }
            if (col instanceof DoubleColumn d) {
                return d.getDouble(r);
            }
            if (col instanceof FloatColumn f) {
                return f.getFloat(r);
            }
            if (col instanceof IntColumn i) {
                return i.getInt(r);
            }
            if (col instanceof LongColumn l) {
                return l.getLong(r);
            }
            return ((DecimalColumn) col).getDecimal(r).doubleValue();
        }
    }

    /** One {@code .npy} file, in batches of rows (C order) or whole (Fortran order). */
    static final class NpyFileReader implements TableReader {
        private final InputStream in;
        final Origin origin;
        private final NpyHeader header;
        private final Schema schema;
        private final int rowBytes;
        private long rowsLeft;
        private long position;

        NpyFileReader(ReadSource source) throws IOException {
            this(source.open(), new Origin(source.handleId(), source.location().uri()));
        }

        NpyFileReader(InputStream in, Origin origin) throws IOException {
            this.in = in;
            this.origin = origin;
            byte[] head = in.readNBytes(12);
            if (head.length < 10 || !Arrays.equals(head, 0, 6, NpyHeader.MAGIC, 0, 6)) {
                in.close();
                throw origin.corrupt("not an .npy file: it does not start with the magic \\x93NUMPY", 0);
            }
            int major = head[6] & 0xFF;
            long headerLength;
            int prefix;
            if (major == 1) {
                headerLength = (head[8] & 0xFF) | (head[9] & 0xFF) << 8;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                if (head.length < 12) {
                    throw origin.corrupt("the .npy header is truncated", head.length);
                }
                headerLength = ((head[8] & 0xFFL) | (head[9] & 0xFFL) << 8 | (head[10] & 0xFFL) << 16
                        | (head[11] & 0xFFL) << 24);
                prefix = 12;
            } else {
                throw origin.corrupt(".npy format version " + major + " is not supported (1, 2 and 3 are)", 6);
            }
            if (headerLength > NpyHeader.MAX_HEADER) {
                throw origin.corrupt("the .npy header claims " + headerLength + " bytes, more than the "
                        + NpyHeader.MAX_HEADER + " allowed", 8);
            }
            byte[] rest = in.readNBytes((int) headerLength - (head.length - prefix));
            byte[] dictBytes = new byte[(int) headerLength];
            int already = Math.max(0, head.length - prefix);
            System.arraycopy(head, prefix, dictBytes, 0, Math.min(already, dictBytes.length));
            if (already > dictBytes.length) {
                throw origin.corrupt("the .npy header is shorter than its own prefix", prefix);
            }
            if (rest.length < headerLength - already) {
                throw origin.corrupt("the .npy file ends inside its " + headerLength + "-byte header",
                        prefix + already + rest.length);
            }
            System.arraycopy(rest, 0, dictBytes, already, rest.length);
            String dict = new String(dictBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            try {
                header = NpyHeader.parse(dict, prefix + (int) headerLength);
            } catch (IllegalArgumentException e) {
                throw origin.corrupt(e.getMessage(), prefix, e);
            }
            if (header.columns() > MAX_COLUMNS) {
                throw origin.corrupt("the array has " + header.columns() + " columns; more than " + MAX_COLUMNS
                        + " is not read as a matrix", prefix);
            }
            try {
                Math.multiplyExact(Math.multiplyExact(header.rows(), header.columns()), (long) header.itemSize());
            } catch (ArithmeticException e) {
                throw origin.corrupt("the shape (" + header.rows() + ", " + header.columns() + ") overflows", prefix, e);
            }
            if (header.rows() > BatchDecoder.MAX_ROWS) {
                throw origin.corrupt("the array has " + header.rows() + " rows, more than a Table holds", prefix);
            }
            this.position = header.dataOffset();
            this.rowBytes = (int) (header.columns() * header.itemSize());
            this.rowsLeft = header.rows();
            List<Field> fields = new ArrayList<>();
            for (int c = 0; c < header.columns(); c++) {
                fields.add(Field.of("col" + (c + 1), type(header)));
            }
            this.schema = Schema.of(fields);
        }

        private static DataType type(NpyHeader h) {
            return switch (h.kind()) {
                case 'f' -> h.itemSize() == 8 ? DataType.FLOAT64 : DataType.FLOAT32;
                case 'b' -> DataType.BOOLEAN;
                case 'i' -> h.itemSize() == 8 ? DataType.INT64 : DataType.INT32;
                default -> h.itemSize() >= 4 ? DataType.INT64 : DataType.INT32;
            };
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public Optional<Table> next() throws IOException {
            if (rowsLeft == 0) {
                if (position == header.dataOffset()) {
                    position++; // an empty array: one empty batch, so the schema travels
                    return Optional.of(Table.empty(schema));
                }
                return Optional.empty();
            }
            int rows;
            if (header.fortranOrder()) {
                if (rowsLeft * rowBytes > Integer.MAX_VALUE - 16) {
                    throw origin.corrupt("a Fortran-order array of over 2 GiB cannot be read as a matrix here",
                            position);
                }
                rows = (int) rowsLeft;
            } else {
                rows = (int) Math.min(rowsLeft, Math.max(1, BATCH_BYTES / Math.max(1, rowBytes)));
            }
            int bytes = rows * rowBytes;
            byte[] data = in.readNBytes(bytes); // grows as data arrive: a false shape fails at the real end
            if (data.length < bytes) {
                throw origin.corrupt("the .npy data end after " + (position + data.length) + " bytes; the shape ("
                        + header.rows() + ", " + header.columns() + ") of " + header.itemSize()
                        + "-byte values needs " + (header.dataOffset() + header.rows() * rowBytes),
                        position + data.length);
            }
            Table t = decode(data, rows);
            position += bytes;
            rowsLeft -= rows;
            return Optional.of(t);
        }

        private Table decode(byte[] data, int rows) {
            int columns = (int) header.columns();
            int size = header.itemSize();
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(data)
                    .order(header.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            List<Column> cols = new ArrayList<>(columns);
            for (int c = 0; c < columns; c++) {
                Column.Builder b = Column.builder(schema.field(c).type(), rows);
                for (int r = 0; r < rows; r++) {
                    int at = header.fortranOrder() ? (c * rows + r) * size : r * rowBytes + c * size;
                    append(b, buf, at);
                }
                cols.add(b.build());
            }
            return Table.of(schema, cols);
        }

        private void append(Column.Builder b, java.nio.ByteBuffer buf, int at) {
            int size = header.itemSize();
            switch (header.kind()) {
                case 'f' -> {
                    double v = size == 8 ? buf.getDouble(at) : size == 4 ? buf.getFloat(at)
                            : BatchDecoder.halfToFloat(buf.getShort(at));
                    if (Double.isNaN(v)) {
                        b.appendNull();
                    } else if (b instanceof DoubleColumn.Builder d) {
                        d.append(v);
                    } else {
                        ((FloatColumn.Builder) b).append((float) v);
                    }
                }
                case 'b' -> ((BooleanColumn.Builder) b).append(buf.get(at) != 0);
                case 'i' -> {
                    long v = switch (size) {
                        case 1 -> buf.get(at);
                        case 2 -> buf.getShort(at);
                        case 4 -> buf.getInt(at);
                        default -> buf.getLong(at);
                    };
                    appendInteger(b, v, at);
                }
                default -> {
                    long v = switch (size) {
                        case 1 -> buf.get(at) & 0xFFL;
                        case 2 -> buf.getShort(at) & 0xFFFFL;
                        case 4 -> buf.getInt(at) & 0xFFFFFFFFL;
                        default -> buf.getLong(at);
                    };
                    if (size == 8 && v < 0) {
                        throw origin.corrupt("uint64 value " + Long.toUnsignedString(v) + " does not fit int64",
                                position + at);
                    }
                    appendInteger(b, v, at);
                }
            }
        }

        private static void appendInteger(Column.Builder b, long v, int at) {
            if (b instanceof LongColumn.Builder l) {
                l.append(v);
            } else {
                ((IntColumn.Builder) b).append((int) v);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
