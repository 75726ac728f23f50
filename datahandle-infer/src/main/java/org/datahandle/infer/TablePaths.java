package org.datahandle.infer;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.datahandle.spi.DidYouMean;
import org.datahandle.spi.DiskDeclaration;
import org.datahandle.spi.InferenceContext;
import org.datahandle.spi.Positioned;
import org.datahandle.spi.Registry;
import org.datahandle.spi.TableStoreFactory;

/**
 * Inference for paths that name a database table rather than files: the scheme names the engine,
 * the fragment names the table ({@code sqlite:out/results.sqlite#scores},
 * {@code postgresql://db:5432/genomics#analysis.pca}, {@code mariadb://db:3306/genomics#pca}).
 * Format is {@code table}, compression {@code none}, and the file system is the engine's name.
 *
 * <p>The built-in scheme table holds whether or not the engine's module is on the class path, so
 * a workflow naming a table loads without {@code datahandle-db} and fails only when used; a
 * registered {@link TableStoreFactory} adds its schemes. Credentials are refused in the path
 * (they would reach {@code toYaml()} and logs), and the refusal does not repeat them.
 */
final class TablePaths {
    static final String FORMAT = "table";
    private static final Map<String, String> BUILT_IN = Map.of("sqlite", "sqlite", "postgresql", "postgresql",
            "postgres", "postgresql", "mariadb", "mariadb", "mysql", "mariadb");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");

    private final Registry registry;

    TablePaths(Registry registry) {
        this.registry = registry;
    }

