package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.datahandle.table.DataType;

/**
 * Recognises and parses cell text straight from UTF-8 bytes, so numeric columns need no per-cell
 * {@code String}. Inference is strict so that text is never lost: a value counts as a number, boolean,
 * date or timestamp only if reading it back gives the same value ({@code 007}, {@code +5}, {@code -0},
 * and 20-digit ids stay text; {@code 1.50} is the number 1.5).
 */
final class TextTypes {
    static final int BOOLEAN = 1;
    static final int INT32 = 1 << 1;
    static final int INT64 = 1 << 2;
    static final int FLOAT64 = 1 << 3;
    static final int DATE = 1 << 4;
    static final int TIMESTAMP = 1 << 5;
    static final int TIMESTAMP_LOCAL = 1 << 6;
    static final int ALL = BOOLEAN | INT32 | INT64 | FLOAT64 | DATE | TIMESTAMP | TIMESTAMP_LOCAL;
    /**
     * The type of each candidate bit. The bits are in order of preference, so of the candidates a column
     * has left, the lowest bit names its type (an int32 column also fits int64 and float64).
     */
    private static final DataType[] BY_BIT = {DataType.BOOLEAN, DataType.INT32, DataType.INT64, DataType.FLOAT64,
        DataType.DATE, DataType.TIMESTAMP, DataType.TIMESTAMP_LOCAL};

    /** Exact powers of ten for the fast double path (Clinger): 10^0..10^22 are exact doubles. */
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private TextTypes() {}

    /** The subset of {@code candidates} that {@code b[off, off+len)} still fits. */
    static int narrow(int candidates, byte[] b, int off, int len) {
        int c = candidates;
        if (len == 0) {
            return 0;
        }
        byte first = b[off];
        boolean numberLike = first == '-' || (first >= '0' && first <= '9');
        // a canonical integer of at most 15 digits is also an exact double: no need to parse it as one
        boolean shortInteger = false;
        if ((c & (INT32 | INT64)) != 0) {
            if (numberLike && isCanonicalInteger(b, off, len)) {
                shortInteger = len <= 15;
                if ((c & INT32) != 0 && !fitsInt(b, off, len)) {
                    c &= ~INT32;
                }
                if ((c & INT64) != 0 && !fitsLong(b, off, len)) {
                    c &= ~INT64;
                }
            } else {
                c &= ~(INT32 | INT64);
            }
        }
        if ((c & FLOAT64) != 0 && !shortInteger && !((numberLike || first == 'N' || first == 'I') && isExactDouble(b, off, len))) {
            c &= ~FLOAT64;
        }
        if ((c & BOOLEAN) != 0 && parseBoolean(b, off, len) < 0) {
            c &= ~BOOLEAN;
        }
        if ((c & DATE) != 0 && !(len == 10 && numberLike && parseEpochDay(b, off, len) != NO_DATE)) {
            c &= ~DATE;
        }
        if ((c & (TIMESTAMP | TIMESTAMP_LOCAL)) != 0) {
            if (len < 16 || !numberLike || b[off + 4] != '-' || (b[off + 10] != 'T' && b[off + 10] != ' ')) {
                c &= ~(TIMESTAMP | TIMESTAMP_LOCAL);
            } else {
                String s = text(b, off, len);
                if ((c & TIMESTAMP) != 0 && !(hasZone(s) && parseInstantMicros(s) != null)) {
                    c &= ~TIMESTAMP;
                }
                if ((c & TIMESTAMP_LOCAL) != 0 && !(!hasZone(s) && parseLocalMicros(s) != null)) {
                    c &= ~TIMESTAMP_LOCAL;
                }
            }
        }
        return c;
    }

    /** The type a column gets from its remaining candidates; string when none is left or nothing was seen. */
    static DataType typeOf(int candidates, boolean sawValue) {
        int left = candidates & ALL;
        if (!sawValue || left == 0) {
            return DataType.STRING;
        }
        return BY_BIT[Integer.numberOfTrailingZeros(left)];
    }

