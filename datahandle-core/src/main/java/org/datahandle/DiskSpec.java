package org.datahandle;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The disk interface of a handle, fully inferred.
 *
 * @param pathList one entry per path the user gave, in order; never empty
 * @param format the format every path agrees on
 * @param compression the compression every path agrees on, or {@code none}
 * @param fileSystem the file system every path agrees on
 * @param isProduced the value the YAML gave for {@code disk.isProduced}, if any; the live state is
 *     {@link DataHandle#state()}
 * @param options codec options ({@code header}, {@code delimiter}, ...), as given
 * @param partitionBy the column whose values name the files: the one path has a single {@code *}
 *     in its file name, and writing makes one file per value ({@code chr*.csv.gz} becomes
 *     {@code chr1.csv.gz}, {@code chr2.csv.gz}, ...); empty for an ordinary handle
 */
public record DiskSpec(
        List<DiskPath> pathList,
        String format,
        String compression,
        String fileSystem,
        Optional<Boolean> isProduced,
        Map<String, Object> options,
        Optional<String> partitionBy) {

    public DiskSpec {
        requireNonNull(pathList, "pathList is null");
        requireNonNull(format, "format is null");
        requireNonNull(compression, "compression is null");
        requireNonNull(fileSystem, "fileSystem is null");
        requireNonNull(isProduced, "isProduced is null");
        requireNonNull(options, "options is null");
        requireNonNull(partitionBy, "partitionBy is null");
        pathList = List.copyOf(pathList);
        if (pathList.isEmpty()) {
            throw new IllegalArgumentException("a disk needs at least one path");
        }
        // keep the user's order of options: toYaml() writes them back as given
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A disk that is not partitioned. */
    public DiskSpec(List<DiskPath> pathList, String format, String compression, String fileSystem,
            Optional<Boolean> isProduced, Map<String, Object> options) {
        this(pathList, format, compression, fileSystem, isProduced, options, Optional.empty());
    }

    /** True when writing makes one file per value of {@link #partitionBy()}. */
    public boolean isPartitioned() {
        return partitionBy.isPresent();
    }

    /** The paths as written in the YAML. */
    public List<String> path() {
        return pathList.stream().map(DiskPath::raw).toList();
    }

    /** True when the data is more than one file (a list, or a wildcard). */
    public boolean isMultiFile() {
        return pathList.size() > 1 || pathList.get(0).isGlob();
    }
}
