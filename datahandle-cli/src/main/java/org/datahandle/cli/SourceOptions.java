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

    @Option(names = "--null-value", paramLabel = "TEXT",
            description = "CSV/TSV: a text that means a missing value (repeatable: --null-value NA --null-value -).")
    List<String> nullValue;

    @Option(names = "--encoding", paramLabel = "CHARSET",
            description = "CSV/TSV: the file's character set (UTF-8 by default; cp1252, latin-1, UTF-16, ...).")
    String encoding;

    @Option(names = "--decimal", paramLabel = "CHAR", description = "CSV/TSV: the decimal mark of numbers, e.g. ','.")
    String decimal;

    @Option(names = "--thousands", paramLabel = "CHAR",
            description = "CSV/TSV: the thousands separator of numbers, e.g. '.' or ' '.")
    String thousands;

    @Option(names = "--date-format", paramLabel = "PATTERN",
            description = "CSV/TSV: the pattern of dates, e.g. dd/MM/yyyy or %d/%m/%Y.")
    String dateFormat;

    @Option(names = "--timestamp-format", paramLabel = "PATTERN",
            description = "CSV/TSV: the pattern of timestamps, e.g. 'dd.MM.yyyy HH:mm' or '%Y-%m-%d %H:%M %z'.")
    String timestampFormat;

    @Option(names = "--skip-rows", paramLabel = "N", description = "CSV/TSV: lines to skip before the header.")
    String skipRows;

    @Option(names = "--comment", paramLabel = "CHAR", description = "CSV/TSV: lines starting with it are skipped, e.g. '#'.")
    String comment;

    @Option(names = "--columns", paramLabel = "LIST",
            description = "CSV/TSV: the columns to read, in order, renamed with ':' (e.g. 'id,score:points').")
    String columns;

    @Option(names = "--infer-rows", paramLabel = "N|all",
            description = "CSV/TSV: rows to infer types from when streaming (65536 by default, or all).")
    String inferRows;

    @Option(names = "--bad-rows", paramLabel = "fail|skip",
            description = "CSV/TSV: skip rows of the wrong width or with a value not of its column's type, and say how"
                    + " many (default fail).")
    String badRows;

    /** The flags above that are one codec option each: YAML name to flag. */
    static final Map<String, String> OPTION_FLAGS = Map.ofEntries(Map.entry("delimiter", "--delimiter"),
            Map.entry("header", "--header"), Map.entry("quote", "--quote"), Map.entry("nullValue", "--null-value"),
            Map.entry("encoding", "--encoding"), Map.entry("decimal", "--decimal"), Map.entry("thousands", "--thousands"),
            Map.entry("dateFormat", "--date-format"), Map.entry("timestampFormat", "--timestamp-format"),
            Map.entry("skipRows", "--skip-rows"), Map.entry("comment", "--comment"), Map.entry("columns", "--columns"),
            Map.entry("inferRows", "--infer-rows"), Map.entry("badRows", "--bad-rows"));

    /** The one-option flags given, by YAML name, in the order of the help. */
    private Map<String, Object> optionFlags() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "delimiter", delimiter);
        put(m, "header", header);
        put(m, "quote", quote);
        if (nullValue != null && !nullValue.isEmpty()) {
            m.put("nullValue", nullValue.size() == 1 ? nullValue.get(0) : List.copyOf(nullValue));
        }
        put(m, "encoding", encoding);
        put(m, "decimal", decimal);
        put(m, "thousands", thousands);
        put(m, "dateFormat", dateFormat);
        put(m, "timestampFormat", timestampFormat);
        put(m, "skipRows", skipRows);
        put(m, "comment", comment);
        put(m, "columns", columns);
        put(m, "inferRows", inferRows);
        put(m, "badRows", badRows);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "Any other codec or compression option, as in disk.options of a workflow (repeatable), "
                    + "e.g. --option inferTypes=false.")
    List<String> other = new ArrayList<>();

    /** Options a command adds itself (head's --region), as typed values rather than KEY=VALUE text. */
    final Map<String, Object> added = new LinkedHashMap<>();

    /** The flags given, by their YAML names (flags in the order of the help, then --option ones). */
    Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>(added);
        m.putAll(optionFlags());
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
        Optional<String> first = optionFlags().keySet().stream().findFirst()
                .map(key -> key.equals("header") && !header ? "--no-header" : OPTION_FLAGS.get(key));
        if (first.isPresent()) {
            return first;
        }
        return other.isEmpty() ? Optional.empty() : Optional.of("--option");
    }
}
