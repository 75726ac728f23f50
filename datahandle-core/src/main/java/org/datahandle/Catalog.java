package org.datahandle;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.datahandle.internal.catalog.CatalogExecutor;
import org.datahandle.internal.catalog.CatalogLoader;
import org.datahandle.internal.catalog.FileSystems;
import org.datahandle.internal.catalog.Handle;
import org.datahandle.internal.state.MemoryBudget;
import org.datahandle.internal.yaml.SpecWithState;
import org.datahandle.internal.yaml.WorkflowWriter;
import org.datahandle.spi.DidYouMean;
import org.datahandle.spi.Registry;
import org.jspecify.annotations.Nullable;

/**
 * The named data handles of one workflow.
 *
 * <pre>{@code
 * try (Catalog catalog = Catalog.load(Path.of("workflow.yaml"))) {
 *     Table samples = catalog.get("samples").read();
 *     catalog.get("scores").write(score(samples));
 * }
 * }</pre>
 *
 * <p>Memory flags are all false when a catalog is created; disk flags come from storage, checked
 * when a handle is used. Thread-safe.
 */
public final class Catalog implements AutoCloseable {
    /** Larger workflow files are refused before parsing. */
    static final long MAX_WORKFLOW_BYTES = 10L << 20;

    private final Map<String, Handle> handles;
    private final Map<String, Handle> temporaries = new ConcurrentHashMap<>();
    private final CatalogLoader loader;
    private final FileSystems fileSystems;
    private final CatalogExecutor executor;

    private Catalog(Map<String, Handle> handles, CatalogLoader loader, FileSystems fileSystems,
            CatalogExecutor executor) {
        this.handles = handles;
        this.loader = loader;
        this.fileSystems = fileSystems;
        this.executor = executor;
    }

    /**
     * Loads a workflow file; relative paths resolve against its folder.
     *
     * @throws SpecException for any invalid spec, naming file, line, column, handle and field
     */
    public static Catalog load(Path workflow) {
        return builder().load(workflow);
    }

    /**
     * Loads workflow YAML from a string; relative paths resolve against {@code baseDirectory}.
     *
     * @throws SpecException for any invalid spec
     */
    public static Catalog fromYaml(String yaml, Path baseDirectory) {
        return builder().baseDirectory(baseDirectory).fromYaml(yaml);
    }

    /** Configuration beyond the YAML: base folder, file-system options, providers. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The handle with this id (declared, or made by {@link #temporary}).
     *
     * @throws HandleNotFoundException with the nearest declared id when there is none
     */
    public DataHandle get(String id) {
        requireNonNull(id, "id is null");
        Handle h = handles.get(id);
        if (h == null) {
            h = temporaries.get(id);
        }
        if (h == null) {
            TreeSet<String> ids = new TreeSet<>(handles.keySet());
            ids.addAll(temporaries.keySet());
            String hint = DidYouMean.nearest(id, ids).map(n -> "; did you mean '" + n + "'?").orElse("");
            throw new HandleNotFoundException(id, "no such handle in this catalog" + hint
                    + (ids.size() <= 20 ? " Handles: " + ids : " (" + ids.size() + " handles)"));
        }
        return h;
    }

    /** Every handle, declared ones in YAML order, then temporaries in creation order. */
    public Collection<DataHandle> handles() {
        List<DataHandle> all = new ArrayList<>(handles.values());
        all.addAll(temporaries.values());
        return List.copyOf(all);
    }

    /**
     * A memory-only handle, made on first call and the same handle after. A declared temporary
     * handle ({@code scratch: {}}) is returned as is.
     *
     * @throws DataHandleException if {@code id} is declared with a disk
     */
    public DataHandle temporary(String id) {
        requireNonNull(id, "id is null");
        Handle declared = handles.get(id);
        if (declared != null) {
            if (!declared.spec().temporary()) {
                throw new DataHandleException(ErrorCode.INVALID_OPERATION, id, ErrorLocation.UNKNOWN,
                        "declared with a disk at " + declared.spec().disk().get().path()
                                + "; it cannot be used as a temporary handle");
            }
            return declared;
        }
        return temporaries.computeIfAbsent(id, loader::temporary);
    }

    /**
     * The specs with everything inferred and the current state of each handle, as YAML that
     * {@link #fromYaml} reads back into the same catalog. Checks each disk against storage.
     */
    public String toYaml() {
        List<SpecWithState> all = new ArrayList<>();
        for (DataHandle h : handles()) {
            all.add(new SpecWithState(h.spec(), h.state()));
        }
        return WorkflowWriter.write(all);
    }

    /**
     * Closes the file systems this catalog opened and stops its own threads (an executor the engine
     * gave through {@link Builder#executor} is left running). Handles must not be used afterwards.
     *
     * @throws StorageException if a file system fails to close
     */
    @Override
    public void close() {
        executor.close();
        try {
            fileSystems.close();
        } catch (IOException e) {
            throw new StorageException(null, ErrorLocation.UNKNOWN, "closing the catalog's file systems failed", e);
        }
    }

