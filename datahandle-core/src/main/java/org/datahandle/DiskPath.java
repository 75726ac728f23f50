package org.datahandle;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.datahandle.spi.Wildcards;

/**
 * One entry of {@code disk.pathList}: a path as the user wrote it and what was inferred from it.
 *
 * @param raw the path exactly as written in the YAML, before expansion
 * @param path the absolute URI after {@code ${VAR}}, {@code ~} and relative-path expansion
 * @param fileSystem the file system name ({@code local}, {@code hdfs}, {@code s3})
 * @param format the format name inferred from the suffix ({@code csv}, {@code parquet}, ...)
 * @param compression the compression inferred from the suffix ({@code gz}, {@code bgz}, {@code zst}, {@code none})
 */
public record DiskPath(String raw, URI path, String fileSystem, String format, String compression) {
    public DiskPath {
        requireNonNull(raw, "raw is null");
        requireNonNull(path, "path is null");
        requireNonNull(fileSystem, "fileSystem is null");
        requireNonNull(format, "format is null");
        requireNonNull(compression, "compression is null");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("path is not an absolute URI: " + path);
        }
    }

    /**
     * True when the path ends in {@code /}: a folder of part files written as one unit (a Spark or
     * Hadoop job's output, Hive-style {@code key=value/} subfolders included). Its data is every file
     * under it whose path below the folder has no segment starting with {@code .} or {@code _}
     * (so {@code _SUCCESS}, {@code _temporary/} and {@code .crc} files are not data).
     *
     * @since 0.2
     */
    public boolean isFolder() {
        String p = path.getPath();
        return p != null && p.length() > 1 && p.endsWith("/");
    }

    /** True when the path has wildcards ({@code *}, {@code ?}, {@code [..]}, <code>{a,b}</code>) expanded at use. */
    public boolean isGlob() {
        String p = path.getPath();
        return p != null && Wildcards.hasWildcard(p);
    }
}
