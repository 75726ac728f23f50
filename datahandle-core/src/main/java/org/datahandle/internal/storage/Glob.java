package org.datahandle.internal.storage;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;

/**
 * Wildcard rules of expansion: {@code * ? [..] {a,b}} with
 * {@link java.nio.file.FileSystem#getPathMatcher glob} semantics, applied to one path segment, the
 * file name. Inference checks the same syntax at load, so a pattern that reaches here compiles.
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
     * A matcher for one file-name pattern.
     *
     * @throws java.util.regex.PatternSyntaxException if the pattern is malformed (an unclosed {@code [})
     */
    static PathMatcher matcher(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    /**
     * True when a file is left out of a wildcard match although the pattern may match it: hidden
     * files ({@code .x}) and markers such as {@code _SUCCESS} or {@code _commit} are bookkeeping, not
     * data, unless the pattern itself starts with that character.
     */
    static boolean ignored(String fileName, String pattern) {
        if (fileName.startsWith(".")) {
            return !pattern.startsWith(".");
        }
        if (fileName.startsWith("_")) {
            return !pattern.startsWith("_");
        }
        return false;
    }
}
