package org.datahandle.internal.state;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private record Claim(String handleId, Location location, boolean glob, String raw) {}

    private final List<Claim> claims = new CopyOnWriteArrayList<>();

    /**
     * Records a handle's paths.
     *
     * @return why they overlap another handle's, naming both handles and the path; empty when they do not
     */
    public Optional<String> claim(String handleId, DiskSpec spec) {
        List<Claim> mine = new ArrayList<>();
        for (DiskPath p : spec.pathList()) {
            if (p.path().getPath() != null && p.path().getPath().endsWith("/")) {
                // a folder path is a job's output, and several handles may give it several memory forms
                // (spark, table): folders are not claimed (docs/state-machine.md, "Handles own their files")
                continue;
            }
            mine.add(new Claim(handleId, Location.of(p.path()), p.isGlob(), p.raw()));
        }
        for (Claim c : mine) {
            for (Claim other : claims) {
                if (other.handleId().equals(handleId)) {
                    continue;
                }
                if (!c.glob() && !other.glob() && c.location().equals(other.location())) {
                    return Optional.of("its path " + c.location() + " is also the path of handle '" + other.handleId()
                            + "'; two handles cannot own one file (writing one would replace the other's data)");
                }
                if (!c.glob() && other.glob() && matches(other, c.location())) {
                    return Optional.of("its path " + c.location() + " is matched by '" + other.raw() + "' of handle '"
                            + other.handleId() + "'; two handles cannot own one file");
                }
                if (c.glob() && !other.glob() && matches(c, other.location())) {
                    return Optional.of("its path '" + c.raw() + "' matches " + other.location() + ", the path of"
                            + " handle '" + other.handleId() + "'; two handles cannot own one file");
                }
            }
        }
        claims.addAll(mine);
        return Optional.empty();
    }

    /**
     * Checked before a write touches anything: no file it will publish may belong to another handle.
     *
     * @return why not, naming both handles and the file; empty when the write may go ahead
     */
    public Optional<String> conflict(String handleId, List<Location> targets) {
        for (Location t : targets) {
            for (Claim other : claims) {
                if (other.handleId().equals(handleId)) {
                    continue;
                }
                if (other.glob() ? matches(other, t) : other.location().equals(t)) {
                    return Optional.of("it would publish " + t + ", which belongs to handle '" + other.handleId()
                            + "' (its path '" + other.raw() + "'); two handles cannot own one file");
                }
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
