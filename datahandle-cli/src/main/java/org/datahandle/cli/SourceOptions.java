package org.datahandle.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What a path given on the command line would say in a workflow YAML: {@code disk.format},
 * {@code disk.compression} and {@code disk.options}, as flags. The values go into the same spec a
 * YAML file gives, so a path read from the command line is checked and inferred exactly as one in
 * a workflow.
 */
final class SourceOptions {
    @Option(names = "--format", paramLabel = "FORMAT",
            description = "The data's format (csv, tsv, json, jsonl, parquet, ...) when the suffix does not say it; "
                    + "needed to read standard input ('-').")
    String format;

    @Option(names = "--compression", paramLabel = "NAME",
            description = "The data's compression (gz, bgz, zst) when the suffix does not say it.")
    String compression;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV/TSV: the field delimiter (e.g. ';' or tab).")
    String delimiter;

    @Option(names = "--header", negatable = true,
            description = "CSV/TSV: whether the first line holds the column names (--no-header: it is data).")
    Boolean header;

    @Option(names = "--quote", paramLabel = "CHAR", description = "CSV/TSV: the quote character ('' for none).")
    String quote;

    @Option(names = "--null-value", paramLabel = "TEXT", description = "CSV/TSV: the text that means a missing value.")
    String nullValue;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "Any other codec or compression option, as in disk.options of a workflow (repeatable), "
                    + "e.g. --option inferTypes=false.")
    List<String> other = new ArrayList<>();

    /** Options a command adds itself (head's --region), as typed values rather than KEY=VALUE text. */
    final Map<String, Object> added = new LinkedHashMap<>();

    /** The flags given, by their YAML names (flags in the order of the help, then --option ones). */
    Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>(added);
        if (delimiter != null) {
            m.put("delimiter", delimiter);
        }
        if (header != null) {
            m.put("header", header);
        }
        if (quote != null) {
            m.put("quote", quote);
        }
        if (nullValue != null) {
            m.put("nullValue", nullValue);
        }
        for (String kv : other) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--option takes KEY=VALUE, got '" + kv + "'");
            }
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    /** The first flag given, as the user typed it, for a message saying it does not apply. */
    Optional<String> anyGiven() {
        if (format != null) {
            return Optional.of("--format");
        }
        if (compression != null) {
            return Optional.of("--compression");
        }
        if (delimiter != null) {
            return Optional.of("--delimiter");
        }
        if (header != null) {
            return Optional.of(header ? "--header" : "--no-header");
        }
        if (quote != null) {
            return Optional.of("--quote");
        }
        if (nullValue != null) {
            return Optional.of("--null-value");
        }
        return other.isEmpty() ? Optional.empty() : Optional.of("--option");
    }
}
