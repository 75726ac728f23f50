package org.datahandle.spi;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.UnsupportedFormatException;
import org.jspecify.annotations.Nullable;

/**
 * The formats, codecs, compressions, file systems, inference and memory forms a catalog uses. Immutable once built.
 *
 * <p>Built-in providers register through the same interfaces as third-party ones. Two providers of
 * one name are an error naming both classes; nothing is silently overridden.
 *
 * <pre>{@code
 * Registry registry = Registry.builder()
 *     .discover(MyEngine.class.getClassLoader())   // everything on the class path
 *     .register(new MyVcfCodecFactory())           // plus explicit providers
 *     .build();
 * }</pre>
 */
public final class Registry {
    private final Map<String, FileFormat> formats;
    private final Map<String, CodecFactory> codecs;
    private final Map<String, CompressionCodec> compressions;
    private final Map<String, FileSystemFactory> fileSystemsByScheme;
    private final Map<String, FileSystemFactory> fileSystemsByName;
    private final Optional<DiskInference> inference;
    private final Map<String, TableStoreFactory> tableStoresByScheme;
    private final Map<String, TableStoreFactory> tableStoresByName;
    private final Map<String, MemoryFormProvider> memoryForms;

    /** Memory forms that modules of DataHandle provide, for an error that names the artifact to add. */
    private static final Map<String, String> KNOWN_FORM_ARTIFACTS =
            Map.of("spark", "org.datahandle:datahandle-spark", "rdd", "org.datahandle:datahandle-spark");

    private Registry(Builder b) {
        this(b.formats, b.codecs, b.compressions, b.fileSystemsByScheme, b.fileSystemsByName,
                Optional.ofNullable(b.inference), b.tableStoresByScheme, b.tableStoresByName, b.memoryForms);
    }

    private Registry(Map<String, FileFormat> formats, Map<String, CodecFactory> codecs,
            Map<String, CompressionCodec> compressions, Map<String, FileSystemFactory> fileSystemsByScheme,
            Map<String, FileSystemFactory> fileSystemsByName, Optional<DiskInference> inference,
            Map<String, TableStoreFactory> tableStoresByScheme, Map<String, TableStoreFactory> tableStoresByName,
            Map<String, MemoryFormProvider> memoryForms) {
        this.formats = Map.copyOf(formats);
        this.codecs = Map.copyOf(codecs);
        this.compressions = Map.copyOf(compressions);
        this.fileSystemsByScheme = Map.copyOf(fileSystemsByScheme);
        this.fileSystemsByName = Map.copyOf(fileSystemsByName);
        this.inference = inference;
        this.tableStoresByScheme = Map.copyOf(tableStoresByScheme);
        this.tableStoresByName = Map.copyOf(tableStoresByName);
        this.memoryForms = Map.copyOf(memoryForms);
    }

