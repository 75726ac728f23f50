package org.datahandle.formats.vcf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datahandle.formats.common.CodecOptions;

/**
 * The codec's {@code disk.options}.
 *
 * @param layout the table shape ({@code variants}, {@code sites}, {@code long}, {@code dosage})
 * @param samples the samples to keep, in this order; empty for all
 * @param infoFields the INFO keys to keep, in this order; empty for all
 * @param formatFields the FORMAT keys to keep, in this order; empty for all
 * @param lenient accept keys missing from the header (skipped, with one warning per key) and a file
 *     without {@code ##fileformat}
 * @param regions read only records overlapping these; through the index when there is one
 * @param index write a {@code .tbi} beside each BGZF file written (default true)
 * @param batchRows rows per batch when streaming
 * @param layoutGiven whether the user chose the layout (else the memory format may choose it)
 */
record VcfOptions(Layout layout, Optional<List<String>> samples, Optional<List<String>> infoFields,
        Optional<List<String>> formatFields, boolean lenient, List<Region> regions, boolean index, int batchRows,
        boolean layoutGiven) {

    static final Set<String> NAMES = Set.of("layout", "samples", "infoFields", "formatFields", "lenient", "regions",
            "index", "batchRows");

    VcfOptions {
        regions = List.copyOf(regions);
    }

    static VcfOptions parse(Map<String, Object> options) {
        CodecOptions.requireKnown(options, NAMES);
        Layout layout = options.containsKey("layout") ? Layout.parse(options.get("layout")) : Layout.VARIANTS;
        boolean lenient = options.containsKey("lenient") && CodecOptions.bool("lenient", options.get("lenient"));
        boolean index = !options.containsKey("index") || CodecOptions.bool("index", options.get("index"));
        List<Region> regions = new ArrayList<>();
        for (String r : strings(options, "regions").orElse(List.of())) {
            regions.add(Region.parse(r));
        }
        int batchRows = 4096;
        if (options.containsKey("batchRows")) {
            try {
                batchRows = Integer.parseInt(String.valueOf(options.get("batchRows")).trim());
            } catch (NumberFormatException e) {
                batchRows = 0;
            }
            if (batchRows < 1) {
                throw new IllegalArgumentException("option 'batchRows' must be a positive integer, got: "
                        + options.get("batchRows"));
            }
        }
        return new VcfOptions(layout, strings(options, "samples"), strings(options, "infoFields"),
                strings(options, "formatFields"), lenient, regions, index, batchRows, options.containsKey("layout"));
    }

    /** The same options with another layout. */
    VcfOptions withLayout(Layout other) {
        return new VcfOptions(other, samples, infoFields, formatFields, lenient, regions, index, batchRows, true);
    }

    /** A list option given as a YAML list or as one comma-separated string. */
    private static Optional<List<String>> strings(Map<String, Object> options, String key) {
        Object v = options.get(key);
        if (v == null) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                out.add(String.valueOf(o).trim());
            }
        } else if (v instanceof String s) {
            for (String part : s.split(key.equals("regions") ? "[\\s;]+|,(?=[^0-9])" : ",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        } else {
            throw new IllegalArgumentException("option '" + key + "' must be a list or a comma-separated string, got: "
                    + v);
        }
        if (out.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("option '" + key + "' has an empty entry: " + v);
        }
        if (out.size() != Set.copyOf(out).size()) {
            throw new IllegalArgumentException("option '" + key + "' names an entry twice: " + v);
        }
        return Optional.of(List.copyOf(out));
    }
}
