package org.datahandle.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.datahandle.table.DataType;

/** Cell values of a {@code Table} for people (text) and for machines (JSON). */
final class Cells {
    private Cells() {}

    /** How a missing value prints in a table, distinct from any text (text {@code NULL} prints quoted). */
    static final String NULL = "NULL";

    /** Made on first nested value: Jackson's set-up loads hundreds of classes a flat CSV never needs. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /**
     * Text for a terminal: {@code NULL} for a missing value (the text "NULL" itself quoted, so the
     * two never look alike), nested values as JSON, binary as base64, and every control character
     * escaped ({@code \r}, {@code \x1B}, U+202E as {@code \\u202E}) so data can never move the cursor, clear
     * the screen or reorder what is shown.
     */
    static String text(Object value) {
        if (value == null) {
            return NULL;
        }
        String s = plain(value);
        if (s.equals(NULL)) {
            return "\"NULL\"";
        }
        return escapeControls(s);
    }

    /** Text for a machine format (CSV, TSV): dates ISO, nested values JSON, binary base64; nothing escaped. */
    static String plain(Object value) {
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            try {
                return Json.MAPPER.writeValueAsString(json(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot print a nested value as JSON: " + e.getMessage(), e);
            }
        }
        return String.valueOf(value);
    }

    /** True for numbers, which a table right-aligns. */
    static boolean isNumeric(DataType type) {
        return type instanceof DataType.Decimal || type == DataType.INT32 || type == DataType.INT64
                || type == DataType.FLOAT32 || type == DataType.FLOAT64;
    }

    static String escapeControls(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = escape(c);
            if (esc != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (esc != null) {
                    sb.append(esc);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format(Locale.ROOT, "\\x%02X", (int) c);
        }
        // C1 controls (a terminal may obey U+009B as CSI), bidi overrides and isolates, line separators
        if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029) {
            return String.format(Locale.ROOT, "\\u%04X", (int) c);
        }
        return null;
    }

    /** A value Jackson prints without extra modules: dates and instants as ISO text, binary as base64. */
    static Object json(Object value) {
        if (value instanceof LocalDate || value instanceof Instant || value instanceof java.time.LocalDateTime) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(json(o));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), json(v)));
            return out;
        }
        return value;
    }
}
