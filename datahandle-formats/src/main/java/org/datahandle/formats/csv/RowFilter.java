package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.datahandle.DataFormatException;
import org.datahandle.spi.ReadSource;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;

/**
 * {@code badRows: skip} for values: the rows of a batch with a cell that does not convert to its
 * column's type are left out before the conversion, and reported. Whether a cell converts is asked of
 * {@link TextTypes#narrow} (what inference accepts always converts) and, for a cell it rejects, of
 * {@link BatchConverter} itself on that one cell, so the answer is the converter's.
 */
final class RowFilter {
    private RowFilter() {}

    /** {@code batch} without its rows that do not convert, each reported to {@code bad}; the batch itself when all do. */
    static RawBatch dropUnfit(RawBatch batch, Schema schema, List<String> names, List<ReadSource> sources, BadRows bad) {
        boolean[] drop = null;
        for (int c = 0; c < batch.width; c++) {
            DataType type = schema.field(c).type();
            if (type == DataType.STRING) {
                continue;
            }
            int bit = bitOf(type);
            RawBatch.RawColumn col = batch.columns[c];
            for (int r = 0; r < batch.rows; r++) {
                if (col.isNull(r) || (drop != null && drop[r])) {
                    continue;
                }
                int off = col.start(r);
                int len = col.length(r);
                if (bit != 0 && TextTypes.narrow(bit, col.data, off, len) != 0) {
                    continue;
                }
                String problem = problem(type, col.data, off, len);
                if (problem == null) {
                    continue;
                }
                if (drop == null) {
                    drop = new boolean[batch.rows];
                }
                drop[r] = true;
                ReadSource source = sources.get(batch.sources[r]);
                bad.add(new BadRows.Row(batch.sources[r], source.location().uri(), batch.lines[r], batch.offsets[r], "column '"
                        + names.get(c) + "': " + problem));
            }
        }
        return drop == null ? batch : keep(batch, drop);
    }

    private static int bitOf(DataType type) {
        if (type == DataType.BOOLEAN) {
            return TextTypes.BOOLEAN;
        } else if (type == DataType.INT32) {
            return TextTypes.INT32;
        } else if (type == DataType.INT64) {
            return TextTypes.INT64;
        } else if (type == DataType.FLOAT64) {
            return TextTypes.FLOAT64;
        } else if (type == DataType.DATE) {
            return TextTypes.DATE;
        } else if (type == DataType.TIMESTAMP) {
            return TextTypes.TIMESTAMP;
        } else if (type == DataType.TIMESTAMP_LOCAL) {
            return TextTypes.TIMESTAMP_LOCAL;
        }
        return 0;
    }

    /** Why the converter rejects the one cell, or null when it takes it. */
    private static String problem(DataType type, byte[] b, int off, int len) {
        RawBatch one = new RawBatch(1, new boolean[1], 1, len);
        one.columns[0].append(b, off, len);
        one.rows = 1;
        try {
            BatchConverter.convert(one, Schema.of(Field.of("v", type)),
                    (batch, row, column, what) -> new DataFormatException(null, null, -1, -1, -1, what, null));
            return null;
        } catch (DataFormatException e) {
            return e.problem();
        } catch (RuntimeException e) {
            return "'" + new String(b, off, len, UTF_8) + "' is not a valid " + type.typeName();
        }
    }

    private static RawBatch keep(RawBatch batch, boolean[] drop) {
        RawBatch out = new RawBatch(batch.width, new boolean[batch.width], batch.rows, 64);
        for (int c = 0; c < batch.width; c++) {
            RawBatch.RawColumn from = batch.columns[c];
            RawBatch.RawColumn to = out.columns[c];
            int kept = 0;
            for (int r = 0; r < batch.rows; r++) {
                if (drop[r]) {
                    continue;
                }
                if (from.isNull(r)) {
                    to.appendNull(kept);
                } else {
                    to.append(from.data, from.start(r), from.length(r));
                }
                kept++;
            }
        }
        int kept = 0;
        for (int r = 0; r < batch.rows; r++) {
            if (!drop[r]) {
                out.sources[kept] = batch.sources[r];
                out.lines[kept] = batch.lines[r];
                out.offsets[kept] = batch.offsets[r];
                kept++;
            }
        }
        out.rows = kept;
        return out;
    }
}
