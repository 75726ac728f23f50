package org.datahandle.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A handle's {@code disk:} section as the user wrote it, before inference.
 *
 * @param paths each path string, in order (a single string becomes a list of one)
 * @param format {@code disk.format}, if given
 * @param compression {@code disk.compression}, if given
 * @param fileSystem {@code disk.fileSystem}, if given
 * @param isProduced {@code disk.isProduced}, if given
 * @param options {@code disk.options}, as given
 * @param position where the {@code disk:} section starts
 * @param partitionBy {@code disk.partitionBy}, if given
 */
public record DiskDeclaration(
        List<Positioned<String>> paths,
        Optional<Positioned<String>> format,
        Optional<Positioned<String>> compression,
        Optional<Positioned<String>> fileSystem,
        Optional<Positioned<Boolean>> isProduced,
        Map<String, Object> options,
        Positioned<String> position,
        Optional<Positioned<String>> partitionBy) {

    public DiskDeclaration {
        paths = List.copyOf(paths);
        requireNonNull(format, "format is null");
        requireNonNull(compression, "compression is null");
        requireNonNull(fileSystem, "fileSystem is null");
        requireNonNull(isProduced, "isProduced is null");
        requireNonNull(options, "options is null");
        requireNonNull(position, "position is null");
        requireNonNull(partitionBy, "partitionBy is null");
    }

    /** A declaration without {@code partitionBy}. */
    public DiskDeclaration(List<Positioned<String>> paths, Optional<Positioned<String>> format,
            Optional<Positioned<String>> compression, Optional<Positioned<String>> fileSystem,
            Optional<Positioned<Boolean>> isProduced, Map<String, Object> options, Positioned<String> position) {
        this(paths, format, compression, fileSystem, isProduced, options, position, Optional.empty());
    }
}
