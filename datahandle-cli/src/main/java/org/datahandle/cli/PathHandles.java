package org.datahandle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.datahandle.Catalog;
import org.datahandle.SpecException;

/**
 * Several paths given on the command line as several handles of one catalog ({@code run --in A
 * --out B}, {@code serve A B}), each named after its file: {@code data/calls.csv.gz} is
 * {@code calls}. Each path gets the spec a user would write for it, with the command's flags.
 */
final class PathHandles {
    private final Catalog catalog;
    private final List<String> inputIds;
    private final List<String> outputIds;

    private PathHandles(Catalog catalog, List<String> inputIds, List<String> outputIds) {
        this.catalog = catalog;
        this.inputIds = inputIds;
        this.outputIds = outputIds;
    }

    Catalog catalog() {
        return catalog;
    }

    List<String> inputIds() {
        return inputIds;
    }

    List<String> outputIds() {
        return outputIds;
    }

    /**
     * @param inputs paths read by the command
     * @param outputs paths written by the command (may be empty)
     */
    static PathHandles of(List<String> inputs, List<String> outputs, SourceOptions flags, Output output) {
        Map<String, Map<String, Object>> disks = new LinkedHashMap<>();
        Map<String, String> pathOf = new LinkedHashMap<>();
        List<String> inIds = new ArrayList<>();
        List<String> outIds = new ArrayList<>();
        for (List<String> group : List.of(inputs, outputs)) {
            for (String path : group) {
                if (path.equals(DataSource.STDIO)) {
                    throw new UsageException("standard input ('-') cannot be one of several named pieces of data; "
                            + "give a path");
                }
                String id = idFor(path);
                String earlier = pathOf.putIfAbsent(id, path);
                if (earlier != null) {
                    throw new UsageException("'" + earlier + "' and '" + path + "' would both be named '" + id
                            + "'; rename one, or write a workflow that names them");
                }
                disks.put(id, DataSource.disk(List.of(path), flags));
                (group == inputs ? inIds : outIds).add(id);
            }
        }
        Catalog catalog;
        try {
            catalog = PathCatalog.ofHandles(disks, Path.of("").toAbsolutePath(), Catalog.builder());
        } catch (SpecException e) {
            String path = e.handleId().map(pathOf::get).orElse(String.join(" ", pathOf.values()));
            throw DataSource.inUserTerms(e, List.of(path));
        }
        pathOf.forEach((id, path) -> output.detail(path + " is handle '" + id + "'"));
        return new PathHandles(catalog, List.copyOf(inIds), List.copyOf(outIds));
    }

    /**
     * A handle id from a path's file name: the part before the first dot, letters, digits and
     * underscores only, a dash as an underscore ({@code calls.vcf.bgz} and {@code calls-*.vcf.bgz}
     * are both {@code calls}; {@code run-2.csv} is {@code run_2}), so that it reads well in
     * {@code {in:calls}} and {@code DATAHANDLE_IN_CALLS}.
     */
    static String idFor(String path) {
        String name = path;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        int dot = name.indexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        StringBuilder id = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '_')) {
                id.append(c);
            } else if (c == '-' || c == ' ') {
                id.append('_');
            }
        }
        while (id.length() > 0 && id.charAt(id.length() - 1) == '_') {
            id.setLength(id.length() - 1);
        }
        if (id.length() == 0) {
            throw new UsageException("cannot name the data of '" + path + "' after its file name; rename it, or "
                    + "write a workflow that names it");
        }
        return id.toString();
    }
}
