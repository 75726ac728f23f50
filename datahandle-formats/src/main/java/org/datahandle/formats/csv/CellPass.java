package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.datahandle.table.DataType;
import org.datahandle.table.Schema;

/**
 * The work on parsed cells that numbers and dates in a local form ({@link CellFormats}) need, done after
 * a batch is parsed so that the parse itself stays the same for every file. Columns read this way are not
 * inferred while parsing; {@link #infer} infers them here, over the cells as the options read them, and
 * {@link #rewrite} turns their cells into the ISO form that {@link BatchConverter} parses.
 *
 * <p>Not thread-safe: one per thread (it keeps a scratch buffer).
 */
final class CellPass {
    private final CellFormats formats;
    private byte[] scratch = new byte[64];

    CellPass(CsvOptions options) {
        this.formats = options.cells();
    }

    /**
     * Narrows {@code candidates[c]} and sets {@code sawValue[c]} from the first {@code rowLimit} rows of
     * {@code batch} for each column {@code c} with {@code infer[c]}.
     */
    void infer(RawBatch batch, boolean[] infer, int[] candidates, boolean[] sawValue, long rowLimit) {
        int rows = (int) Math.min(batch.rows, rowLimit);
        for (int c = 0; c < batch.width; c++) {
            if (!infer[c] || batch.columns[c] == null) {
                continue;
            }
            RawBatch.RawColumn col = batch.columns[c];
            int left = candidates[c];
            boolean saw = sawValue[c];
            for (int r = 0; r < rows && left != 0; r++) {
                if (col.isNull(r)) {
                    continue;
                }
                saw = true;
                left = narrow(left, col.data, col.start(r), col.length(r));
            }
            for (int r = 0; r < rows && !saw; r++) {
                saw = !col.isNull(r);
            }
            candidates[c] = left;
            sawValue[c] = saw;
        }
    }

    /** {@link TextTypes#narrow} with numbers and dates read in this file's form. */
    int narrow(int candidates, byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int numeric = TextTypes.INT32 | TextTypes.INT64 | TextTypes.FLOAT64;
        int dates = formats.date != null ? TextTypes.DATE : 0;
        int times = formats.timestamp != null ? TextTypes.TIMESTAMP | TextTypes.TIMESTAMP_LOCAL : 0;
        int local = (formats.localNumbers() ? numeric : 0) | dates | times;
        int c = TextTypes.narrow(candidates & ~local, b, off, len);
        if ((candidates & local & numeric) != 0) {
            int n = normalized(b, off, len);
            if (n >= 0) {
                c |= TextTypes.narrow(candidates & numeric, scratch, 0, n);
            } else if (isSpecial(b, off, len)) {
                c |= TextTypes.narrow(candidates & TextTypes.FLOAT64, b, off, len);
            }
        }
        if ((candidates & dates) != 0 && formats.epochDay(b, off, len) != TextTypes.NO_DATE) {
            c |= TextTypes.DATE;
        }
        if ((candidates & times) != 0) {
            String iso = formats.isoTimestamp(b, off, len);
            if (iso != null) {
                byte[] t = iso.getBytes(UTF_8);
                c |= TextTypes.narrow(candidates & times, t, 0, t.length);
            } else {
                c |= TextTypes.narrow(candidates & times, b, off, len);
            }
        }
        return c;
    }

    private int normalized(byte[] b, int off, int len) {
        if (scratch.length < len) {
            scratch = new byte[len];
        }
        return formats.normalizeNumber(b, off, len, scratch);
    }

    private static boolean isSpecial(byte[] b, int off, int len) {
        String s = len <= 9 ? new String(b, off, len, UTF_8) : "";
        return s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity");
    }

    /**
     * Replaces the columns of {@code batch} whose type is read in a local form by columns of the same
     * cells in the ISO form; a cell that is not in the local form is kept as written, so that the
     * conversion error shows it as the file has it.
     */
    void rewrite(RawBatch batch, Schema schema) {
        if (!formats.isLocal()) {
            return;
        }
        for (int c = 0; c < batch.width; c++) {
            DataType type = schema.field(c).type();
            boolean number = formats.localNumbers() && (type == DataType.INT32 || type == DataType.INT64
                    || type == DataType.FLOAT64 || type == DataType.FLOAT32 || type instanceof DataType.Decimal);
            boolean date = formats.date != null && type == DataType.DATE;
            boolean time = formats.timestamp != null && type instanceof DataType.Timestamp;
            if (number || date || time) {
                batch.columns[c] = rewrite(batch.columns[c], batch.rows, number, date);
            }
        }
    }

    private RawBatch.RawColumn rewrite(RawBatch.RawColumn col, int rows, boolean number, boolean date) {
        RawBatch.RawColumn out = new RawBatch.RawColumn(rows, col.length + 16);
        byte[] b = col.data;
        for (int r = 0; r < rows; r++) {
            if (col.isNull(r)) {
                out.appendNull(r);
                continue;
            }
            int start = col.start(r);
            int len = col.length(r);
            if (number) {
                int n = normalized(b, start, len);
                if (n >= 0) {
                    out.append(scratch, 0, n);
                    continue;
                }
            } else if (date) {
                int day = formats.epochDay(b, start, len);
                if (day != TextTypes.NO_DATE) {
                    byte[] iso = java.time.LocalDate.ofEpochDay(day).toString().getBytes(UTF_8);
                    out.append(iso, 0, iso.length);
                    continue;
                }
            } else {
                String iso = formats.isoTimestamp(b, start, len);
                if (iso != null) {
                    byte[] t = iso.getBytes(UTF_8);
                    out.append(t, 0, t.length);
                    continue;
                }
            }
            out.append(b, start, len);
        }
        return out;
    }
}