    /**
     * A copy of this registry whose file system factories are wrapped by {@code wrap} (to count the
     * bytes read, trace calls, inject faults in a test); everything else is the same. This registry
     * is unchanged.
     *
     * @param wrap called once per file system factory; must return a factory of the same name and schemes
     * @throws IllegalArgumentException if a wrapper changes a factory's name or schemes
     * @throws NullPointerException if {@code wrap} is null or returns null
     */
    public Registry withFileSystems(UnaryOperator<FileSystemFactory> wrap) {
        requireNonNull(wrap, "wrap is null");
        Map<FileSystemFactory, FileSystemFactory> wrapped = new IdentityHashMap<>();
        Map<String, FileSystemFactory> byName = new LinkedHashMap<>();
        for (FileSystemFactory f : fileSystemsByName.values()) {
            FileSystemFactory w = requireNonNull(wrap.apply(f), "the wrapper returned null for " + f.name());
            if (!w.name().equals(f.name()) || !w.schemes().equals(f.schemes())) {
                throw new IllegalArgumentException("a wrapper of file system '" + f.name() + "' " + f.schemes()
                        + " must keep its name and schemes, got '" + w.name() + "' " + w.schemes());
            }
            wrapped.put(f, w);
            byName.put(f.name(), w);
        }
        Map<String, FileSystemFactory> byScheme = new LinkedHashMap<>();
        fileSystemsByScheme.forEach((scheme, f) -> byScheme.put(scheme, wrapped.get(f)));
        return new Registry(formats, codecs, compressions, byScheme, byName, inference, tableStoresByScheme,
                tableStoresByName, memoryForms);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Everything {@link ServiceLoader} finds through {@code loader}. */
    public static Registry discover(ClassLoader loader) {
        return builder().discover(loader).build();
    }

    public Optional<FileFormat> format(String name) {
        return Optional.ofNullable(formats.get(name));
    }

    public Collection<FileFormat> formats() {
        return formats.values();
    }

    /** The codec factory of a format, if one is registered. */
    public Optional<CodecFactory> codec(String format) {
        return Optional.ofNullable(codecs.get(format));
    }

    /**
     * The codec factory of a format, or an {@link UnsupportedFormatException} naming the format and
     * the artifact that would provide its codec.
     */
    public CodecFactory requireCodec(String format, String handleId) {
        CodecFactory factory = codecs.get(format);
        if (factory != null) {
            return factory;
        }
        String artifact = format(format).flatMap(FileFormat::codecArtifact)
                .map(a -> "; the codec is provided by " + a)
                .orElse("; no artifact known to DataHandle provides one (register a CodecFactory)");
        throw new UnsupportedFormatException(handleId, ErrorLocation.UNKNOWN, "format '" + format
                + "' has no codec registered, so read() and write() are not available"
                + artifact + ". External tools can still use disk().pathsForRead() and disk().beginExternalWrite()."
                + " Codecs registered: " + new TreeSet<>(codecs.keySet()));
    }

    public Optional<CompressionCodec> compression(String name) {
        return Optional.ofNullable(compressions.get(name));
    }

    public Collection<CompressionCodec> compressions() {
        return compressions.values();
    }

    /** The file system factory for a URI scheme ({@code file}, {@code hdfs}, {@code s3}). */
    public Optional<FileSystemFactory> fileSystemForScheme(String scheme) {
        return Optional.ofNullable(fileSystemsByScheme.get(scheme));
    }

    /** The file system factory with a name ({@code local}, {@code hdfs}, {@code s3}). */
    public Optional<FileSystemFactory> fileSystem(String name) {
        return Optional.ofNullable(fileSystemsByName.get(name));
    }

    public Collection<FileSystemFactory> fileSystems() {
        return fileSystemsByName.values();
    }

    public Optional<DiskInference> inference() {
        return inference;
    }

    /** The table store factory for a URI scheme ({@code sqlite}, {@code postgresql}, {@code mariadb}). */
    public Optional<TableStoreFactory> tableStoreForScheme(String scheme) {
        return Optional.ofNullable(tableStoresByScheme.get(scheme));
    }

    /** The table store factory with an engine name ({@code sqlite}, {@code postgresql}, {@code mariadb}). */
    public Optional<TableStoreFactory> tableStore(String name) {
        return Optional.ofNullable(tableStoresByName.get(name));
    }

    public Collection<TableStoreFactory> tableStores() {
        return tableStoresByName.values();
    }

    /**
     * The provider of a module's memory form ({@code spark}, {@code rdd}).
     *
     * @since 0.2
     */
    public Optional<MemoryFormProvider> memoryForm(String name) {
        return Optional.ofNullable(memoryForms.get(name));
    }

    /** @since 0.2 */
    public Collection<MemoryFormProvider> memoryForms() {
        return memoryForms.values();
    }

    /**
     * The artifact that provides a memory form DataHandle knows of but that is not registered
     * ({@code spark} → {@code org.datahandle:datahandle-spark}), for error messages.
     *
     * @since 0.2
     */
    public static Optional<String> memoryFormArtifact(String name) {
        return Optional.ofNullable(KNOWN_FORM_ARTIFACTS.get(name));
    }

    /** Collects providers; {@link #build()} does not change the builder. */
    public static final class Builder {
        private final Map<String, FileFormat> formats = new LinkedHashMap<>();
        private final Map<String, Object> formatOwners = new LinkedHashMap<>();
        private final Map<String, CodecFactory> codecs = new LinkedHashMap<>();
        private final Map<String, CompressionCodec> compressions = new LinkedHashMap<>();
        private final Map<String, FileSystemFactory> fileSystemsByScheme = new LinkedHashMap<>();
        private final Map<String, FileSystemFactory> fileSystemsByName = new LinkedHashMap<>();
        private @Nullable DiskInference inference;
        private final Map<String, TableStoreFactory> tableStoresByScheme = new LinkedHashMap<>();
        private final Map<String, TableStoreFactory> tableStoresByName = new LinkedHashMap<>();
        private final Map<String, MemoryFormProvider> memoryForms = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Registers every format of a provider.
         *
         * @throws NullPointerException if {@code provider} is null
         * @throws IllegalStateException if a format of that name is registered already, naming both providers
         */
        public Builder register(FormatProvider provider) {
            requireNonNull(provider, "provider is null");
            for (FileFormat f : provider.formats()) {
                Object owner = formatOwners.get(f.name());
                if (owner != null) {
                    throw duplicate("format", f.name(), owner, provider);
                }
                formats.put(f.name(), f);
                formatOwners.put(f.name(), provider);
            }
            return this;
        }

        /**
         * Registers the codec of one format.
         *
         * @throws NullPointerException if {@code factory} is null
         * @throws IllegalStateException if that format has a codec already, naming both classes
         */
        public Builder register(CodecFactory factory) {
            requireNonNull(factory, "factory is null");
            CodecFactory previous = codecs.putIfAbsent(factory.format(), factory);
            if (previous != null) {
                throw duplicate("codec for format", factory.format(), previous, factory);
            }
            return this;
        }

        /**
         * Registers a compression.
         *
         * @throws NullPointerException if {@code compression} is null
         * @throws IllegalArgumentException if it is named {@code none}, which is built in
         * @throws IllegalStateException if a compression of that name is registered already, naming both classes
         */
        public Builder register(CompressionCodec compression) {
            requireNonNull(compression, "compression is null");
            if (compression.name().equals("none")) {
                throw new IllegalArgumentException("'none' is built in and cannot be registered: "
                        + compression.getClass().getName());
            }
            CompressionCodec previous = compressions.putIfAbsent(compression.name(), compression);
            if (previous != null) {
                throw duplicate("compression", compression.name(), previous, compression);
            }
            return this;
        }

        /**
         * Registers a file system under its name and schemes.
         *
         * @throws NullPointerException if {@code factory} is null
         * @throws IllegalStateException if its name or one of its schemes is taken already, naming both classes
         */
        public Builder register(FileSystemFactory factory) {
            requireNonNull(factory, "factory is null");
            FileSystemFactory previous = fileSystemsByName.putIfAbsent(factory.name(), factory);
            if (previous != null) {
                throw duplicate("file system", factory.name(), previous, factory);
            }
            for (String scheme : factory.schemes()) {
                FileSystemFactory other = fileSystemsByScheme.putIfAbsent(scheme, factory);
                if (other != null) {
                    throw duplicate("file system for scheme", scheme, other, factory);
                }
            }
            return this;
        }

        public Builder register(TableStoreFactory factory) {
            requireNonNull(factory, "factory is null");
            TableStoreFactory previous = tableStoresByName.putIfAbsent(factory.name(), factory);
            if (previous != null) {
                throw duplicate("table store", factory.name(), previous, factory);
            }
            for (String scheme : factory.schemes()) {
                TableStoreFactory other = tableStoresByScheme.putIfAbsent(scheme, factory);
                if (other != null) {
                    throw duplicate("table store for scheme", scheme, other, factory);
                }
            }
            return this;
        }

        /**
         * Registers the inference (there is one).
         *
         * @throws NullPointerException if {@code diskInference} is null
         * @throws IllegalStateException if an inference is registered already, naming both classes
         */
        public Builder register(DiskInference diskInference) {
            requireNonNull(diskInference, "diskInference is null");
            if (inference != null) {
                throw duplicate("disk inference", "inference", inference, diskInference);
            }
            inference = diskInference;
            return this;
        }

        /**
         * Registers a module's memory form.
         *
         * @throws IllegalArgumentException if the name is a built-in memory format's
         * @since 0.2
         */
        public Builder register(MemoryFormProvider form) {
            requireNonNull(form, "form is null");
            if (org.datahandle.MemoryFormat.fromYamlName(form.name()).isPresent()) {
                throw new IllegalArgumentException("memory form '" + form.name() + "' of " + form.getClass().getName()
                        + " is a built-in memory format's name");
            }
            MemoryFormProvider previous = memoryForms.putIfAbsent(form.name(), form);
            if (previous != null) {
                throw duplicate("memory form", form.name(), previous, form);
            }
            return this;
        }

        /**
         * Registers every provider {@link ServiceLoader} finds through {@code loader}. Finding
         * nothing at all is an error: the caller asked for discovery, so an empty class path is a
         * packaging mistake worth reporting.
         *
         * @throws NullPointerException if {@code loader} is null
         * @throws DataHandleException with {@link ErrorCode#CONFIGURATION} if nothing is found or a
         *     provider cannot be loaded
         * @throws IllegalStateException if two providers have one name, naming both classes
         */
        public Builder discover(ClassLoader loader) {
            requireNonNull(loader, "loader is null");
            int found = 0;
            try {
                for (FormatProvider p : ServiceLoader.load(FormatProvider.class, loader)) {
                    register(p);
                    found++;
                }
                for (CodecFactory p : ServiceLoader.load(CodecFactory.class, loader)) {
                    register(p);
                    found++;
                }
                for (CompressionCodec p : ServiceLoader.load(CompressionCodec.class, loader)) {
                    register(p);
                    found++;
                }
                for (FileSystemFactory p : ServiceLoader.load(FileSystemFactory.class, loader)) {
                    register(p);
                    found++;
                }
                for (DiskInference p : ServiceLoader.load(DiskInference.class, loader)) {
                    register(p);
                    found++;
                }
                for (TableStoreFactory p : ServiceLoader.load(TableStoreFactory.class, loader)) {
                    register(p);
                    found++;
                }
                for (MemoryFormProvider p : ServiceLoader.load(MemoryFormProvider.class, loader)) {
                    register(p);
                    found++;
                }
            } catch (ServiceConfigurationError e) {
                throw new DataHandleException(ErrorCode.CONFIGURATION, null, ErrorLocation.UNKNOWN,
                        "a DataHandle provider on the class path could not be loaded: " + e.getMessage(), e);
            }
            if (found == 0) {
                throw new DataHandleException(ErrorCode.CONFIGURATION, null, ErrorLocation.UNKNOWN,
                        "no DataHandle providers found on the class path of " + loader + "; add org.datahandle:datahandle-infer, -formats and -fs as dependencies");
            }
            return this;
        }

        /** The registry of everything registered so far; the builder is unchanged and may go on. */
        public Registry build() {
            return new Registry(this);
        }

        private static IllegalStateException duplicate(String what, String name, Object first, Object second) {
            List<String> classes = new ArrayList<>(List.of(first.getClass().getName(), second.getClass().getName()));
            return new IllegalStateException("two providers of " + what + " '" + name + "': " + classes.get(0)
                    + " and " + classes.get(1) + "; remove one from the class path or register explicitly");
        }
    }
}
