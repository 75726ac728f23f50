package org.datahandle.formats.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How numbers, dates and timestamps are written in a file when not as this library writes them: the
 * {@code decimal} mark and {@code thousands} separator ({@code 1.234,5}), and the {@code dateFormat} and
 * {@code timestampFormat} patterns ({@code 31/01/2024}). Java {@link DateTimeFormatter} patterns
 * ({@code dd/MM/yyyy}) and strftime ones ({@code %d/%m/%Y}) are both understood.
 *
 * <p>The ISO forms are still read where a format is set (a file that mixes them loses nothing), and a
 * cell that is not a number in the local form stays text: with {@code decimal: ','}, {@code 3.14} is
 * not a number, so a column holding it is a string column and its text is kept as written.
 */
final class CellFormats {
    /** What the codec reads and writes without options. */
    static final CellFormats ISO = new CellFormats((byte) '.', -1, Optional.empty(), Optional.empty());

    final byte decimal;
    /** The thousands separator, or -1 for none. */
    final int thousands;
    final Optional<String> datePattern;
    final Optional<String> timestampPattern;
    final DateTimeFormatter date;
    final DateTimeFormatter timestamp;
    /** Whether the timestamp pattern has a zone or offset (its cells are instants) or not (local date-times). */
    final boolean timestampZoned;

    private CellFormats(byte decimal, int thousands, Optional<String> datePattern, Optional<String> timestampPattern) {
        this.decimal = decimal;
        this.thousands = thousands;
        this.datePattern = datePattern;
        this.timestampPattern = timestampPattern;
        this.date = datePattern.map(p -> formatter("dateFormat", p)).orElse(null);
        this.timestamp = timestampPattern.map(p -> formatter("timestampFormat", p)).orElse(null);
        if (date != null) {
            try {
                date.format(LocalDate.of(2024, 1, 31));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("option 'dateFormat': '" + datePattern.get() + "' asks for more than"
                        + " a date (" + e.getMessage() + "); use timestampFormat for date-times");
            }
        }
        boolean zoned = false;
        if (timestamp != null) {
            try {
                timestamp.format(LocalDateTime.of(2024, 1, 31, 12, 30));
            } catch (DateTimeException e) {
                zoned = true;
                try {
                    timestamp.format(OffsetDateTime.of(2024, 1, 31, 12, 30, 0, 0, java.time.ZoneOffset.UTC));
                } catch (DateTimeException again) {
                    throw new IllegalArgumentException("option 'timestampFormat': '" + timestampPattern.get()
                            + "' cannot be used for a date-time: " + again.getMessage());
                }
            }
        }
        this.timestampZoned = zoned;
    }

    /** Whether anything differs from {@link #ISO}: only then do cells need a pass of their own. */
    boolean isLocal() {
        return decimal != '.' || thousands >= 0 || date != null || timestamp != null;
    }

    /** Whether numbers differ from the ISO form. */
    boolean localNumbers() {
        return decimal != '.' || thousands >= 0;
    }

    /**
     * Reads {@code decimal}, {@code thousands}, {@code dateFormat} and {@code timestampFormat}.
     *
     * @throws IllegalArgumentException naming the option
     */
    static CellFormats parse(Map<String, Object> options, byte delimiter) {
        if (!options.containsKey("decimal") && !options.containsKey("thousands") && !options.containsKey("dateFormat")
                && !options.containsKey("timestampFormat")) {
            return ISO;
        }
        byte decimal = options.containsKey("decimal") ? CsvOptions.singleByte(options, "decimal", ".") : (byte) '.';
        if (Character.isLetterOrDigit(decimal) || decimal == '-' || decimal == '+' || decimal == ' ') {
            throw new IllegalArgumentException("option 'decimal' must be a punctuation character such as '.' or ',',"
                    + " got: '" + (char) decimal + "'");
        }
        if (decimal == delimiter) {
            throw new IllegalArgumentException("option 'decimal' ('" + (char) decimal + "') must differ from the"
                    + " delimiter; files with a decimal comma usually separate fields with ';' (delimiter: ';')");
        }
        int thousands = -1;
        if (options.containsKey("thousands") && !CsvOptions.string(options, "thousands").isEmpty()) {
            byte t = CsvOptions.singleByte(options, "thousands", "");
            if (Character.isLetterOrDigit(t) || t == '-' || t == '+' || t == '\t') {
                throw new IllegalArgumentException("option 'thousands' must be a separator such as ',', '.', ' ' or"
                        + " \"'\", got: '" + (char) t + "'");
            }
            if (t == decimal) {
                throw new IllegalArgumentException("option 'thousands' must differ from 'decimal' ('" + (char) t + "')");
            }
            if (t == delimiter) {
                throw new IllegalArgumentException("option 'thousands' ('" + (char) t + "') must differ from the"
                        + " delimiter");
            }
            thousands = t & 0xff;
        }
        Optional<String> datePattern = pattern(options, "dateFormat");
        Optional<String> timestampPattern = pattern(options, "timestampFormat");
        return new CellFormats(decimal, thousands, datePattern, timestampPattern);
    }

