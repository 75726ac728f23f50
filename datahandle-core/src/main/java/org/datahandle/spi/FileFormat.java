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
 * @param magic the bytes every file of this format starts with ({@code PAR1} for Parquet), empty when
 *     the format has none; used to tell a file that lies about its suffix
 */
public record FileFormat(String name, List<String> suffixes, MemoryFormat defaultMemory, boolean selfCompressed,
        Optional<String> codecArtifact, Optional<byte[]> magic) {
    public FileFormat {
        requireNonNull(name, "name is null");
        requireNonNull(defaultMemory, "defaultMemory is null");
        requireNonNull(codecArtifact, "codecArtifact is null");
        requireNonNull(magic, "magic is null");
        magic = magic.map(byte[]::clone);
        suffixes = List.copyOf(suffixes);
        for (String s : suffixes) {
            if (!s.startsWith(".") || s.length() < 2) {
                throw new IllegalArgumentException("suffix must start with a dot: '" + s + "' of format " + name);
            }
        }
    }

    /** A format with no leading magic bytes. */
    public FileFormat(String name, List<String> suffixes, MemoryFormat defaultMemory, boolean selfCompressed,
            Optional<String> codecArtifact) {
        this(name, suffixes, defaultMemory, selfCompressed, codecArtifact, Optional.empty());
    }

    /** The same format with leading magic bytes. */
    public FileFormat withMagic(byte[] bytes) {
        return new FileFormat(name, suffixes, defaultMemory, selfCompressed, codecArtifact, Optional.of(bytes));
    }

    /** True when {@code head} starts with this format's magic bytes. */
    public boolean matchesMagic(byte[] head, int length) {
        if (magic.isEmpty()) {
            return false;
        }
        byte[] m = magic.get();
        if (length < m.length) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (head[i] != m[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Optional<byte[]> magic() {
        return magic.map(byte[]::clone);
    }

    /** A tabular text or binary format whose codec this artifact provides. */
    public static FileFormat tabular(String name, String artifact, String... suffixes) {
        return new FileFormat(name, List.of(suffixes), MemoryFormat.TABLE, false, Optional.of(artifact));
    }
}
