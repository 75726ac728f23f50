package org.datahandle.infer;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.datahandle.spi.DidYouMean;
import org.datahandle.spi.DiskDeclaration;
import org.datahandle.spi.DiskInference;
import org.datahandle.spi.InferenceContext;
import org.datahandle.spi.Location;
import org.datahandle.spi.Positioned;
import org.datahandle.spi.Registry;
import org.datahandle.spi.Wildcards;

/**
 * The inference DataHandle ships: see {@code docs/inference.md} for the rules and their order.
 * Stateless and thread-safe; found by {@link java.util.ServiceLoader}.
 */
public final class DefaultDiskInference implements DiskInference {
    /** The built-in compression name, never registered. */
    static final String NO_COMPRESSION = "none";

    /** The suffix and scheme tables of the registry last used: a catalog infers thousands of handles with one registry. */
    private volatile Tables cached;

    /** @param compressions every compression a spec may name: the registered ones and {@code none} */
    private record Tables(Registry registry, SuffixInference suffixes, SchemeInference schemes, TablePaths tablePaths,
            List<String> compressions) {}

    /** For {@link java.util.ServiceLoader}. */
    public DefaultDiskInference() {}

    /** The tables are read-only once built, so sharing them between threads is safe. */
    private Tables tables(Registry registry) {
        Tables t = cached;
        if (t == null || t.registry() != registry) {
            SuffixInference suffixes = new SuffixInference(registry);
            List<String> compressions = new ArrayList<>(suffixes.compressionNames());
            compressions.add(NO_COMPRESSION);
            t = new Tables(registry, suffixes, new SchemeInference(registry), new TablePaths(registry),
                    List.copyOf(compressions));
            cached = t;
        }
        return t;
    }

    @Override
    public DiskSpec infer(DiskDeclaration declaration, InferenceContext context) {
        requireNonNull(declaration, "declaration is null");
        requireNonNull(context, "context is null");
        ErrorSite site = new ErrorSite(context.source(), context.handleId());
        if (declaration.paths().isEmpty()) {
            throw site.at(ErrorSite.PATH, declaration.position(), "disk needs a path: a string or a list of strings");
        }
        Registry registry = context.registry();
        Tables tables = tables(registry);
        // a database table is not files: scheme = engine, fragment = table (TablePaths)
        String first = new VariableExpander(context.environment(), site).expand(declaration.paths().get(0));
        if (tables.tablePaths().engineOf(first).isPresent()) {
            return tables.tablePaths().infer(declaration, context, site, first);
        }
        SuffixInference suffixes = tables.suffixes();
        SchemeInference schemes = tables.schemes();
        requireKnown(site, ErrorSite.FORMAT, "format", declaration.format(), suffixes.formatNames());
        requireKnown(site, ErrorSite.COMPRESSION, "compression", declaration.compression(), tables.compressions());
        requireKnown(site, ErrorSite.FILE_SYSTEM, "fileSystem", declaration.fileSystem(), schemes.fileSystemNames());

        PathAnalyzer analyzer = new PathAnalyzer(context, site, suffixes, schemes);
        List<PathFacts> paths = declaration.paths().stream().map(analyzer::analyze).toList();

        Agreement agreement = new Agreement(site);
        String format = agreement.agree(ErrorSite.FORMAT, "format", declaration.format(), paths,
                p -> p.implied().formats())
                .orElseThrow(() -> site.at(ErrorSite.PATH, paths.get(0).written(), "path '" + paths.get(0).raw()
                        + "' has no known format suffix and no disk.format is given; "
                        + suffixes.describeSuffixes()));
        String compression = agreement.agree(ErrorSite.COMPRESSION, "compression", declaration.compression(), paths,
                p -> p.implied().compressions())
                .orElse(NO_COMPRESSION);
        String fileSystem = agreement.agree(ErrorSite.FILE_SYSTEM, "fileSystem", declaration.fileSystem(), paths,
                p -> Set.of(p.fileSystem()))
                .orElseThrow(() -> new IllegalStateException("every path implies a file system"));
        requireOuterCompressionAllowed(site, declaration, paths, suffixes, format, compression);

        List<DiskPath> pathList = paths.stream()
                .map(p -> new DiskPath(p.raw(), p.uri(), fileSystem, format, compression))
                .toList();
        declaration.partitionBy().ifPresent(column -> requirePartitionable(site, column, pathList));
        return new DiskSpec(pathList, format, compression, fileSystem,
                declaration.isProduced().map(Positioned::value), declaration.options(),
                declaration.partitionBy().map(Positioned::value));
    }