    private static Optional<String> pattern(Map<String, Object> options, String key) {
        Object v = options.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v.toString().isBlank()) {
            throw new IllegalArgumentException("option '" + key + "' must be a pattern such as dd/MM/yyyy or %d/%m/%Y,"
                    + " got an empty text");
        }
        return Optional.of(v.toString());
    }

    private static DateTimeFormatter formatter(String key, String pattern) {
        String java = pattern.indexOf('%') >= 0 ? fromStrftime(key, pattern) : strictYears(pattern);
        try {
            return DateTimeFormatter.ofPattern(java, Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option '" + key + "': '" + pattern + "' is not a date pattern ("
                    + e.getMessage() + "); for example dd/MM/yyyy or %d/%m/%Y");
        }
    }

    /**
     * {@code yyyy} is the year of an era, which a strict resolver cannot use without an era; {@code uuuu} is
     * the same year for every date after year 0, so letters {@code y} outside quotes become {@code u}.
     */
    private static String strictYears(String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            sb.append(!quoted && c == 'y' ? 'u' : c);
        }
        return sb.toString();
    }

    /** A strftime pattern ({@code %d/%m/%Y %H:%M:%S}) as a Java one. */
    static String fromStrftime(String key, String pattern) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                if (Character.isLetter(c)) {
                    sb.append('\'').append(c).append('\'');
                } else if (c == '\'') {
                    sb.append("''");
                } else if (c == '[' || c == ']' || c == '#' || c == '{' || c == '}') {
                    sb.append('\'').append(c).append('\'');
                } else {
                    sb.append(c);
                }
                continue;
            }
            if (++i == pattern.length()) {
                throw new IllegalArgumentException("option '" + key + "': '" + pattern + "' ends in a lone %");
            }
            char d = pattern.charAt(i);
            sb.append(switch (d) {
                case 'Y' -> "uuuu";
                case 'y' -> "uu";
                case 'm' -> "MM";
                case 'd' -> "dd";
                case 'e' -> "d";
                case 'H' -> "HH";
                case 'I' -> "hh";
                case 'M' -> "mm";
                case 'S' -> "ss";
                case 'f' -> "SSSSSS";
                case 'p' -> "a";
                case 'b', 'h' -> "MMM";
                case 'B' -> "MMMM";
                case 'a' -> "EEE";
                case 'A' -> "EEEE";
                case 'j' -> "DDD";
                case 'z' -> "[XXX][XX]";
                case 'Z' -> "z";
                case 'T' -> "HH:mm:ss";
                case 'F' -> "uuuu-MM-dd";
                case '%' -> "%";
                default -> throw new IllegalArgumentException("option '" + key + "': '" + pattern + "' uses %" + d
                        + ", which is not supported; supported: %Y %y %m %d %e %H %I %M %S %f %p %b %B %a %A %j %z"
                        + " %Z %T %F %%");
            });
        }
        return sb.toString();
    }

    // ---- reading

    /**
     * The cell as a number in the ISO form ({@code -1234.5e3}) written into {@code out}, its length, or -1
     * when it is not a number in this file's form. Without separators in the cell, the same bytes.
     */
    int normalizeNumber(byte[] b, int off, int len, byte[] out) {
        if (len == 0 || len > out.length) {
            return -1;
        }
        int i = off;
        int end = off + len;
        int n = 0;
        if (b[i] == '-') {
            out[n++] = '-';
            i++;
        }
        int digits = 0;
        int group = -1; // digits since the last thousands separator, -1 before the first
        int firstGroup = 0;
        while (i < end) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                out[n++] = c;
                digits++;
                if (group >= 0) {
                    group++;
                } else {
                    firstGroup++;
                }
            } else if ((c & 0xff) == thousands) {
                // groups of three after a first group of one to three digits
                if (digits == 0 || (group < 0 ? firstGroup > 3 : group != 3)) {
                    return -1;
                }
                group = 0;
            } else {
                break;
            }
            i++;
        }
        if (digits == 0 || (group >= 0 && group != 3)) {
            return -1;
        }
        if (i < end && b[i] == decimal) {
            out[n++] = '.';
            i++;
            int fraction = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                out[n++] = b[i++];
                fraction++;
            }
            if (fraction == 0) {
                return -1;
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            out[n++] = b[i++];
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                out[n++] = b[i++];
            }
            int exponent = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                out[n++] = b[i++];
                exponent++;
            }
            if (exponent == 0) {
                return -1;
            }
        }
        return i == end ? n : -1;
    }

    /** The epoch day of a cell in the dateFormat (or ISO), or {@link TextTypes#NO_DATE}. */
    int epochDay(byte[] b, int off, int len) {
        int iso = TextTypes.parseEpochDay(b, off, len);
        if (iso != TextTypes.NO_DATE || date == null) {
            return iso;
        }
        try {
            return (int) LocalDate.from(date.parse(new String(b, off, len, UTF_8))).toEpochDay();
        } catch (DateTimeException e) {
            return TextTypes.NO_DATE;
        }
    }

    /** A cell in the timestampFormat as ISO-8601 text, or null when it is not one. */
    String isoTimestamp(byte[] b, int off, int len) {
        if (timestamp == null) {
            return null;
        }
        try {
            TemporalAccessor t = timestamp.parse(new String(b, off, len, UTF_8));
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(t).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            }
            return LocalDateTime.from(t).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeException e) {
            return null;
        }
    }

    // ---- writing

    /** A number as this file writes it: the decimal mark swapped in (thousands are not written). */
    String number(String iso) {
        return decimal == '.' ? iso : iso.replace('.', (char) decimal);
    }
}
