package org.datahandle.spi;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a database table lives: an absolute URI whose scheme names the engine, whose rest names
 * the database, and whose fragment names the table ({@code postgresql://db:5432/genomics#analysis.pca},
 * {@code mariadb://db:3306/genomics#pca}, {@code sqlite:///work/out/results.sqlite#pca}). The one
 * value type every {@link TableStore} method takes. It never holds credentials: a URI with
 * {@code user:password@} is refused, so a location can be logged and written to YAML.
 *
 * @param uri the absolute URI, fragment included
 */
public record TableLocation(URI uri) {
    public TableLocation {
        requireNonNull(uri, "uri is null");
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("table location must be an absolute URI with a scheme: " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            // the URI itself is not repeated: it holds the credentials
            throw new IllegalArgumentException("a table location must not hold credentials (user:password@); "
                    + "give them as catalog options");
        }
        String table = uri.getFragment();
        if (table == null || table.isEmpty()) {
            throw new IllegalArgumentException("table location " + uri + " names no table; add #table");
        }
    }

    public static TableLocation of(URI uri) {
        return new TableLocation(uri);
    }

    /** The engine's scheme: {@code postgresql}, {@code mariadb}, {@code mysql}, {@code sqlite}. */
    public String scheme() {
        return uri.getScheme();
    }

    /** The table name as written after {@code #}, decoded ({@code analysis.pca} or {@code pca}). */
    public String table() {
        return uri.getFragment();
    }

    /** The database: the URI without its fragment. */
    public URI database() {
        try {
            return new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a valid URI lost its validity without its fragment: " + uri, e);
        }
    }

    /** The same database, another table (a staging table, say). */
    public TableLocation withTable(String table) {
        try {
            return new TableLocation(new URI(uri.getScheme(), uri.getSchemeSpecificPart(), table));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("table name '" + table + "' cannot be part of a URI", e);
        }
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
