package org.datahandle.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.datahandle.Catalog;
import org.datahandle.DataHandle;
import org.datahandle.SpecException;

/**
 * The data a command works on, named one of three ways: {@code WORKFLOW.yaml HANDLE}; one or more
 * paths or a glob ({@code data/*.csv}, quoted or expanded by the shell: several files are one
 * piece of data, as a list under {@code disk.path}); or {@code -} for standard input. A path gets
 * exactly the inference a workflow gives it: the CLI writes the spec a user would have written.
 */
final class DataSource implements AutoCloseable {
    /** Standard input or output, as on most Unix tools. */
    static final String STDIO = "-";

    private final Catalog catalog;
    private final DataHandle handle;
    private final String name;
    private final Path tempDir;

    private DataSource(Catalog catalog, DataHandle handle, String name, Path tempDir) {
        this.catalog = catalog;
        this.handle = handle;
        this.name = name;
        this.tempDir = tempDir;
    }

    /** The handle to read (or delete). */
    DataHandle handle() {
        return handle;
    }

    /** The catalog the handle belongs to, which a workflow's other handles can be found in. */
    Catalog catalog() {
        return catalog;
    }

    /** What the user named: the handle id, the path (or the first of several), or {@code -}. */
    String name() {
        return name;
    }

    /** True when the user named a handle of a workflow file. */
    static boolean isWorkflowForm(List<String> args) {
        return !args.isEmpty() && isWorkflowFile(args.get(0));
    }

