package org.datahandle;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;
import org.datahandle.spi.Location;

/**
 * Where a problem is, as far as it is known: the file (a data file, or for a spec error the
 * workflow file), the 1-based line and column in it, and the 0-based byte offset. Every part is
 * optional; {@link #UNKNOWN} has none.
 *
 * <p>The path is written as a user would write it: a plain path for a local file, the URI for any
 * other file system ({@code s3://bucket/key.csv}), {@code <yaml>} for a spec given as a string.
 *
 * @param path the file, if known
 * @param line 1-based line, if known
 * @param column 1-based column, if known (only together with a line)
 * @param byteOffset 0-based byte offset, if known; in the decompressed stream for compressed data
 */
public record ErrorLocation(Optional<String> path, OptionalLong line, OptionalLong column, OptionalLong byteOffset) {
    /** No location known. */
    public static final ErrorLocation UNKNOWN =
            new ErrorLocation(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    public ErrorLocation {
        requireNonNull(path, "path is null");
        requireNonNull(line, "line is null");
        requireNonNull(column, "column is null");
        requireNonNull(byteOffset, "byteOffset is null");
        if (line.isPresent() && line.getAsLong() < 1) {
            throw new IllegalArgumentException("line must be 1-based, got " + line.getAsLong());
        }
        if (column.isPresent() && (column.getAsLong() < 1 || line.isEmpty())) {
            throw new IllegalArgumentException("column must be 1-based and come with a line, got " + column.getAsLong());
        }
        if (byteOffset.isPresent() && byteOffset.getAsLong() < 0) {
            throw new IllegalArgumentException("byteOffset must not be negative, got " + byteOffset.getAsLong());
        }
    }

    /** The file alone, as a user would write it. */
    public static ErrorLocation of(String path) {
        requireNonNull(path, "path is null");
        return new ErrorLocation(Optional.of(path), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    /** The file alone: a plain path for {@code file:}, the URI otherwise. */
    public static ErrorLocation of(Location location) {
        return of(location.toString());
    }

    /** The file alone: a plain path for {@code file:}, the URI otherwise. */
    public static ErrorLocation of(java.net.URI uri) {
        return of(Location.of(uri));
    }

    /**
     * The files of a handle's disk: its one path, or every path joined by {@code ", "} (a wildcard
     * stays a wildcard), each absolute as a user would write it.
     */
    public static ErrorLocation of(DiskSpec disk) {
        StringBuilder sb = new StringBuilder();
        for (DiskPath p : disk.pathList()) {
            sb.append(sb.length() > 0 ? ", " : "").append(Location.of(p.path()));
        }
        return of(sb.toString());
    }

    /** The same file at a 1-based line; a value below 1 means "unknown" and changes nothing. */
    public ErrorLocation atLine(long line) {
        return line < 1 ? this : new ErrorLocation(path, OptionalLong.of(line), column, byteOffset);
    }

    /** The same file and line at a 1-based column; a value below 1, or no line, changes nothing. */
    public ErrorLocation atColumn(long column) {
        return column < 1 || line.isEmpty() ? this : new ErrorLocation(path, line, OptionalLong.of(column), byteOffset);
    }

    /** The same place with a 0-based byte offset; a negative value means "unknown" and changes nothing. */
    public ErrorLocation atByte(long byteOffset) {
        return byteOffset < 0 ? this : new ErrorLocation(path, line, column, OptionalLong.of(byteOffset));
    }

    /** True when nothing is known. */
    public boolean isUnknown() {
        return path.isEmpty() && line.isEmpty() && byteOffset.isEmpty();
    }
}
