package org.datahandle.formats.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.spi.ReadSource;

/**
 * Reads one JSON value from a parser into plain Java values: {@link LinkedHashMap} (keys in file order),
 * {@link ArrayList}, {@code String}, {@code Integer}/{@code Long}/{@code BigInteger}, {@code Double} (or
 * {@code BigDecimal} when the number's text does not survive a trip through a double), {@code Boolean} and
 * null. A key twice in one object is an error rather than a silent overwrite.
 */
final class JsonValues {
    /** Any decimal with at most this many significant digits reads back exactly from the nearest double. */
    private static final int EXACT_DOUBLE_DIGITS = 15;

    private final ReadSource source;
    private final boolean numbersAsText;

    /**
     * @param numbersAsText read every number as a {@link RawNumber} of its text (types not inferred)
     */
    JsonValues(ReadSource source, boolean numbersAsText) {
        this.source = source;
        this.numbersAsText = numbersAsText;
    }

    /** The value starting at the parser's current token; the parser is left on the value's last token. */
    Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IllegalStateException("parser is not on a token");
        }
        switch (t) {
            case START_OBJECT:
                return object(p);
            case START_ARRAY:
                return array(p);
            case VALUE_STRING:
                return whole(p.getText(), p);
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(p);
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalStateException("unexpected token " + t + " at the start of a value");
        }
    }

    private Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
            whole(key, p);
            JsonLocation at = p.currentTokenLocation();
            p.nextToken();
            if (map.containsKey(key)) {
                throw JsonErrors.at(source, at.getLineNr(), at.getByteOffset(), "the key '" + key
                        + "' appears twice in one object");
            }
            map.put(key, read(p));
        }
        return map;
    }

    /**
     * The text itself, unless it holds half of a UTF-16 surrogate pair ({@code "\\ud800"} alone),
     * which has no UTF-8 form: storing it would turn it into '?' without a word, so it is an error.
     */
    String whole(String text, JsonParser p) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                JsonLocation at = p.currentTokenLocation();
                throw JsonErrors.at(source, at.getLineNr(), at.getByteOffset(), String.format("a string holds an"
                        + " unpaired UTF-16 surrogate \\u%04x (character %d); it stands for no character, and"
                        + " text is never altered silently", (int) c, i + 1));
            }
        }
        return text;
    }

    private List<Object> array(JsonParser p) throws IOException {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(read(p));
        }
        return list;
    }

    private Object number(JsonParser p) throws IOException {
        if (numbersAsText) {
            return new RawNumber(p.getText());
        }
        switch (p.getNumberType()) {
            case INT:
                return p.getIntValue();
            case LONG:
                return p.getLongValue();
            case BIG_INTEGER:
                return p.getBigIntegerValue();
            default:
                return floating(p);
        }
    }

    /** A Double when it reads back as the same number, else the exact BigDecimal. */
    private static Object floating(JsonParser p) throws IOException {
        double d = p.getDoubleValue();
        int digits = significantDigits(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (digits == 0 && d == 0) {
            return d;
        }
        if (digits <= EXACT_DOUBLE_DIGITS && Double.isFinite(d) && Math.abs(d) >= Double.MIN_NORMAL) {
            return d;
        }
        BigDecimal exact = p.getDecimalValue();
        if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0) {
            return d;
        }
        return exact;
    }

    /** Digits of the significand, from the first non-zero one (trailing zeros count: it is only a bound). */
    private static int significantDigits(char[] text, int offset, int length) {
        int digits = 0;
        for (int i = offset; i < offset + length; i++) {
            char c = text[i];
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '1' && c <= '9' || c == '0' && digits > 0) {
                digits++;
            }
        }
        return digits;
    }
}
