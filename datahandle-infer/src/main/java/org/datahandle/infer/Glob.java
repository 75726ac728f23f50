package org.datahandle.infer;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;

/**
 * The wildcard rules inference checks at load ({@code * ? [..] {a,b}} with
 * {@link java.nio.file.FileSystem#getPathMatcher glob} semantics, in the file name only), so that a
 * malformed pattern is a spec error with a line number. Expanding a pattern against a file system is
 * storage work and lives in core ({@code org.datahandle.internal.storage.GlobExpander}), which reads
 * the same syntax.
 */
final class Glob {
    private Glob() {}

    static boolean hasWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    /**
     * Compiles a file-name pattern, only to check it.
     *
     * @throws java.util.regex.PatternSyntaxException if the pattern is malformed (an unclosed {@code [})
     */
    static PathMatcher matcher(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }
}