    private static boolean isWorkflowFile(String arg) {
        String lower = arg.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    /**
     * Opens what {@code args} name.
     *
     * @param command the command's name, for usage messages
     */
    static DataSource open(String command, List<String> args, SourceOptions flags, Output output,
            Catalog.Builder builder) {
        if (args.isEmpty()) {
            throw new UsageException(command + " needs data: a path, a glob, '-' for standard input, or WORKFLOW.yaml "
                    + "HANDLE");
        }
        if (isWorkflowForm(args)) {
            return openHandle(command, args, flags, builder);
        }
        for (String a : args) {
            if (isWorkflowFile(a)) {
                throw new UsageException("'" + a + "' is a workflow file; name it first, then one handle: datahandle "
                        + command + " " + a + " HANDLE");
            }
        }
        output.pathForm = true;
        Path cwd = Path.of("").toAbsolutePath();
        Path tempDir = null;
        List<String> paths = args;
        if (args.contains(STDIO)) {
            if (args.size() > 1) {
                throw new UsageException("'-' (standard input) cannot be combined with other paths");
            }
            if (flags.format == null) {
                throw new UsageException("reading standard input needs --format (e.g. --format csv): there is no "
                        + "file name to infer it from");
            }
            tempDir = createTempDir();
            paths = List.of(copyStandardInput(tempDir, flags).toString());
        }
        Map<String, Object> disk = disk(paths, flags);
        Catalog catalog;
        try {
            catalog = PathCatalog.of(disk, cwd, builder);
        } catch (SpecException e) {
            deleteQuietly(tempDir);
            output.detail("the generated spec was rejected: " + e.getMessage());
            throw inUserTerms(e, args);
        } catch (RuntimeException e) {
            deleteQuietly(tempDir);
            throw e;
        }
        output.detail("reading " + String.join(" ", args) + " as " + describe(catalog.get(PathCatalog.ID)));
        return new DataSource(catalog, catalog.get(PathCatalog.ID), args.get(0), tempDir);
    }

    /** The {@code disk:} map a user would write for these paths with these flags. */
    static Map<String, Object> disk(List<String> paths, SourceOptions flags) {
        Map<String, Object> disk = new LinkedHashMap<>();
        disk.put("path", paths.size() == 1 ? paths.get(0) : paths);
        if (flags.format != null) {
            disk.put("format", flags.format);
        }
        if (flags.compression != null) {
            disk.put("compression", flags.compression);
        }
        Map<String, Object> options = flags.options();
        if (!options.isEmpty()) {
            disk.put("options", options);
        }
        return disk;
    }

    private static DataSource openHandle(String command, List<String> args, SourceOptions flags, Catalog.Builder builder) {
        String workflow = args.get(0);
        if (args.size() == 1) {
            try (Catalog c = builder.load(Path.of(workflow))) {
                List<String> ids = c.handles().stream().map(DataHandle::id).toList();
                throw new UsageException("'" + workflow + "' is a workflow; name one of its handles: datahandle "
                        + command + " " + workflow + " HANDLE (handles: " + String.join(", ", ids) + ")");
            }
        }
        if (args.size() > 2) {
            throw new UsageException("after the workflow file give one handle, got " + (args.size() - 1) + ": "
                    + String.join(" ", args.subList(1, args.size())));
        }
        flags.anyGiven().ifPresent(flag -> {
            throw new UsageException(flag + " applies to a path; handle '" + args.get(1) + "' takes its format and "
                    + "options from disk: in " + workflow);
        });
        Catalog catalog = builder.load(Path.of(workflow));
        try {
            return new DataSource(catalog, catalog.get(args.get(1)), args.get(1), null);
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
    }

    /** Flags describe a path; a workflow's handles say the same in their {@code disk:} spec. */
    static void refuseFlags(SourceOptions flags, String workflow) {
        flags.anyGiven().ifPresent(flag -> {
            throw new UsageException(flag + " applies to a path; the handles of " + workflow + " take their format and "
                    + "options from their disk: spec");
        });
    }

    /**
     * For commands about data at rest (status, validate, verify, serve): standard input is a stream
     * read once, with no file to look at again, so they refuse it by name.
     */
    static void refuseStandardInput(String command, List<String> args) {
        if (args.contains(STDIO)) {
            throw new UsageException("'" + command + "' looks at data on disk; standard input ('-') has none. Give a "
                    + "path, a glob or WORKFLOW.yaml");
        }
    }

    /** A spec problem of the generated YAML, said with the flag or path the user gave instead. */
    static SpecException inUserTerms(SpecException e, List<String> args) {
        String where = e.field().map(f -> flagFor(f, e.problem())).orElse(String.join(" ", args));
        // no cause: its message is the generated YAML's line and column, which would only confuse
        return new SpecException(null, null, null, 0, 0, where + ": " + e.problem());
    }

    private static final Pattern OPTION_NAME = Pattern.compile("^option '([A-Za-z0-9_]+)'");

    private static String flagFor(String field, String problem) {
        Matcher m = OPTION_NAME.matcher(problem);
        if (field.equals("disk.options") && m.find()) {
            return flagFor("disk.options." + m.group(1), "");
        }
        return switch (field) {
            case "disk.path" -> "path";
            case "disk.format" -> "--format";
            case "disk.compression" -> "--compression";
            default -> !field.startsWith("disk.options.") ? field
                    : SourceOptions.OPTION_FLAGS.getOrDefault(field.substring("disk.options.".length()),
                            "--option " + field.substring("disk.options.".length()));
        };
    }

    private static String describe(DataHandle h) {
        return h.spec().disk().map(d -> "format " + d.format() + ", compression " + d.compression()
                + ", file system " + d.fileSystem()).orElse("(no disk)");
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("datahandle-stdin");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for standard input", e);
        }
    }

    /** Standard input into a file named so that inference agrees with the flags. */
    private static Path copyStandardInput(Path dir, SourceOptions flags) {
        String name = "stdin." + flags.format + (flags.compression == null ? "" : "." + flags.compression);
        Path file = dir.resolve(name);
        try (InputStream in = System.in) {
            Files.copy(in, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
        return file;
    }

    @Override
    public void close() {
        try {
            catalog.close();
        } finally {
            deleteQuietly(tempDir);
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(s.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless; the OS cleans its temp folder
        }
    }
}
