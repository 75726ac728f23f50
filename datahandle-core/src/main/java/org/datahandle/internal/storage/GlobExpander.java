package org.datahandle.internal.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.datahandle.DiskPath;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.spi.Wildcards;

/**
 * Expands a path's wildcards against a file system. Wildcards are allowed in the file name only:
 * {@link FileSystem#list} reports files, not folders, so there is nothing to match a folder pattern
 * against; inference rejects such paths up front (at load, with the line of the path).
 */
final class GlobExpander {
    private GlobExpander() {}

    static List<Location> expand(DiskPath path, FileSystem fileSystem) throws IOException {
        Location location = Location.of(path.path());
        if (!path.isGlob()) {
            return List.of(location);
        }
        Location folder = location.parent();
        if (Wildcards.hasWildcard(folder.path())) {
            throw new IllegalArgumentException("path '" + path.raw()
                    + "' has wildcards in a folder name; they are allowed only in the file name");
        }
        String pattern = location.fileName();
        PathMatcher matcher = Wildcards.fileNameMatcher(pattern);
        List<Location> matches = new ArrayList<>();
        for (FileEntry entry : fileSystem.list(folder)) {
            String name = entry.location().fileName();
            if (!Glob.ignored(name, pattern) && matcher.matches(Path.of(name))) {
                matches.add(entry.location());
            }
        }
        matches.sort(Comparator.comparing(Location::fileName));
        return List.copyOf(matches);
    }
}