    /**
     * Builds a catalog. Setters check their argument at once; {@link #load} and {@link #fromYaml}
     * leave the builder unchanged, so one builder can load several workflows.
     */
    public static final class Builder {
        private @Nullable Path baseDirectory;
        private final Map<String, String> fileSystemOptions = new LinkedHashMap<>();
        private @Nullable Registry registry;
        private @Nullable ClassLoader classLoader;
        private @Nullable Map<String, String> environment;
        private @Nullable Path home;
        private long memoryBudget;
        private @Nullable Executor executor;
        private final Map<Class<?>, Object> memoryFormContexts = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Relative paths resolve against this folder (default: the workflow file's folder, else the
         * working folder).
         *
         * @throws NullPointerException if {@code directory} is null
         */
        public Builder baseDirectory(Path directory) {
            requireNonNull(directory, "directory is null");
            this.baseDirectory = directory.toAbsolutePath().normalize();
            return this;
        }

        /**
         * A file-system setting ({@code s3.endpoint}, {@code fs.defaultFS}, ...). Never written to
         * YAML or logs.
         *
         * @throws NullPointerException if {@code key} or {@code value} is null
         * @throws IllegalArgumentException if {@code key} is blank
         */
        public Builder fileSystemOption(String key, String value) {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            if (key.isBlank()) {
                throw new IllegalArgumentException("file-system option key is blank");
            }
            fileSystemOptions.put(key, value);
            return this;
        }

        /**
         * Use exactly these providers instead of discovering them.
         *
         * @throws NullPointerException if {@code registry} is null
         * @throws IllegalStateException if a class loader for discovery was set
         */
        public Builder registry(Registry registry) {
            requireNonNull(registry, "registry is null");
            if (classLoader != null) {
                throw new IllegalStateException("a class loader for discovery was already set; use one or the other");
            }
            this.registry = registry;
            return this;
        }

        /**
         * Discover providers through this class loader (default: DataHandle's own).
         *
         * @throws NullPointerException if {@code loader} is null
         * @throws IllegalStateException if a registry was set
         */
        public Builder classLoader(ClassLoader loader) {
            requireNonNull(loader, "loader is null");
            if (registry != null) {
                throw new IllegalStateException("a registry was already set; use one or the other");
            }
            this.classLoader = loader;
            return this;
        }

        /**
         * Variables for {@code ${VAR}} in paths (default: the process environment).
         *
         * @throws NullPointerException if {@code variables} is null or holds a null key or value
         */
        public Builder environment(Map<String, String> variables) {
            requireNonNull(variables, "variables is null");
            this.environment = Map.copyOf(variables);
            return this;
        }

        /**
         * The folder {@code ~} stands for (default: the {@code user.home} property).
         *
         * @throws NullPointerException if {@code directory} is null
         */
        public Builder home(Path directory) {
            requireNonNull(directory, "directory is null");
            this.home = directory.toAbsolutePath().normalize();
            return this;
        }

        /**
         * Caps the memory the catalog's handles hold (estimated: exact for tables). Past it, the least
         * recently used memory whose data is safe on disk is dropped, and read again from disk when
         * next used; temporary handles are never evicted. Default: no cap, memory stays until dropped.
         *
         * @throws IllegalArgumentException if {@code bytes} is not positive
         * @throws IllegalStateException if a budget was already set
         */
        public Builder memoryBudget(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("memory budget must be positive, was " + bytes);
            }
            requireState(memoryBudget == 0, "memory budget was already set to " + memoryBudget);
            this.memoryBudget = bytes;
            return this;
        }

        /**
         * The threads the catalog's reads share for parallel work (inflating BGZF blocks, parsing
         * CSV chunks ahead of the reader). Default: a pool of the catalog's own, one daemon thread per
         * core, started on first need and stopped by {@link Catalog#close()}. An engine's executor is
         * used as given and never shut down by the catalog. Its tasks never wait on each other, but
         * the reading thread waits on them: an executor whose every thread may be blocked reading a
         * handle needs spare threads (a {@link java.util.concurrent.ForkJoinPool} is a safe choice).
         *
         * @throws NullPointerException if {@code executor} is null
         * @throws IllegalStateException if an executor was already set
         */
        public Builder executor(Executor executor) {
            requireNonNull(executor, "executor is null");
            requireState(this.executor == null, "an executor was already set: " + this.executor);
            this.executor = executor;
            return this;
        }

        /**
         * Hands the memory forms of modules something they need from the engine, by type: the
         * {@code spark} and {@code rdd} forms of {@code datahandle-spark} take the engine's session with
         * {@code memoryFormContext(SparkSession.class, session)}. The library never creates such an
         * object itself; a form that needs one and finds none says so when used.
         *
         * @throws IllegalStateException if a value of this type was already given
         * @throws IllegalArgumentException if {@code value} is not an instance of {@code type}
         * @since 0.2
         */
        public <T> Builder memoryFormContext(Class<T> type, T value) {
            requireNonNull(type, "type is null");
            requireNonNull(value, "value is null");
            if (!type.isInstance(value)) {
                throw new IllegalArgumentException("memory-form context " + value.getClass().getName()
                        + " is not a " + type.getName());
            }
            requireState(!memoryFormContexts.containsKey(type), "a memory-form context of type " + type.getName()
                    + " was already given");
            memoryFormContexts.put(type, value);
            return this;
        }

