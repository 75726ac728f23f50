package org.datahandle.spi;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where a file lives: an absolute, normalised URI with a scheme ({@code file:/data/x.csv},
 * {@code hdfs://nn:8020/x}, {@code s3://bucket/key}). The one value type every
 * {@link FileSystem} method takes.
 *
 * @param uri the absolute URI
 */
public record Location(URI uri) {
    public Location {
        requireNonNull(uri, "uri is null");
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("location must be an absolute URI with a scheme: " + uri);
        }
        uri = uri.normalize();
    }

    public static Location of(URI uri) {
        return new Location(uri);
    }

    public static Location of(String uri) {
        return new Location(URI.create(uri));
    }

    /** The location of a local path (made absolute). */
    public static Location of(Path path) {
        return new Location(path.toAbsolutePath().normalize().toUri());
    }

    public String scheme() {
        return uri.getScheme();
    }

    /** The path part, always starting with {@code /} (for S3, the key with a leading slash). */
    public String path() {
        String p = uri.getPath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    /** The last path segment, or the empty string for a root. */
    public String fileName() {
        String p = path();
        int end = p.endsWith("/") ? p.length() - 1 : p.length();
        int slash = p.lastIndexOf('/', end - 1);
        return p.substring(slash + 1, end);
    }

    /** The location of the folder holding this one. */
    public Location parent() {
        String p = path();
        int end = p.endsWith("/") ? p.length() - 1 : p.length();
        int slash = p.lastIndexOf('/', end - 1);
        return withPath(slash <= 0 ? "/" : p.substring(0, slash + 1));
    }

    /** A sibling in the same folder: {@code /a/b.csv} with {@code .b.csv.tmp} gives {@code /a/.b.csv.tmp}. */
    public Location sibling(String fileName) {
        if (fileName.isEmpty() || fileName.contains("/")) {
            throw new IllegalArgumentException("not a plain file name: " + fileName);
        }
        return withPath(parent().path() + fileName);
    }

    /** A child of this location, taken as a folder. */
    public Location child(String name) {
        String p = path();
        return withPath((p.endsWith("/") ? p : p + "/") + name);
    }

    /** The same scheme and authority with another path. */
    public Location withPath(String path) {
        try {
            return new Location(new URI(uri.getScheme(), uri.getRawAuthority() == null ? null : uri.getAuthority(),
                    path, null, null));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad path '" + path + "' for " + uri, e);
        }
    }

    /** The local path, for {@code file:} locations. */
    public Path toLocalPath() {
        if (!"file".equals(scheme())) {
            throw new IllegalStateException("not a local file location: " + uri);
        }
        return Path.of(uri);
    }

    /** The URI as a user reads it: {@code /data/x.csv} for local files, the full URI otherwise. */
    @Override
    public String toString() {
        return "file".equals(scheme()) ? path() : uri.toString();
    }
}
