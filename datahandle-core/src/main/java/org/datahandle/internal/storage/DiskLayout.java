package org.datahandle.internal.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.datahandle.DiskPath;
import org.datahandle.DiskSpec;
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
    private static final String SIDECAR = ".sidecar";

    private final DiskSpec spec;
    private final FileSystem fileSystem;

    public DiskLayout(DiskSpec spec, FileSystem fileSystem) {
        this.spec = requireNonNull(spec, "spec is null");
        this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
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
                result.add(GlobExpander.expand(p, fileSystem));
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

    /** The staging name of {@code target}'s sidecar with {@code suffix}: recognisably {@code target}'s. */
    public static Location sidecarStaging(Location target, String suffix, String token) {
        return target.sibling(STAGING_PREFIX + token + "." + target.fileName() + SIDECAR + suffix);
    }

    /**
     * True for a staging file of {@code target}, whatever its token, or of a sidecar of it (the
     * target's name plus a suffix, such as an index {@code .tbi}).
     */
    public static boolean isStagingOf(Location candidate, Location target) {
        String name = candidate.fileName();
        return name.startsWith(STAGING_PREFIX)
                && (name.endsWith("." + target.fileName()) || name.contains("." + target.fileName() + SIDECAR))
                && candidate.parent().equals(target.parent());
    }

    /**
     * The lock that guards one file a writer publishes: {@code .<name>.datahandle.lock} beside it.
     * A writer holds the handle's lock and one for every file it will publish, so two catalogs whose
     * handles share a file never write it at once.
     */
    public static Location lockFor(Location file) {
        return bookkeeping(file, LOCK_SUFFIX);
    }

    private Location bookkeeping(String suffix) {
        return bookkeeping(Location.of(spec.pathList().get(0).path()), suffix);
    }

    private static Location bookkeeping(Location first, String suffix) {
        // wildcards make poor file names on HDFS and S3
        String name = first.fileName().replaceAll("[*?\\[\\]{},]", "_");
        return first.sibling("." + name + suffix);
    }
}
