package org.datahandle.spi;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;

/**
 * The wildcard syntax of disk paths, in one place for the three that need it: the spec
 * ({@link org.datahandle.DiskPath#isGlob()}), inference (which checks a pattern at load, so a
 * malformed one is a spec error with its line) and storage (which expands it against a file system).
 * The wildcards are {@code * ? [..] {a,b}} with {@link java.nio.file.FileSystem#getPathMatcher glob}
 * semantics, applied to the file name only.
 */
public final class Wildcards {
    private Wildcards() {}

    /** True when {@code text} holds a wildcard character. */
    public static boolean hasWildcard(String text) {
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
    public static PathMatcher fileNameMatcher(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }
}
