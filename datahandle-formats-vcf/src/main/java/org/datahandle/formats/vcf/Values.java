package org.datahandle.formats.vcf;

import java.nio.charset.StandardCharsets;

/** Number parsing on byte ranges, without a String per value. */
final class Values {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** Marker for "not a number"; callers check {@link #failed}. */
    static final long NOT_A_NUMBER = Long.MIN_VALUE;

    private Values() {}

    /** A 32-bit integer, or {@link #NOT_A_NUMBER}. */
    static long parseInt(byte[] b, int from, int to) {
        if (from >= to) {
            return NOT_A_NUMBER;
        }
        int i = from;
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
            if (i == to) {
                return NOT_A_NUMBER;
            }
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return NOT_A_NUMBER;
            }
            v = v * 10 + d;
            if (v > 2147483648L) {
                return NOT_A_NUMBER;
            }
        }
        v = negative ? -v : v;
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? NOT_A_NUMBER : v;
    }

    /** A non-negative 64-bit integer (POS), or -1. */
    static long parsePosition(byte[] b, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * A floating-point value: plain decimals on a fast exact path, everything else (exponents,
     * long mantissas) through {@link Double#parseDouble}; {@code nan}, {@code inf} and
     * {@code infinity} in any case and with a sign, as htslib accepts them. Throws
     * {@link NumberFormatException} when it is not a number.
     */
    static double parseDouble(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        boolean point = false;
        boolean simple = i < to;
        for (int j = i; j < to; j++) {
            byte c = b[j];
            if (c >= '0' && c <= '9') {
                if (mantissa == 0 && c == '0' && !point) {
                    continue;
                }
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (point) {
                    fraction++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                simple = false;
                break;
            }
        }
        if (simple && digits <= 15 && fraction < POW10.length && (to - i) > (point ? 1 : 0)) {
            double v = fraction == 0 ? mantissa : mantissa / POW10[fraction];
            return negative ? -v : v;
        }
        String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        String word = s.replace("+", "").replace("-", "").toLowerCase(java.util.Locale.ROOT);
        if (word.equals("nan")) {
            return Double.NaN;
        }
        if (word.equals("inf") || word.equals("infinity")) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (s.isEmpty() || !Character.isDigit(s.charAt(s.length() - 1)) && s.charAt(s.length() - 1) != '.') {
            throw new NumberFormatException(s);
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')) {
                throw new NumberFormatException(s);
            }
        }
        return Double.parseDouble(s);
    }

    static boolean isMissing(byte[] b, int from, int to) {
        return to - from == 1 && b[from] == '.';
    }

    static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
