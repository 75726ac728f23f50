package org.datahandle.infer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.datahandle.spi.CompressionCodec;
import org.datahandle.spi.FileFormat;
import org.datahandle.spi.Registry;

/**
 * Reads format and compression off a file name, from the registry's tables (nothing is hard-coded):
 * first the outermost suffix is stripped if it is a registered compression's, then the longest
 * registered format suffix of what remains names the format. Matching ignores case, so
 * {@code X.CSV.GZ} is csv + gz.
 */
final class SuffixInference {
    /** Suffix (lower case) to the names claiming it; usually one, several only when providers clash. */
    private final Map<String, Set<String>> formatSuffixes = new TreeMap<>();
    private final Map<String, Set<String>> compressionSuffixes = new TreeMap<>();
    private final Registry registry;
    /** Computed once: a catalog asks for them once per handle, and the registry never changes. */
    private final List<String> formatNames;
    private final List<String> compressionNames;

    SuffixInference(Registry registry) {
        this.registry = registry;
        this.formatNames = registry.formats().stream().map(FileFormat::name).sorted().toList();
        this.compressionNames = registry.compressions().stream().map(CompressionCodec::name).sorted().toList();
        for (FileFormat format : registry.formats()) {
            for (String suffix : format.suffixes()) {
                claim(formatSuffixes, suffix, format.name());
            }
        }
        for (CompressionCodec codec : registry.compressions()) {
            for (String suffix : codec.suffixes()) {
                claim(compressionSuffixes, suffix, codec.name());
            }
        }
    }

    private static void claim(Map<String, Set<String>> table, String suffix, String name) {
        table.computeIfAbsent(suffix.toLowerCase(Locale.ROOT), s -> new TreeSet<>()).add(name);
    }

    /**
     * What a file name implies.
     *
     * @param formats the formats its suffix implies: none, one, or several when two providers claim
     *     one suffix
     * @param compressions likewise; {@code none} when a format suffix ends the name
     * @param compressionSuffix the compression suffix that was stripped, if any
     */
    record Implied(Set<String> formats, Set<String> compressions, Optional<String> compressionSuffix) {
        Implied {
            formats = Set.copyOf(formats);
            compressions = Set.copyOf(compressions);
        }
    }

    Implied infer(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        Optional<String> compressionSuffix = longestSuffix(name, compressionSuffixes);
        String rest = compressionSuffix.map(s -> name.substring(0, name.length() - s.length())).orElse(name);
        Optional<String> formatSuffix = longestSuffix(rest, formatSuffixes);
        Set<String> formats = formatSuffix.map(formatSuffixes::get).orElse(Set.of());
        Set<String> compressions = compressionSuffix.map(compressionSuffixes::get)
                .orElse(formats.isEmpty() ? Set.of() : Set.of(DefaultDiskInference.NO_COMPRESSION));
        return new Implied(formats, compressions, compressionSuffix);
    }

    /** True when one of {@code formats} compresses inside the file (Parquet). */
    boolean anySelfCompressed(Set<String> formats) {
        return formats.stream().anyMatch(f -> registry.format(f).map(FileFormat::selfCompressed).orElse(false));
    }

    /** The longest suffix in {@code table} that {@code name} ends with, leaving a non-empty stem. */
    private static Optional<String> longestSuffix(String name, Map<String, Set<String>> table) {
        String best = null;
        for (String suffix : table.keySet()) {
            if (name.length() > suffix.length() && name.endsWith(suffix)
                    && (best == null || suffix.length() > best.length())) {
                best = suffix;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code .csv (csv), .tsv (tsv); compressions: .gz (gz), ...} for the unknown-suffix error. */
    String describeSuffixes() {
        return "known format suffixes: " + describe(formatSuffixes)
                + (compressionSuffixes.isEmpty() ? "" : "; each may be followed by a compression suffix: "
                        + describe(compressionSuffixes));
    }

    private static String describe(Map<String, Set<String>> table) {
        if (table.isEmpty()) {
            return "(none registered)";
        }
        StringBuilder sb = new StringBuilder();
        table.forEach((suffix, names) -> sb.append(sb.length() == 0 ? "" : ", ").append(suffix).append(" (")
                .append(String.join("|", names)).append(')'));
        return sb.toString();
    }

    List<String> formatNames() {
        return formatNames;
    }

    List<String> compressionNames() {
        return compressionNames;
    }
}