    /** {@code -?(0|[1-9][0-9]*)}, and not {@code -0}. */
    static boolean isCanonicalInteger(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        if (b[i] == '-') {
            i++;
        }
        if (i == end) {
            return false;
        }
        if (b[i] == '0') {
            return i + 1 == end && i == off;
        }
        for (; i < end; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean fitsInt(byte[] b, int off, int len) {
        int digits = b[off] == '-' ? len - 1 : len;
        if (digits < 10) {
            return true;
        }
        if (digits > 10) {
            return false;
        }
        long v = parseLong(b, off, len);
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
    }

    private static boolean fitsLong(byte[] b, int off, int len) {
        int digits = b[off] == '-' ? len - 1 : len;
        if (digits < 19) {
            return true;
        }
        if (digits > 19) {
            return false;
        }
        try {
            Long.parseLong(text(b, off, len));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Parses a canonical integer that fits a long (checked by the caller or by inference). */
    static long parseLong(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        for (; i < end; i++) {
            v = v * 10 - (b[i] - '0'); // accumulate negatively so Long.MIN_VALUE parses
        }
        return negative ? v : -v;
    }

    /**
     * Parses an integer for an explicit {@code int32}/{@code int64} schema: optional sign, digits,
     * leading zeros allowed (the user asked for a number).
     *
     * @throws NumberFormatException when it is not one or does not fit
     */
    static long parseLenientLong(byte[] b, int off, int len) {
        return Long.parseLong(text(b, off, len));
    }

    /**
     * A decimal number {@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?} whose value a double holds exactly
     * enough that printing it back gives the same number.
     */
    static boolean isExactDouble(byte[] b, int off, int len) {
        if (isSpecialDouble(b, off, len)) {
            return true;
        }
        int i = off;
        int end = off + len;
        if (b[i] == '-') {
            i++;
        }
        if (i == end) {
            return false;
        }
        int intStart = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0')) {
            return false;
        }
        boolean point = i < end && b[i] == '.';
        if (point) {
            i++;
            int fracStart = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == fracStart) {
                return false;
            }
        }
        boolean exponent = i < end && (b[i] == 'e' || b[i] == 'E');
        if (exponent) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int expStart = i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == expStart) {
                return false;
            }
        }
        if (i != end) {
            return false;
        }
        if (!exponent && len - (b[off] == '-' ? 1 : 0) - (point ? 1 : 0) <= 15) {
            return true; // at most 15 digits and no exponent: parseDouble's exact path, always finite
        }
        if (significantDigits(b, off, len) <= 15) {
            double d = parseDouble(b, off, len);
            return !Double.isInfinite(d);
        }
        String s = text(b, off, len);
        double d = Double.parseDouble(s);
        return !Double.isInfinite(d) && new BigDecimal(s).compareTo(new BigDecimal(Double.toString(d))) == 0;
    }

    /** {@code NaN}, {@code Infinity}, {@code -Infinity}: what {@link Double#toString} writes, so no text is lost. */
    private static boolean isSpecialDouble(byte[] b, int off, int len) {
        boolean candidate = (len == 3 && b[off] == 'N') || (len == 8 && b[off] == 'I')
                || (len == 9 && b[off] == '-' && b[off + 1] == 'I');
        String s = candidate ? text(b, off, len) : ""; // no String per ordinary number
        return s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity");
    }