        /** Loads a workflow file; unless set, the base folder is the file's folder. */
        public Catalog load(Path workflow) {
            requireNonNull(workflow, "workflow is null");
            Path file = workflow.toAbsolutePath().normalize();
            return build(readWorkflow(file), file.toString(), baseFor(file));
        }

        /**
         * Checks a workflow file as {@link #load} would, but reports every spec error instead of
         * stopping at the first: a document-level problem (missing file, malformed YAML, a root that
         * is not a map, a duplicate id) is reported alone, since nothing after it can be trusted;
         * otherwise each handle is read, inferred and checked on its own, and the first error of
         * every bad handle is reported, so one bad handle does not hide another.
         *
         * @return the errors in document order; empty when the workflow loads
         * @throws NullPointerException if {@code workflow} is null
         * @throws StorageException if the file exists but cannot be read
         * @throws DataHandleException with {@link ErrorCode#CONFIGURATION} if discovery finds no
         *     provider, or a provider cannot be loaded
         */
        public List<SpecException> validate(Path workflow) {
            requireNonNull(workflow, "workflow is null");
            Path file = workflow.toAbsolutePath().normalize();
            String yaml;
            try {
                yaml = readWorkflow(file);
            } catch (SpecException e) {
                return List.of(e);
            }
            Registry r = registry();
            try (FileSystems fileSystems = new FileSystems(r, fileSystemOptions);
                    CatalogExecutor threads = catalogExecutor()) {
                return loader(file.toString(), baseFor(file), r, fileSystems, threads).validate(yaml);
            } catch (IOException e) {
                throw new StorageException(null, ErrorLocation.of(file.toString()),
                        "closing the file systems opened to validate this workflow failed", e);
            }
        }

        private static String readWorkflow(Path file) {
            try {
                if (Files.size(file) > MAX_WORKFLOW_BYTES) {
                    throw new SpecException(file.toString(), null, null, 0, 0, "the workflow file is larger than "
                            + (MAX_WORKFLOW_BYTES >> 20) + " MiB; refusing to parse it");
                }
                return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                        .toString();
            } catch (NoSuchFileException e) {
                throw new SpecException(file.toString(), null, null, 0, 0, "the workflow file does not exist");
            } catch (CharacterCodingException e) {
                throw new SpecException(file.toString(), null, null, 0, 0, "the workflow file is not valid UTF-8");
            } catch (IOException e) {
                throw new StorageException(null, ErrorLocation.of(file.toString()), "cannot read workflow file", e);
            }
        }

        private Path baseFor(Path file) {
            return baseDirectory != null ? baseDirectory
                    : (file.getParent() != null ? file.getParent() : Path.of("").toAbsolutePath());
        }

        /**
         * Loads workflow YAML from a string; relative paths resolve against the base folder, else the
         * working folder.
         *
         * @throws NullPointerException if {@code yaml} is null
         * @throws SpecException for an invalid spec, naming {@code <yaml>}, line, column, handle and field
         * @throws DataHandleException with {@link ErrorCode#CONFIGURATION} if discovery finds no
         *     provider, or a provider cannot be loaded
         */
        public Catalog fromYaml(String yaml) {
            requireNonNull(yaml, "yaml is null");
            Path base = baseDirectory != null ? baseDirectory : Path.of("").toAbsolutePath();
            return build(yaml, "<yaml>", base);
        }

        private Registry registry() {
            return registry != null ? registry
                    : Registry.discover(classLoader != null ? classLoader : Catalog.class.getClassLoader());
        }

        private CatalogLoader loader(String source, Path base, Registry r, FileSystems fileSystems,
                CatalogExecutor threads) {
            return new CatalogLoader(source, base, environment != null ? environment : System.getenv(),
                    home != null ? home : Path.of(System.getProperty("user.home")), r, fileSystems,
                    memoryBudget > 0 ? MemoryBudget.of(memoryBudget) : MemoryBudget.unlimited(), memoryFormContexts,
                    threads);
        }

        private CatalogExecutor catalogExecutor() {
            return executor != null ? CatalogExecutor.of(executor) : CatalogExecutor.own();
        }

        private Catalog build(String yaml, String source, Path base) {
            Registry r = registry();
            FileSystems fileSystems = new FileSystems(r, fileSystemOptions);
            CatalogExecutor threads = catalogExecutor();
            CatalogLoader loader = loader(source, base, r, fileSystems, threads);
            try {
                return new Catalog(loader.load(yaml), loader, fileSystems, threads);
            } catch (RuntimeException e) {
                threads.close();
                try {
                    fileSystems.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    private static void requireState(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
