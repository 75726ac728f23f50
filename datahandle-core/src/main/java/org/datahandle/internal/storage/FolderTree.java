package org.datahandle.internal.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;

/**
 * A folder path's files: data files are those whose path below the folder has no segment starting
 * with {@code .} or {@code _} (Hadoop's rule: {@code _SUCCESS}, {@code _temporary/}, {@code .crc}
 * files are bookkeeping). The marker {@code _SUCCESS}, which Hadoop's committers write last, tells a
 * complete job output from a partial one when no commit record vouches for it.
 */
public final class FolderTree {
    /** Written last by Hadoop's and Spark's committers. */
    public static final String SUCCESS_MARKER = "_SUCCESS";

    private FolderTree() {}

    /** The data files under {@code folder}, sorted by path. */
    public static List<FileEntry> dataFiles(FileSystem fs, Location folder) throws IOException {
        String root = withSlash(folder.uri().getPath());
        List<FileEntry> data = new ArrayList<>();
        for (FileEntry e : fs.listTree(folder)) {
            String below = e.location().uri().getPath().substring(root.length());
            boolean bookkeeping = false;
            for (String segment : below.split("/")) {
                if (segment.startsWith(".") || segment.startsWith("_")) {
                    bookkeeping = true;
                    break;
                }
            }
            if (!bookkeeping) {
                data.add(e);
            }
        }
        return List.copyOf(data);
    }

    /** True when the job that wrote {@code folder} finished ({@code _SUCCESS} is there). */
    public static boolean hasSuccessMarker(FileSystem fs, Location folder) throws IOException {
        return fs.stat(folder.child(SUCCESS_MARKER)).isPresent();
    }

    /**
     * Deletes everything under {@code folder} and the folder itself: files first, then their folders
     * deepest first. Returns false when there was nothing.
     */
    public static boolean delete(FileSystem fs, Location folder) throws IOException {
        List<FileEntry> files = fs.listTree(folder);
        Set<Location> folders = new LinkedHashSet<>();
        String root = withSlash(folder.uri().getPath());
        for (FileEntry e : files) {
            fs.delete(e.location());
            for (Location p = e.location().parent(); withSlash(p.uri().getPath()).length() > root.length();
                    p = p.parent()) {
                folders.add(p);
            }
        }
        List<Location> deepestFirst = new ArrayList<>(folders);
        deepestFirst.sort(Comparator.comparingInt((Location l) -> l.uri().getPath().length()).reversed());
        for (Location f : deepestFirst) {
            fs.delete(f);
        }
        return fs.delete(withoutSlash(folder)) || !files.isEmpty();
    }

    /** The folder's location without its trailing slash, as file systems name it. */
    public static Location withoutSlash(Location folder) {
        String p = folder.uri().getPath();
        return p.length() > 1 && p.endsWith("/") ? folder.withPath(p.substring(0, p.length() - 1)) : folder;
    }

    private static String withSlash(String path) {
        return path.endsWith("/") ? path : path + "/";
    }
}
