package org.datahandle.internal.spec;

import java.util.Optional;

/**
 * Which handle ids are allowed: up to {@link #MAX_LENGTH} characters, each a letter or digit (any
 * script) or one of {@code _ - . : / @ + # = ,}. Ids reach logs, error messages and terminals, so
 * line breaks, NUL, escape sequences, invisible and direction-changing characters are refused.
 */
public final class HandleIds {
    public static final int MAX_LENGTH = 200;
    private static final String PUNCTUATION = "_-.:/@+#=,";

    private HandleIds() {}

    /** Why {@code id} is not allowed, or empty when it is. */
    public static Optional<String> problem(String id) {
        if (id.isBlank()) {
            return Optional.of("a handle id must not be blank");
        }
        if (id.length() > MAX_LENGTH) {
            return Optional.of("a handle id must be at most " + MAX_LENGTH + " characters, this one has " + id.length());
        }
        for (int i = 0; i < id.length(); ) {
            int c = id.codePointAt(i);
            if (!Character.isLetterOrDigit(c) && PUNCTUATION.indexOf(c) < 0
                    && Character.getType(c) != Character.NON_SPACING_MARK
                    && Character.getType(c) != Character.COMBINING_SPACING_MARK) {
                return Optional.of("the handle id '" + printable(id) + "' has the character " + String.format("U+%04X", c)
                        + " at position " + (i + 1) + "; ids are letters, digits and " + PUNCTUATION
                        + " (no spaces, line breaks or control characters)");
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    /** The id with anything outside the allowed set shown as {@code \\uXXXX}, safe to print. */
    public static String printable(String id) {
        StringBuilder sb = new StringBuilder();
        String cut = id.length() > MAX_LENGTH ? id.substring(0, MAX_LENGTH) : id;
        cut.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || PUNCTUATION.indexOf(c) >= 0) {
                sb.appendCodePoint(c);
            } else {
                sb.append(String.format("\\u%04x", c));
            }
        });
        return id.length() > MAX_LENGTH ? sb + "..." : sb.toString();
    }
}
