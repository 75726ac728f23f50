package org.datahandle.formats.arrow;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * Lays a {@link Table} out as Arrow buffers: one field node per column and nested child, in depth-first
 * order, and each column's buffers (validity, offsets, values) in the order the columnar format gives.
 * Buffers are little-endian; a column without nulls gets an empty validity buffer, as the format allows.
 */
final class BatchEncoder {
    /** A field node: the length and null count of one array. */
    record Node(long length, long nullCount) {}

    private final List<Node> nodes = new ArrayList<>();
    private final List<BodyBuffer> buffers = new ArrayList<>();

    private BatchEncoder() {}

    /** Encodes every column of {@code table}. */
    static BatchEncoder encode(Table table) {
        BatchEncoder e = new BatchEncoder();
        for (Column c : table.columns()) {
            e.column(c);
        }
        return e;
    }

    List<Node> nodes() {
        return nodes;
    }

    /** The buffers, in body order. */
    List<BodyBuffer> buffers() {
        return buffers;
    }

    private void column(Column c) {
        int n = c.size();
        nodes.add(new Node(n, c.nullCount()));
        buffers.add(BodyBuffer.of(validity(c)));
        if (c instanceof BooleanColumn b) {
            ByteBuffer values = allocate((n + 7) / 8);
            for (int i = 0; i < n; i++) {
                if (b.getBoolean(i)) {
                    values.put(i >>> 3, (byte) (values.get(i >>> 3) | (1 << (i & 7))));
                }
            }
            buffers.add(BodyBuffer.of(values));
        } else if (c instanceof IntColumn ints) {
            buffers.add(BodyBuffer.ofInts(ints.valueBuffer()));
        } else if (c instanceof LongColumn longs) {
            buffers.add(BodyBuffer.ofLongs(longs.valueBuffer()));
        } else if (c instanceof FloatColumn floats) {
            buffers.add(BodyBuffer.ofFloats(floats.valueBuffer()));
        } else if (c instanceof DoubleColumn doubles) {
            buffers.add(BodyBuffer.ofDoubles(doubles.valueBuffer()));
        } else if (c instanceof StringColumn strings) {
            variable(strings.offsetBuffer(), strings.dataBuffer());
        } else if (c instanceof BinaryColumn binary) {
            variable(binary.offsetBuffer(), binary.dataBuffer());
        } else if (c instanceof DecimalColumn decimals) {
            int width = ArrowSchemas.decimalBits(decimals.type()) / 8;
            ByteBuffer values = allocate((long) width * n);
            for (int i = 0; i < n; i++) {
                putTwosComplement(values, i * width, width, decimals.getUnscaled(i));
            }
            buffers.add(BodyBuffer.of(values));
        } else if (c instanceof ListColumn list) {
            ByteBuffer offsets = allocate(4L * (n + 1));
            int base = n == 0 ? 0 : list.start(0);
            for (int i = 0; i < n; i++) {
                offsets.putInt((i + 1) * 4, list.start(i) + list.length(i) - base);
            }
            buffers.add(BodyBuffer.of(offsets));
            Column elements = list.elements();
            int end = n == 0 ? 0 : list.start(n - 1) + list.length(n - 1);
            column(base == 0 && end == elements.size() ? elements : elements.slice(base, end));
        } else if (c instanceof StructColumn struct) {
            for (int f = 0; f < struct.type().fields().size(); f++) {
                column(struct.field(f));
            }
        } else {
            throw new IllegalArgumentException("no Arrow layout for a " + c.type().typeName() + " column");
        }
    }

    /** Offsets (starting at 0, as the columns keep them) and data of a string or binary column, as they are. */
    private void variable(IntBuffer columnOffsets, ByteBuffer columnData) {
        buffers.add(BodyBuffer.ofInts(columnOffsets));
        buffers.add(BodyBuffer.of(columnData));
    }

    /** Arrow's validity bitmap: bit set for a valid (non-null) row, least significant bit first. */
    private static ByteBuffer validity(Column c) {
        if (c.nullCount() == 0) {
            return allocate(0);
        }
        int n = c.size();
        byte[] bits = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            if (!c.isNull(i)) {
                bits[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        return ByteBuffer.wrap(bits).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes {@code value} as a little-endian two's-complement integer of {@code width} bytes. */
    static void putTwosComplement(ByteBuffer out, int at, int width, BigInteger value) {
        if (width == 16 && value.bitLength() < 64) {
            long v = value.longValue();
            out.putLong(at, v);
            out.putLong(at + 8, v < 0 ? -1L : 0L);
            return;
        }
        byte[] big = value.toByteArray(); // big-endian, minimal length
        byte fill = value.signum() < 0 ? (byte) -1 : 0;
        for (int k = 0; k < width; k++) {
            int src = big.length - 1 - k;
            out.put(at + k, src >= 0 ? big[src] : fill);
        }
    }

    private static ByteBuffer allocate(long bytes) {
        if (bytes > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("an Arrow buffer of " + bytes + " bytes does not fit one array; "
                    + "write the table in smaller batches");
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

}
