package org.datahandle.internal.state;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.datahandle.spi.Location;

/**
 * Which handle of a catalog owns which files, so that writing one handle can never replace
 * another's (issue 9, point 2). Two literal paths that are equal, or a literal path that another
 * handle's wildcard matches, are caught when the catalog loads; two wildcards may or may not meet,
 * so each file a write is about to publish is checked against every other handle before anything
 * is touched.
 */
public final class PathClaims {
    /** One path of a handle; {@code order} is when it was claimed, so the first of several conflicts is named. */
    private record Claim(String handleId, Location location, boolean glob, String raw, long order) {}

    // Indexed so that a catalog of 10,000 handles claims in linear time: two literal paths can only
    // meet at an equal location, and a wildcard (file name only) only in its own folder.
    private final Map<Location, List<Claim>> literals = new HashMap<>();
    private final Map<Location, List<Claim>> literalsByFolder = new HashMap<>();
    private final Map<Location, List<Claim>> globsByFolder = new HashMap<>();
    private long claimed;

    /**
     * Records a handle's paths.
     *
     * @return why they overlap another handle's, naming both handles and the path; empty when they do not
     */
    public synchronized Optional<String> claim(String handleId, DiskSpec spec) {
        List<Claim> mine = new ArrayList<>();
        for (DiskPath p : spec.pathList()) {
            if (p.path().getPath() != null && p.path().getPath().endsWith("/")) {
                // a folder path is a job's output, and several handles may give it several memory forms
                // (spark, table): folders are not claimed (docs/state-machine.md, "Handles own their files")
                continue;
            }
            mine.add(new Claim(handleId, Location.of(p.path()), p.isGlob(), p.raw(), claimed + mine.size()));
        }
        for (Claim c : mine) {
            Optional<String> overlap = c.glob() ? overlapOfGlob(c) : overlapOfLiteral(c);
            if (overlap.isPresent()) {
                return overlap;
            }
        }
        for (Claim c : mine) {
            Location folder = c.location().parent();
            if (c.glob()) {
                globsByFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(c);
            } else {
                literals.computeIfAbsent(c.location(), k -> new ArrayList<>(1)).add(c);
                literalsByFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(c);
            }
        }
        claimed += mine.size();
        return Optional.empty();
    }

    /** A literal path meets another handle's equal path or a wildcard of its folder that matches it. */
    private Optional<String> overlapOfLiteral(Claim c) {
        Claim same = first(literals.get(c.location()), c.handleId(), other -> true);
        Claim glob = first(globsByFolder.get(c.location().parent()), c.handleId(), other -> matches(other, c.location()));
        if (same != null && (glob == null || same.order() < glob.order())) {
            return Optional.of("its path " + c.location() + " is also the path of handle '" + same.handleId()
                    + "'; two handles cannot own one file (writing one would replace the other's data)");
        }
        if (glob != null) {
            return Optional.of("its path " + c.location() + " is matched by '" + glob.raw() + "' of handle '"
                    + glob.handleId() + "'; two handles cannot own one file");
        }
        return Optional.empty();
    }

    /** A wildcard meets another handle's literal path in its folder that it matches (two wildcards may not meet). */
    private Optional<String> overlapOfGlob(Claim c) {
        Claim other = first(literalsByFolder.get(c.location().parent()), c.handleId(),
                literal -> matches(c, literal.location()));
        return other == null ? Optional.empty() : Optional.of("its path '" + c.raw() + "' matches " + other.location()
                + ", the path of handle '" + other.handleId() + "'; two handles cannot own one file");
    }

    /** The earliest claim of another handle that passes {@code test}, or null. */
    private static Claim first(List<Claim> claims, String handleId, java.util.function.Predicate<Claim> test) {
        if (claims != null) {
            for (Claim other : claims) {
                if (!other.handleId().equals(handleId) && test.test(other)) {
                    return other;
                }
            }
        }
        return null;
    }

    /**
     * Checked before a write touches anything: no file it will publish may belong to another handle.
     *
     * @return why not, naming both handles and the file; empty when the write may go ahead
     */
    public synchronized Optional<String> conflict(String handleId, List<Location> targets) {
        for (Location t : targets) {
            Claim same = first(literals.get(t), handleId, other -> true);
            Claim glob = first(globsByFolder.get(t.parent()), handleId, other -> matches(other, t));
            Claim other = same != null && (glob == null || same.order() < glob.order()) ? same : glob;
            if (other != null) {
                return Optional.of("it would publish " + t + ", which belongs to handle '" + other.handleId()
                        + "' (its path '" + other.raw() + "'); two handles cannot own one file");
            }
        }
        return Optional.empty();
    }

    /** Wildcards sit in the file name only, so a match needs the same folder and a matching name. */
    private static boolean matches(Claim glob, Location file) {
        if (!glob.location().parent().equals(file.parent())) {
            return false;
        }
        String pattern = glob.location().fileName();
        String name = file.fileName();
        if ((name.startsWith(".") && !pattern.startsWith(".")) || (name.startsWith("_") && !pattern.startsWith("_"))) {
            return false; // hidden files and markers are never part of a wildcard's data
        }
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(name));
        } catch (IllegalArgumentException e) { // a name that is no path here, a malformed pattern
            return false;
        }
    }
}
