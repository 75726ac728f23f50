package org.datahandle.exchange;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Handle names on the wire: catalog names, never paths. A name is decoded from the raw URI segment
 * strictly (bad percent escapes and invalid UTF-8 are errors, not replacement characters), then must match
 * {@code [A-Za-z0-9_.-]{1,200}} and not be {@code .} or {@code ..}. The name is then only ever looked up in
 * the catalog; no file name is derived from it here.
 */
final class HandleNames {
    static final int MAX_LENGTH = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_LENGTH + "}");

    private HandleNames() {}

    /**
     * The handle name a raw (still percent-encoded) path segment carries.
     *
     * @throws WireError.Failure 400 {@code BadName} naming what is wrong (the name itself is shown only
     *     when short and printable)
     */
    static String fromSegment(String raw) {
        if (raw.length() > 3 * MAX_LENGTH) {
            throw bad(raw, "a handle name has at most " + MAX_LENGTH + " characters; this one has " + raw.length()
                    + " before decoding");
        }
        String name = percentDecode(raw);
        if (name.isEmpty()) {
            throw bad(name, "the handle name is empty");
        }
        if (!NAME.matcher(name).matches()) {
            throw bad(name, name.length() > MAX_LENGTH
                    ? "a handle name has at most " + MAX_LENGTH + " characters; this one has " + name.length()
                    : "a handle name may hold only letters, digits, '_', '.' and '-' (it is a catalog name, not a path)");
        }
        if (name.equals(".") || name.equals("..")) {
            throw bad(name, "'.' and '..' are not handle names");
        }
        return name;
    }

    /** Validates a name given in a body or a query, as {@link #fromSegment} does. */
    static String check(String name) {
        return fromSegment(name.replace("%", "%25"));
    }

    private static String percentDecode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    throw bad(null, "the handle name has a malformed percent escape at character " + i);
                }
                bytes.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c > 0x7F) {
                throw bad(null, "the request path holds a raw non-ASCII character at " + i);
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw bad(null, "the handle name is not valid UTF-8");
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static WireError.Failure bad(String name, String why) {
        String shown = name != null && name.length() <= 64 && name.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7F)
                ? name : null;
        return new WireError.Failure(400, WireError.BAD_NAME, shown, why);
    }
}
