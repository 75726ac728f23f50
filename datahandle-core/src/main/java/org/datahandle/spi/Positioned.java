package org.datahandle.spi;

import static java.util.Objects.requireNonNull;

/**
 * A value from the YAML with where it was written, so inference can point at it in an error.
 *
 * @param value the value
 * @param line 1-based line, 0 when the value did not come from YAML
 * @param column 1-based column, 0 when unknown
 */
public record Positioned<T>(T value, int line, int column) {
    public Positioned {
        requireNonNull(value, "value is null");
    }

    /** A value built in code, with no position. */
    public static <T> Positioned<T> of(T value) {
        return new Positioned<>(value, 0, 0);
    }
}
