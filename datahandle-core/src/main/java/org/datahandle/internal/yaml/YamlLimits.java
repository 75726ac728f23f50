package org.datahandle.internal.yaml;

/**
 * Bounds that keep a hostile or broken workflow file from exhausting memory, stack or time.
 *
 * @param maxCodePoints the largest document accepted, in Unicode code points
 * @param maxCollectionAliases how many aliases ({@code *name}) of maps or lists a document may hold;
 *     billion-laughs documents need many
 * @param maxDepth how deeply maps and lists may nest; the composer recurses per level
 * @param maxExpandedNodes how many nodes the document may have once every alias is expanded, which
 *     bounds what a few aliases stacked on each other can still multiply to
 */
public record YamlLimits(int maxCodePoints, int maxCollectionAliases, int maxDepth, long maxExpandedNodes) {
    /** 10 MiB of text, 50 collection aliases, 64 levels, two million nodes. */
    public static final YamlLimits DEFAULT = new YamlLimits(10 * 1024 * 1024, 50, 64, 2_000_000);

    public YamlLimits {
        if (maxCodePoints < 1 || maxCollectionAliases < 0 || maxDepth < 2 || maxExpandedNodes < 1) {
            throw new IllegalArgumentException("limits must be positive (depth at least 2): " + maxCodePoints + ", "
                    + maxCollectionAliases + ", " + maxDepth + ", " + maxExpandedNodes);
        }
    }
}