    /**
     * A partitioned handle names its files by one value each: one path, and one {@code *} in its file
     * name where the value goes; no other wildcard, so every written file matches the path again.
     */
    private static void requirePartitionable(ErrorSite site, Positioned<String> column, List<DiskPath> paths) {
        if (column.value().isBlank()) {
            throw site.at(ErrorSite.PARTITION_BY, column, "partitionBy needs a column name");
        }
        if (paths.size() != 1) {
            throw site.at(ErrorSite.PARTITION_BY, column, "partitionBy needs exactly one path with a '*' where each "
                    + "value goes (for example out/calls.chr*.csv.gz), not " + paths.size() + " paths");
        }
        if (paths.get(0).isFolder()) {
            return; // a folder path: each value is a Hive-style subfolder, column=value/, written by Spark
        }
        String path = paths.get(0).path().getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        String folder = path.substring(0, path.lastIndexOf('/') + 1);
        long stars = name.chars().filter(c -> c == '*').count();
        boolean otherWildcards = name.chars().anyMatch(c -> c == '?' || c == '[' || c == ']' || c == '{' || c == '}')
                || folder.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
        if (stars != 1 || otherWildcards) {
            throw site.at(ErrorSite.PARTITION_BY, column, "partitionBy '" + column.value() + "' needs a path whose file "
                    + "name has exactly one '*' (where each value goes) and no other wildcard; '"
                    + paths.get(0).raw() + "' does not");
        }
    }

    private static void requireKnown(ErrorSite site, String field, String key, Optional<Positioned<String>> given,
            Collection<String> known) {
        if (given.isEmpty() || known.contains(given.get().value())) {
            return;
        }
        String value = given.get().value();
        throw site.at(field, given.get(), "unknown " + key + " '" + value + "'." + DidYouMean.nearest(value, known).map(c -> " Did you mean '" + c + "'?").orElse("")
                + " Registered: " + new TreeSet<>(known));
    }

    /** A format that compresses inside the file (Parquet) takes no outer compression. */
    private static void requireOuterCompressionAllowed(ErrorSite site, DiskDeclaration declaration,
            List<PathFacts> paths, SuffixInference suffixes, String format, String compression) {
        if (compression.equals(NO_COMPRESSION) || !suffixes.anySelfCompressed(Set.of(format))) {
            return;
        }
        String problem = "format '" + format + "' compresses inside the file, so compression must be 'none', not '"
                + compression + "'";
        if (declaration.compression().isPresent()) {
            throw site.at(ErrorSite.COMPRESSION, declaration.compression().get(), problem);
        }
        PathFacts culprit = paths.stream().filter(p -> p.implied().compressionSuffix().isPresent()).findFirst()
                .orElse(paths.get(0));
        throw site.at(ErrorSite.PATH, culprit.written(), problem + " (path '" + culprit.raw() + "')");
    }

    /** Expands one path and reads what its scheme and suffix imply. */
    private static final class PathAnalyzer {
        private final ErrorSite site;
        private final VariableExpander variables;
        private final PathResolver resolver;
        private final SuffixInference suffixes;
        private final SchemeInference schemes;

        PathAnalyzer(InferenceContext context, ErrorSite site, SuffixInference suffixes, SchemeInference schemes) {
            this.site = site;
            this.variables = new VariableExpander(context.environment(), site);
            this.resolver = new PathResolver(context.baseDirectory(), context.home(), site);
            this.suffixes = suffixes;
            this.schemes = schemes;
        }

        PathFacts analyze(Positioned<String> written) {
            URI uri = resolver.resolve(variables.expand(written), written);
            String fileSystem = schemes.fileSystemFor(uri.getScheme())
                    .orElseThrow(() -> site.at(ErrorSite.PATH, written, "scheme '" + uri.getScheme() + "' of path '"
                            + written.value() + "' is not supported; supported schemes: " + schemes.describeSchemes()
                            + ", or a plain path (local)"));
            Location location = Location.of(uri);
            checkWildcards(written, location);
            SuffixInference.Implied implied = suffixes.infer(location.fileName());
            if (implied.compressionSuffix().isPresent() && suffixes.anySelfCompressed(implied.formats())) {
                throw site.at(ErrorSite.PATH, written, "path '" + written.value() + "': format "
                        + String.join("|", implied.formats()) + " compresses inside the file, so it cannot be"
                        + " followed by the compression suffix '" + implied.compressionSuffix().get() + "'");
            }
            return new PathFacts(written, uri, fileSystem, implied);
        }

        private void checkWildcards(Positioned<String> written, Location location) {
            if (Wildcards.hasWildcard(location.parent().path())) {
                throw site.at(ErrorSite.PATH, written, "path '" + written.value() + "' has wildcards in a folder"
                        + " name; wildcards are allowed only in the file name (the last segment)");
            }
            String name = location.fileName();
            if (!Wildcards.hasWildcard(name)) {
                return;
            }
            try {
                Wildcards.fileNameMatcher(name);
            } catch (PatternSyntaxException e) {
                throw site.at(ErrorSite.PATH, written, "path '" + written.value() + "' has a malformed wildcard"
                        + " pattern '" + name + "': " + e.getDescription());
            }
        }
    }
}
