package org.datahandle.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the name a user probably meant when they wrote an unknown key, handle id, format,
 * compression, file system or option: the one "did you mean" of DataHandle, used by the YAML
 * reader, the catalog, inference and any provider that validates names.
 *
 * <p>A candidate matches when its edit distance to the given name is at most {@value #MAX_DISTANCE}
 * and smaller than the given name's length (ignoring case, and counting a swap of two neighbouring
 * letters as one edit, so {@code fromat} is one edit from {@code format}, and {@code gzip} two from
 * {@code gz}), or when one name is a prefix of the other and the shorter has at least three letters
 * ({@code comp} and {@code compression}). The closest match wins; ties go to the candidate that
 * comes first.
 */
public final class DidYouMean {
    static final int MAX_DISTANCE = 2;
    // A prefix shorter than this ("i", "f") matches too much to be a useful hint.
    private static final int MIN_PREFIX = 3;

    private DidYouMean() {}

    /**
     * The candidate closest to {@code given}, or empty when none is close enough to be a useful hint.
     * A candidate equal to {@code given} is never suggested: the caller only asks when it is unknown.
     */
    public static Optional<String> nearest(String given, Collection<String> candidates) {
        requireNonNull(given, "given is null");
        requireNonNull(candidates, "candidates is null");
        String lowerGiven = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(given)) {
                continue;
            }
            String lowerCandidate = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(lowerGiven, lowerCandidate);
            // rewriting as many letters as the user typed is a different word, not a typo ("ab" vs "id")
            boolean typo = distance <= MAX_DISTANCE && distance < lowerGiven.length();
            if (typo && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        for (String candidate : candidates) {
            if (candidate.equals(given)) {
                continue;
            }
            String lowerCandidate = candidate.toLowerCase(Locale.ROOT);
            boolean prefix = lowerCandidate.startsWith(lowerGiven) || lowerGiven.startsWith(lowerCandidate);
            if (prefix && Math.min(lowerGiven.length(), lowerCandidate.length()) >= MIN_PREFIX) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Optimal string alignment distance: Levenshtein plus transposition of adjacent characters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
