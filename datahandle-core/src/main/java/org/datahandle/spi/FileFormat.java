package org.datahandle.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.datahandle.MemoryFormat;

/**
 * A disk format as inference knows it: a name and the suffixes that imply it. Registered apart from
 * any codec, so a format with no codec yet (vcf, bed) still works with external tools.
 *
 * @param name the YAML name: {@code csv}, {@code parquet}, {@code vcf}
 * @param suffixes file suffixes including the dot, longest match wins: {@code .csv}, {@code .pq}
 * @param defaultMemory the memory format a handle of this format gets when the YAML gives none
 * @param selfCompressed true when the format compresses inside the file (Parquet), so no outer
 *     compression suffix may follow it
 * @param codecArtifact the Maven artifact that provides its codec, for the error when none is registered
 */
public record FileFormat(String name, List<String> suffixes, MemoryFormat defaultMemory, boolean selfCompressed,
        Optional<String> codecArtifact) {
    public FileFormat {
        requireNonNull(name, "name is null");
        requireNonNull(defaultMemory, "defaultMemory is null");
        requireNonNull(codecArtifact, "codecArtifact is null");
        suffixes = List.copyOf(suffixes);
        for (String s : suffixes) {
            if (!s.startsWith(".") || s.length() < 2) {
                throw new IllegalArgumentException("suffix must start with a dot: '" + s + "' of format " + name);
            }
        }
    }

    /** A tabular text or binary format whose codec this artifact provides. */
    public static FileFormat tabular(String name, String artifact, String... suffixes) {
        return new FileFormat(name, List.of(suffixes), MemoryFormat.TABLE, false, Optional.of(artifact));
    }
}
