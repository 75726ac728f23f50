package org.datahandle.infer;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.datahandle.spi.Positioned;

/**
 * Settles one value (format, compression or file system) over all paths of a handle. A given value
 * must agree with every path that implies something; without one, every path that implies
 * something must imply the same, and paths that imply nothing take that value.
 */
final class Agreement {
    private final ErrorSite site;

    Agreement(ErrorSite site) {
        this.site = site;
    }

    /**
     * @param field the YAML field of the given value ({@code disk.format})
     * @param key its key as a YAML author writes it ({@code format})
     * @param given the given value, if any
     * @param paths every path of the handle
     * @param implied what one path implies: nothing, one value, or several acceptable values
     * @return the agreed value, or empty when nothing is given and no path implies anything
     */
    Optional<String> agree(String field, String key, Optional<Positioned<String>> given, List<PathFacts> paths,
            Function<PathFacts, Set<String>> implied) {
        if (given.isPresent()) {
            String value = given.get().value();
            for (PathFacts path : paths) {
                Set<String> values = implied.apply(path);
                if (!values.isEmpty() && !values.contains(value)) {
                    throw site.at(field, given.get(), key + " '" + value + "' given, but path '" + path.raw()
                            + "' implies " + quote(values));
                }
            }
            return Optional.of(value);
        }
        Set<String> agreed = null;
        PathFacts first = null;
        for (PathFacts path : paths) {
            Set<String> values = implied.apply(path);
            if (values.isEmpty()) {
                continue;
            }
            if (agreed == null) {
                agreed = new TreeSet<>(values);
                first = path;
                continue;
            }
            Set<String> common = new TreeSet<>(agreed);
            common.retainAll(values);
            if (common.isEmpty()) {
                throw site.at(ErrorSite.PATH, path.written(), "paths '" + first.raw() + "' and '" + path.raw()
                        + "' disagree on " + key + ": '" + first.raw() + "' implies " + quote(agreed) + ", '"
                        + path.raw() + "' implies " + quote(values)
                        + "; all paths of one handle need the same format, compression and file system");
            }
            agreed = common;
        }
        if (agreed == null) {
            return Optional.empty();
        }
        if (agreed.size() > 1) {
            throw site.at(ErrorSite.PATH, first.written(), "the suffix of path '" + first.raw()
                    + "' is claimed by several registered " + key + "s: " + quote(agreed) + "; give " + field);
        }
        return Optional.of(agreed.iterator().next());
    }

    private static String quote(Set<String> values) {
        String quoted = values.stream().sorted().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
        return values.size() == 1 ? quoted : "one of " + quoted;
    }
}
