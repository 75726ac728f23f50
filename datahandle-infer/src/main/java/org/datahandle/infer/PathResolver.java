package org.datahandle.infer;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.datahandle.spi.BuiltInFileSystem;
import org.datahandle.spi.Positioned;

/**
 * Turns an expanded path string into an absolute URI: {@code ~} and {@code ~/x} become the home
 * folder, relative paths resolve against the base folder, plain paths become {@code file:} URIs, and
 * {@code scheme://authority/path} keeps its scheme (lower-cased) and authority.
 *
 * <p>Paths are taken literally: {@code %} is a character, not an escape, and the wildcards
 * {@code * ? [ ] { }} stay in the path. The URI is built with the multi-argument constructor, which
 * quotes what a URI cannot hold, so {@link URI#getPath()} gives the path back exactly. Dot segments
 * are removed here rather than by {@link URI#normalize()}, which would drop the empty authority of
 * {@code file:///x} and {@code hdfs:///x}.
 */
final class PathResolver {
    /** Two characters at least, so a Windows drive ({@code C:}) is not taken for a scheme. */
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):");

    private final Path baseDirectory;
    private final Path home;
    private final ErrorSite site;

    PathResolver(Path baseDirectory, Path home, ErrorSite site) {
        this.baseDirectory = baseDirectory;
        this.home = home;
        this.site = site;
    }

    /**
     * Resolves {@code expanded}, the path written at {@code where} after variable expansion.
     *
     * @return the absolute URI; its scheme is {@code file} for plain paths
     */
    URI resolve(String expanded, Positioned<String> where) {
        if (expanded.isBlank()) {
            throw site.at(ErrorSite.PATH, where, where.value().isBlank() ? "path is empty"
                    : "path '" + where.value() + "' is empty once its variables are expanded");
        }
        String text = expandHome(expanded, where);
        Matcher scheme = SCHEME.matcher(text);
        if (!scheme.find()) {
            return local(text, where);
        }
        return uri(scheme.group(1).toLowerCase(Locale.ROOT), text.substring(scheme.end()), where);
    }

    private String expandHome(String text, Positioned<String> where) {
        if (text.equals("~")) {
            return home.toString();
        }
        if (text.startsWith("~/")) {
            return home.resolve(text.substring(2)).toString();
        }
        if (text.startsWith("~")) {
            throw site.at(ErrorSite.PATH, where, "path '" + where.value()
                    + "': only '~' and '~/...' (your own home folder) are supported, not '~user'");
        }
        return text;
    }

    private URI local(String text, Positioned<String> where) {
        Path path;
        try {
            path = baseDirectory.resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw site.at(ErrorSite.PATH, where, "path '" + where.value() + "' is not a valid local path: "
                    + e.getMessage());
        }
        String slashed = path.toString().replace(File.separatorChar, '/');
        if (isFolder(text) && !slashed.endsWith("/")) {
            slashed += "/"; // a trailing slash declares a folder path (DiskPath.isFolder); keep it
        }
        // Windows: C:/x becomes /C:/x, as Path.toUri() writes it
        return build("file", "", slashed.startsWith("/") ? slashed : "/" + slashed, where);
    }

    private URI uri(String scheme, String rest, Positioned<String> where) {
        String authority = "";
        String path = rest;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            authority = rest.substring(2, slash < 0 ? rest.length() : slash);
            path = slash < 0 ? "/" : rest.substring(slash);
        }
        if (!path.startsWith("/")) {
            throw site.at(ErrorSite.PATH, where, "path '" + where.value() + "' is not an absolute URI; write "
                    + scheme + ":///path or " + scheme + "://host/path");
        }
        if (scheme.equals("file")) {
            if (!authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
                throw site.at(ErrorSite.PATH, where, "path '" + where.value() + "' names host '" + authority
                        + "'; file: URIs must be local (file:/path or file:///path)");
            }
            return local(path, where);
        }
        if (BuiltInFileSystem.SHM.schemes().contains(scheme) && !authority.isEmpty()
                && !authority.equalsIgnoreCase("localhost")) {
            throw site.at(ErrorSite.PATH, where, "path '" + where.value() + "' names host '" + authority
                    + "'; shm: is this machine's shared memory, write shm:///name");
        }
        if (BuiltInFileSystem.S3.schemes().contains(scheme) && authority.isEmpty()) {
            throw site.at(ErrorSite.PATH, where, "path '" + where.value() + "' has no bucket; write "
                    + scheme + "://bucket/key");
        }
        String clean = removeDotSegments(path);
        return build(scheme, authority, isFolder(path) && !clean.endsWith("/") ? clean + "/" : clean, where);
    }

    /** A path written with a trailing slash (not the root itself) names a folder of part files. */
    private static boolean isFolder(String text) {
        return text.length() > 1 && (text.endsWith("/") || text.endsWith(File.separator));
    }

    private URI build(String scheme, String authority, String path, Positioned<String> where) {
        try {
            return new URI(scheme, authority, path, null, null);
        } catch (URISyntaxException e) {
            throw site.at(ErrorSite.PATH, where, "path '" + where.value() + "' is not a valid URI: "
                    + e.getMessage());
        }
    }

    /** {@code /a/./b/../c/} becomes {@code /a/c}; {@code ..} above the root stays at the root. */
    static String removeDotSegments(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }
}