    /** The engine of a path whose variables are expanded, if its scheme names one. */
    Optional<String> engineOf(String expanded) {
        Matcher m = SCHEME.matcher(expanded);
        if (!m.find()) {
            return Optional.empty();
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        Optional<String> registered = registry.tableStoreForScheme(scheme).map(TableStoreFactory::name);
        return registered.isPresent() ? registered : Optional.ofNullable(BUILT_IN.get(scheme));
    }

    /** Every table scheme and its engine, for error messages. */
    Map<String, String> schemes() {
        Map<String, String> all = new TreeMap<>(BUILT_IN);
        for (TableStoreFactory f : registry.tableStores()) {
            f.schemes().forEach(s -> all.put(s, f.name()));
        }
        return all;
    }

    /** The disk spec of a table handle; {@code expanded} is its one path with variables expanded. */
    DiskSpec infer(DiskDeclaration declaration, InferenceContext context, ErrorSite site, String expanded) {
        Positioned<String> written = declaration.paths().get(0);
        if (declaration.paths().size() != 1) {
            throw site.at(ErrorSite.PATH, declaration.paths().get(1), "a database table is one path; handle has "
                    + declaration.paths().size() + " paths, and '" + written.value() + "' names a table");
        }
        String engine = engineOf(expanded).orElseThrow();
        declaration.format().filter(f -> !f.value().equals(FORMAT)).ifPresent(f -> {
            throw site.at(ErrorSite.FORMAT, f, "format '" + f.value() + "' given, but path '" + written.value()
                    + "' names a database table, whose format is '" + FORMAT + "'");
        });
        declaration.compression().filter(c -> !c.value().equals(DefaultDiskInference.NO_COMPRESSION)).ifPresent(c -> {
            throw site.at(ErrorSite.COMPRESSION, c, "compression '" + c.value() + "' given, but a database table"
                    + " takes no compression (the engine stores it)");
        });
        declaration.fileSystem().filter(f -> !f.value().equals(engine)).ifPresent(f -> {
            throw site.at(ErrorSite.FILE_SYSTEM, f, "fileSystem '" + f.value() + "' given, but path '"
                    + written.value() + "' implies database engine '" + engine + "'");
        });
        declaration.partitionBy().ifPresent(p -> {
            throw site.at(ErrorSite.PARTITION_BY, p, "partitionBy applies to files; a database table is one table");
        });
        checkOptions(declaration, site, engine);
        URI uri = uri(expanded, written, context, site);
        DiskPath path = new DiskPath(written.value(), uri, engine, FORMAT, DefaultDiskInference.NO_COMPRESSION);
        return new DiskSpec(java.util.List.of(path), FORMAT, DefaultDiskInference.NO_COMPRESSION, engine,
                declaration.isProduced().map(Positioned::value), declaration.options());
    }

    private void checkOptions(DiskDeclaration declaration, ErrorSite site, String engine) {
        Optional<TableStoreFactory> factory = registry.tableStore(engine);
        if (factory.isEmpty()) {
            return; // the engine's module is absent: using the handle says so
        }
        Set<String> known = new TreeSet<>(factory.get().optionNames());
        for (String key : declaration.options().keySet()) {
            if (!known.contains(key)) {
                throw site.at("disk.options." + key, declaration.position(), "database engine '" + engine
                        + "' has no option '" + key + "'." + DidYouMean.nearest(key, known).map(c -> " Did you mean '" + c + "'?").orElse("") + " Options: " + known
                        + " (credentials go in catalog options, never in the workflow)");
            }
        }
        try {
            factory.get().checkOptions(declaration.options());
        } catch (IllegalArgumentException e) {
            throw site.at("disk.options", declaration.position(), "database engine '" + engine + "': " + e.getMessage());
        }
    }

    private URI uri(String expanded, Positioned<String> written, InferenceContext context, ErrorSite site) {
        Matcher m = SCHEME.matcher(expanded);
        m.find();
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String rest = expanded.substring(m.end());
        if (rest.startsWith("//") && rest.substring(2).split("[/#]", 2)[0].contains("@")) {
            throw site.at(ErrorSite.PATH, written, "the database path holds credentials (user:password@); they"
                    + " would end up in toYaml() and logs. Give them as catalog options (" + scheme
                    + ".user, " + scheme + ".password) or environment variables; see docs/databases.md");
        }
        int hash = rest.indexOf('#');
        String table = hash < 0 ? "" : rest.substring(hash + 1);
        String where = hash < 0 ? rest : rest.substring(0, hash);
        if (table.isBlank()) {
            throw site.at(ErrorSite.PATH, written, "path '" + written.value() + "' names a database but no table;"
                    + " add #table after it (" + scheme + example(scheme) + ")");
        }
        if (where.contains("?")) {
            throw site.at(ErrorSite.PATH, written, "path '" + redacted(written.value()) + "' has URL parameters (?...);"
                    + " connection settings go in disk.options or catalog options, credentials in catalog options");
        }
        if (scheme.equals("sqlite")) {
            return build(scheme, "", sqliteFile(where, written, context, site), table, written, site);
        }
        if (!where.startsWith("//")) {
            throw site.at(ErrorSite.PATH, written, "path '" + written.value() + "' needs a server: write "
                    + scheme + example(scheme));
        }
        int slash = where.indexOf('/', 2);
        String authority = where.substring(2, slash < 0 ? where.length() : slash);
        if (authority.isEmpty()) {
            throw site.at(ErrorSite.PATH, written, "path '" + written.value() + "' names no server; write "
                    + scheme + example(scheme));
        }
        String database = slash < 0 ? "" : where.substring(slash + 1);
        if (database.isEmpty() || database.contains("/")) {
            throw site.at(ErrorSite.PATH, written, "path '" + written.value() + "' needs exactly one database name"
                    + " after the server; write " + scheme + example(scheme));
        }
        return build(scheme, authority, "/" + database, table, written, site);
    }

    private static String sqliteFile(String where, Positioned<String> written, InferenceContext context,
            ErrorSite site) {
        String file = where;
        if (file.startsWith("//")) {
            int slash = file.indexOf('/', 2);
            String authority = file.substring(2, slash < 0 ? file.length() : slash);
            if (!authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
                throw site.at(ErrorSite.PATH, written, "path '" + written.value() + "' names host '" + authority
                        + "'; an SQLite database is a local file (sqlite:path/to/file.sqlite#table)");
            }
            file = slash < 0 ? "" : file.substring(slash);
        }
        if (file.isEmpty()) {
            throw site.at(ErrorSite.PATH, written, "path '" + written.value() + "' names no database file; write"
                    + " sqlite:path/to/file.sqlite#table");
        }
        if (file.equals("~") || file.startsWith("~/")) {
            file = context.home().resolve(file.length() == 1 ? "" : file.substring(2)).toString();
        }
        try {
            Path p = context.baseDirectory().resolve(file).toAbsolutePath().normalize();
            String slashed = p.toString().replace(java.io.File.separatorChar, '/');
            return slashed.startsWith("/") ? slashed : "/" + slashed;
        } catch (InvalidPathException e) {
            throw site.at(ErrorSite.PATH, written, "path '" + written.value() + "' is not a valid local file: "
                    + e.getMessage());
        }
    }

    private static URI build(String scheme, String authority, String path, String table,
            Positioned<String> written, ErrorSite site) {
        try {
            return new URI(scheme, authority, path, null, table);
        } catch (URISyntaxException e) {
            throw site.at(ErrorSite.PATH, written, "path '" + written.value() + "' is not a valid table URI: "
                    + e.getMessage());
        }
    }

    private static String example(String scheme) {
        return switch (scheme) {
            case "sqlite" -> ":out/results.sqlite#table";
            case "postgresql", "postgres" -> "://host:5432/database#schema.table";
            default -> "://host:3306/database#table";
        };
    }

    /** The path with anything between {@code //} and {@code @} blanked, in case it held a password. */
    private static String redacted(String path) {
        return path.replaceAll("//[^/@]*@", "//***@");
    }
}
