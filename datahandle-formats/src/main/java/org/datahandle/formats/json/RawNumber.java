package org.datahandle.formats.json;

import static java.util.Objects.requireNonNull;

/**
 * A JSON number kept as its text: when types are not inferred (so {@code 1.50} stays {@code "1.50"}), and
 * for integers beyond int64 in a table, which become text rather than lose digits.
 *
 * @param text the number exactly as written
 */
record RawNumber(String text) {
    RawNumber {
        requireNonNull(text, "text is null");
    }

    @Override
    public String toString() {
        return text;
    }
}
