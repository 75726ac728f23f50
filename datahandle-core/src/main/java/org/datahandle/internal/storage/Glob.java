package org.datahandle.internal.storage;

import org.datahandle.spi.Wildcards;

/**
 * Wildcard rules of expansion: the syntax of {@link Wildcards}, and which files a match leaves out.
 * Inference checks the same syntax at load, so a pattern that reaches here compiles.
 */
final class Glob {
    private Glob() {}

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