    /** Digits from the first non-zero one to the last non-zero one, ignoring the point and exponent. */
    private static int significantDigits(byte[] b, int off, int len) {
        int first = -1;
        int last = -1;
        int count = 0;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '0' && c <= '9') {
                if (c != '0') {
                    if (first < 0) {
                        first = count;
                    }
                    last = count;
                }
                count++;
            }
        }
        return first < 0 ? 0 : last - first + 1;
    }

    /**
     * Parses a double. Plain decimals with at most 15 digits and no exponent take an exact fast path
     * (mantissa below 2^53 divided by an exact power of ten); anything else goes through
     * {@link Double#parseDouble}.
     *
     * @throws NumberFormatException when it is not a number
     */
    static double parseDouble(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = len > 0 && b[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        boolean point = false;
        boolean simple = i < end;
        for (; i < end && simple; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                if (mantissa != 0 || c != '0') {
                    digits++;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (point) {
                    fraction++;
                }
                simple = digits <= 15 && fraction < POW10.length;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                simple = false;
            }
        }
        if (simple && b[end - 1] != '.') {
            double v = mantissa / POW10[fraction];
            return negative ? -v : v;
        }
        return Double.parseDouble(text(b, off, len));
    }

    /** What {@link #plainDecimalPlaces} returns for text it cannot describe. */
    static final int NOT_PLAIN = -2;

    /**
     * For a plain decimal {@code -?(0|[1-9]\d*)(\.\d+)?} of at most 15 digits (which {@link #parseDouble}
     * reads exactly), the digits after the point, or -1 when it has no point; {@link #NOT_PLAIN} for
     * anything else. {@link #formatDecimal} writes such a value back as the same text.
     */
    static int plainDecimalPlaces(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        if (i < end && b[i] == '-') {
            i++;
        }
        int intStart = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0')) {
            return NOT_PLAIN;
        }
        if (i == end) {
            return intDigits <= 15 ? -1 : NOT_PLAIN;
        }
        if (b[i] != '.') {
            return NOT_PLAIN;
        }
        int fracStart = ++i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int places = i - fracStart;
        return i == end && places > 0 && intDigits + places <= 15 ? places : NOT_PLAIN;
    }

    /**
     * Writes {@code v}, read from a plain decimal with {@code places} digits after the point (-1: no
     * point), back as that text. Exact: the text has at most 15 digits, so {@code v * 10^places} is within
     * a quarter of the integer its digits make.
     *
     * @return the length written into {@code out} (at least 18 bytes)
     */
    static int formatDecimal(double v, int places, byte[] out) {
        int scale = Math.max(places, 0);
        long digits = Math.round(Math.abs(v) * POW10[scale]);
        int n = 0;
        if ((Double.doubleToRawLongBits(v) & Long.MIN_VALUE) != 0) {
            out[n++] = '-';
        }
        long unit = (long) POW10[scale];
        n = writeDigits(digits / unit, out, n);
        if (places >= 0) {
            out[n++] = '.';
            long fraction = digits % unit;
            for (int k = scale - 1; k >= 0; k--) {
                out[n + k] = (byte) ('0' + fraction % 10);
                fraction /= 10;
            }
            n += scale;
        }
        return n;
    }

    private static int writeDigits(long v, byte[] out, int at) {
        int len = 1;
        for (long x = v; x >= 10; x /= 10) {
            len++;
        }
        for (int k = at + len - 1; k >= at; k--) {
            out[k] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + len;
    }

    /** 1 for true, 0 for false, -1 otherwise ({@code true false TRUE FALSE True False}). */
    static int parseBoolean(byte[] b, int off, int len) {
        if (len == 4 && equalsIgnoreCase(b, off, "true")) {
            return 1;
        }
        if (len == 5 && equalsIgnoreCase(b, off, "false")) {
            return 0;
        }
        return -1;
    }

    private static boolean equalsIgnoreCase(byte[] b, int off, String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase((char) b[off + i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** What {@link #parseEpochDay} returns for text that is not a date. */
    static final int NO_DATE = Integer.MIN_VALUE;

    /** Days from 1970-01-01 to 0000-01-01, as {@link LocalDate#toEpochDay} counts them. */
    private static final int DAYS_0000_TO_1970 = 719_528;

    /**
     * The epoch day of an ISO {@code yyyy-MM-dd} date, or {@link #NO_DATE}: the arithmetic of
     * {@link LocalDate#toEpochDay} without making a {@code LocalDate} per cell.
     */
    static int parseEpochDay(byte[] b, int off, int len) {
        if (len != 10 || b[off + 4] != '-' || b[off + 7] != '-') {
            return NO_DATE;
        }
        return epochDay(digits(b, off, 4), digits(b, off + 5, 2), digits(b, off + 8, 2));
    }

    /** The epoch day of year {@code y} (0 to 9999), month {@code m}, day {@code d}; {@link #NO_DATE} when there is no such day. */
    static int epochDay(int y, int m, int d) {
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
            return NO_DATE;
        }
        int total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400 + (367 * m - 362) / 12 + d - 1;
        if (m > 2) {
            total -= isLeap(y) ? 1 : 2;
        }
        return total - DAYS_0000_TO_1970;
    }

    /**
     * Writes an epoch day that {@link #parseEpochDay} gave as {@code yyyy-MM-dd} into {@code out}; returns
     * the length (10).
     */
    static int formatEpochDay(int epochDay, byte[] out) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        int y = d.getYear();
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        out[0] = (byte) ('0' + y / 1000);
        out[1] = (byte) ('0' + y / 100 % 10);
        out[2] = (byte) ('0' + y / 10 % 10);
        out[3] = (byte) ('0' + y % 10);
        out[4] = '-';
        out[5] = (byte) ('0' + m / 10);
        out[6] = (byte) ('0' + m % 10);
        out[7] = '-';
        out[8] = (byte) ('0' + day / 10);
        out[9] = (byte) ('0' + day % 10);
        return 10;
    }

    private static boolean isLeap(int y) {
        return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
    }

    private static int daysInMonth(int y, int m) {
        return m == 2 ? (isLeap(y) ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
    }

    /** An ISO {@code yyyy-MM-dd} date, or null. */
    static LocalDate parseDate(byte[] b, int off, int len) {
        if (len != 10 || b[off + 4] != '-' || b[off + 7] != '-') {
            return null;
        }
        int y = digits(b, off, 4);
        int m = digits(b, off + 5, 2);
        int d = digits(b, off + 8, 2);
        if (y < 0 || m < 0 || d < 0) {
            return null;
        }
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(byte[] b, int off, int n) {
        int v = 0;
        int bad = 0;
        for (int i = off; i < off + n; i++) {
            int d = b[i] - '0';
            bad |= d | (9 - d); // negative when any byte is not a digit
            v = v * 10 + d;
        }
        return bad < 0 ? -1 : v;
    }

    static boolean hasZone(String s) {
        return s.endsWith("Z") || s.endsWith("z") || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
    }

    /** Microseconds of an ISO date-time with a zone ({@code Z} or an offset), or null; more than 6 fraction digits is null. */
    static Long parseInstantMicros(String s) {
        if (fractionDigits(s) > 6) {
            return null;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(s.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** Wall-clock microseconds of an ISO local date-time, or null; more than 6 fraction digits is null. */
    static Long parseLocalMicros(String s) {
        if (fractionDigits(s) > 6) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.parse(s.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            return Math.addExact(Math.multiplyExact(t.toEpochSecond(java.time.ZoneOffset.UTC), 1_000_000L),
                    t.getNano() / 1000);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private static int fractionDigits(String s) {
        int dot = s.indexOf('.', 10);
        if (dot < 0) {
            return 0;
        }
        int i = dot + 1;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i - dot - 1;
    }

    static String text(byte[] b, int off, int len) {
        return new String(b, off, len, US_ASCII);
    }
}
