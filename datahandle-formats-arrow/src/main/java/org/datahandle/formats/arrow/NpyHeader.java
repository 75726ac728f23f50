package org.datahandle.formats.arrow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file: magic {@code \x93NUMPY}, version, header length, and a Python
 * dict literal giving the dtype ({@code descr}), the memory order and the shape. The data follow at the
 * header's end, which numpy (and this writer) aligns to 64 bytes.
 *
 * @param kind the dtype kind: {@code f} float, {@code i} signed, {@code u} unsigned integer, {@code b} bool
 * @param itemSize bytes per value
 * @param bigEndian the byte order of multi-byte values
 * @param fortranOrder column-major data
 * @param rows the first dimension
 * @param columns the second dimension (1 for a one-dimensional array)
 * @param dataOffset where the data start
 */
record NpyHeader(char kind, int itemSize, boolean bigEndian, boolean fortranOrder, long rows, long columns,
        int dataOffset) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy's own bound on the header of a version 1.0 file. */
    static final int MAX_HEADER = 1 << 20;

    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([<>|=])([a-zA-Z])(\\d+)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    /** The header of a C-order float64 matrix, padded so that the data start 64-byte aligned. */
    static byte[] float64(long rows, long columns) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + columns + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        StringBuilder header = new StringBuilder(dict);
        header.append(" ".repeat(padded - unpadded)).append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[padded];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) text.length;
        out[9] = (byte) (text.length >>> 8);
        System.arraycopy(text, 0, out, 10, text.length);
        return out;
    }

    /**
     * Parses the dict of a header.
     *
     * @throws IllegalArgumentException saying what is missing or unsupported
     */
    static NpyHeader parse(String dict, int dataOffset) {
        String d = dict.trim();
        if (!d.startsWith("{") || !d.endsWith("}")) {
            throw new IllegalArgumentException("the header is not a Python dict: " + preview(d));
        }
        if (d.contains("'descr': [") || d.contains("\"descr\": [")) {
            throw new IllegalArgumentException("structured (record) arrays are not a matrix: " + preview(d));
        }
        Matcher descr = DESCR.matcher(d);
        if (!descr.find()) {
            throw new IllegalArgumentException("the header has no simple 'descr' dtype: " + preview(d));
        }
        char order = descr.group(1).charAt(0);
        char kind = descr.group(2).toLowerCase(Locale.ROOT).charAt(0);
        int size = Integer.parseInt(descr.group(3));
        boolean supported = switch (kind) {
            case 'f' -> size == 2 || size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            default -> false;
        };
        if (!supported) {
            throw new IllegalArgumentException("dtype '" + order + kind + size + "' is not a number this reader supports (floats f2/f4/f8, integers i1..i8 and u1..u8, bool b1)");
        }
        Matcher fortran = FORTRAN.matcher(d);
        if (!fortran.find()) {
            throw new IllegalArgumentException("the header has no 'fortran_order': " + preview(d));
        }
        Matcher shape = SHAPE.matcher(d);
        if (!shape.find()) {
            throw new IllegalArgumentException("the header has no 'shape': " + preview(d));
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            String p = part.trim().replaceAll("[lL]$", "");
            if (!p.isEmpty()) {
                long v = Long.parseLong(p);
                if (v < 0) {
                    throw new IllegalArgumentException("the shape has a negative dimension: (" + shape.group(1) + ")");
                }
                dims.add(v);
            }
        }
        if (dims.isEmpty() || dims.size() > 2) {
            throw new IllegalArgumentException("a matrix has one or two dimensions; this array has shape ("
                    + shape.group(1) + ")");
        }
        long rows = dims.get(0);
        long columns = dims.size() == 2 ? dims.get(1) : 1;
        return new NpyHeader(kind, size, size > 1 && order == '>', fortran.group(1).equals("True"), rows, columns,
                dataOffset);
    }

    private static String preview(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
