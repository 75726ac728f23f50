package org.datahandle.internal.state;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
import org.datahandle.spi.DiskInference;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;

/**
 * Where a handle's files, commit record, writer lock and staging files live. All bookkeeping files
 * sit beside the first path and start with a dot, so Spark, Hadoop and globs ignore them.
 */
public final class DiskLayout {
    private static final String RECORD_SUFFIX = ".datahandle.json";
    private static final String LOCK_SUFFIX = ".datahandle.lock";
    static final String STAGING_PREFIX = ".staging-";

    private final DiskSpec spec;
    private final FileSystem fileSystem;
    private final DiskInference inference;

    public DiskLayout(DiskSpec spec, FileSystem fileSystem, DiskInference inference) {
        this.spec = requireNonNull(spec, "spec is null");
        this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
        this.inference = requireNonNull(inference, "inference is null");
    }

    public DiskSpec spec() {
        return spec;
    }

    public FileSystem fileSystem() {
        return fileSystem;
    }

    /** The declared paths as locations (wildcards not expanded). */
    public List<Location> declared() {
        return spec.pathList().stream().map(p -> Location.of(p.path())).toList();
    }

    /** True when some path has a wildcard, so the set of files is known only by listing. */
    public boolean hasGlob() {
        return spec.pathList().stream().anyMatch(DiskPath::isGlob);
    }

    /** True when the handle is one folder of part files (a path ending in {@code /}). */
    public boolean isFolder() {
        return spec.pathList().size() == 1 && spec.pathList().get(0).isFolder();
    }

    /**
     * The files each path stands for now, wildcards expanded, a folder path's data files listed; one
     * inner list per declared path.
     */
    public List<List<Location>> expand() throws IOException {
        List<List<Location>> result = new ArrayList<>();
        for (DiskPath p : spec.pathList()) {
            if (p.isFolder()) {
                result.add(FolderTree.dataFiles(fileSystem, Location.of(p.path())).stream()
                        .map(org.datahandle.spi.FileEntry::location).toList());
            } else {
                result.add(inference.expand(p, fileSystem));
            }
        }
        return result;
    }

    /** The commit record: {@code .<first file name>.datahandle.json} beside the first path. */
    public Location record() {
        return bookkeeping(RECORD_SUFFIX);
    }

    /** The writer lock: {@code .<first file name>.datahandle.lock} beside the first path. */
    public Location lock() {
        return bookkeeping(LOCK_SUFFIX);
    }

    /**
     * Where a writer stages {@code target} before publishing: a hidden sibling that keeps the
     * target's name as its tail, so tools that look at suffixes behave.
     */
    public static Location staging(Location target, String token) {
        return target.sibling(STAGING_PREFIX + token + "." + target.fileName());
    }

    /** True for a staging file of {@code target}, whatever its token. */
    public static boolean isStagingOf(Location candidate, Location target) {
        String name = candidate.fileName();
        return name.startsWith(STAGING_PREFIX) && name.endsWith("." + target.fileName())
                && candidate.parent().equals(target.parent());
    }

    private Location bookkeeping(String suffix) {
        Location first = Location.of(spec.pathList().get(0).path());
        // wildcards make poor file names on HDFS and S3
        String name = first.fileName().replaceAll("[*?\\[\\]{},]", "_");
        return first.sibling("." + name + suffix);
    }
}
