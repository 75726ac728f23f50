package org.datahandle.internal.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.datahandle.DataHandleSpec;
import org.datahandle.DiskSpec;
import org.datahandle.MemoryFormat;
import org.datahandle.MemorySpec;
import org.datahandle.SpecException;
import org.datahandle.internal.spec.HandleDeclaration;
import org.datahandle.internal.state.DiskCell;
import org.datahandle.internal.storage.DiskCheck;
import org.datahandle.internal.storage.DiskOptions;
import org.datahandle.internal.state.MemoryBudget;
import org.datahandle.internal.state.PathClaims;
import org.datahandle.internal.table.TableDisk;
import org.datahandle.internal.yaml.WorkflowReader;
import org.datahandle.spi.CodecFactory;
import org.datahandle.spi.DidYouMean;
import org.datahandle.spi.DiskDeclaration;
import org.datahandle.spi.DiskInference;
import org.datahandle.spi.FileFormat;
import org.datahandle.spi.InferenceContext;
import org.datahandle.spi.Positioned;
import org.datahandle.spi.Registry;
import org.datahandle.spi.TableCheck;

/**
 * Turns workflow YAML into handles: structure (by {@link WorkflowReader}), inference (by the
 * registered {@link DiskInference}), then the checks that need the registry: memory format names,
 * codec options, and {@code isProduced: true} against storage.
 *
 * <p>No file system is touched here except for a handle that declares {@code isProduced: true}, so
 * a catalog of thousands of remote handles loads without a remote call.
 */
public final class CatalogLoader {
    private final String source;
    private final Path baseDirectory;
    private final Map<String, String> environment;
    private final Path home;
    private final Registry registry;
    private final FileSystems fileSystems;
    private final MemoryBudget budget;
    private final Map<Class<?>, Object> contexts;
    private final CatalogExecutor executor;

    /** @param contexts what the engine handed the catalog for memory forms, by type */
    public CatalogLoader(String source, Path baseDirectory, Map<String, String> environment, Path home,
            Registry registry, FileSystems fileSystems, MemoryBudget budget, Map<Class<?>, Object> contexts,
            CatalogExecutor executor) {
        this.source = source;
        this.baseDirectory = baseDirectory;
        this.environment = Map.copyOf(environment);
        this.home = home;
        this.registry = registry;
        this.fileSystems = fileSystems;
        this.budget = budget;
        this.contexts = Map.copyOf(contexts);
        this.executor = executor;
    }

    /** The handles of a workflow, in the order they are declared. */
    public Map<String, Handle> load(String yaml) {
        List<HandleDeclaration> declarations = WorkflowReader.read(yaml, source);
        Map<String, Handle> handles = new LinkedHashMap<>();
        PathClaims claims = new PathClaims();
        for (HandleDeclaration d : declarations) {
            handles.put(d.id(), build(d, claims));
        }
        return handles;
    }

    /**
     * Every spec error of a workflow: a document-level one alone (the document cannot be trusted
     * past it), else the first error of each handle, in document order.
     */
    public List<SpecException> validate(String yaml) {
        List<SpecException> errors = new ArrayList<>();
        List<HandleDeclaration> declarations;
        try {
            declarations = WorkflowReader.readEach(yaml, source, errors);
        } catch (SpecException e) {
            return List.of(e);
        }
        PathClaims claims = new PathClaims();
        for (HandleDeclaration d : declarations) {
            try {
                build(d, claims);
            } catch (SpecException e) {
                errors.add(e);
            }
        }
        errors.sort(java.util.Comparator.comparingInt((SpecException e) -> e.line().orElse(0))
                .thenComparingInt(e -> e.column().orElse(0)));
        return List.copyOf(errors);
    }

    private Handle build(HandleDeclaration d, PathClaims claims) {
        if (d.disk().isEmpty()) {
            MemorySpec memory = memorySpec(d, MemoryFormat.OBJECT);
            return new Handle(DataHandleSpec.temporary(d.id(), memory), null, registry, budget, contexts);
        }
        DiskDeclaration declared = d.disk().get();
        for (Positioned<String> p : declared.paths()) {
            if (Credentials.inPath(p.value())) {
                throw new SpecException(source, d.id(), "disk.path", p.line(), p.column(), Credentials.refusal(p.value()));
            }
        }
        DiskInference inference = registry.inference().orElseThrow(() -> new SpecException(source, d.id(), "disk",
                declared.position().line(), declared.position().column(),
                "no path inference is registered; add org.datahandle:datahandle-infer to the class path"));
        DiskSpec disk = inference.infer(declared, new InferenceContext(source, d.id(), baseDirectory, environment,
                home, registry));
        for (org.datahandle.DiskPath p : disk.pathList()) {
            // a ${VAR} may have brought them in
            if (p.path().getRawUserInfo() != null) {
                throw new SpecException(source, d.id(), "disk.path", declared.position().line(),
                        declared.position().column(), Credentials.refusal(p.raw()));
            }
        }
        checkOptions(d.id(), declared, disk);
        Optional<String> overlap = claims.claim(d.id(), disk);
        if (overlap.isPresent()) {
            throw new SpecException(source, d.id(), "disk.path", declared.position().line(),
                    declared.position().column(), overlap.get());
        }
        MemoryFormat defaultMemory = registry.format(disk.format()).map(FileFormat::defaultMemory)
                .orElse(MemoryFormat.TABLE);
        DataHandleSpec spec = DataHandleSpec.onDisk(d.id(), disk, memorySpec(d, defaultMemory));
        String scheme = disk.pathList().get(0).path().getScheme();
        if (TableDisk.isTable(disk)) {
            return buildTable(d, declared, disk, spec, scheme);
        }
        DiskCell cell = new DiskCell(d.id(), disk,
                () -> fileSystems.forScheme(scheme, disk.fileSystem(), d.id()), registry, executor, claims);
        if (declared.isProduced().map(Positioned::value).orElse(false)) {
            DiskCheck check = cell.check();
            if (!check.produced()) {
                Positioned<Boolean> at = declared.isProduced().get();
                throw new SpecException(source, d.id(), "disk.isProduced", at.line(), at.column(),
                        "isProduced is true, but the data is not there: " + check.problem().orElse("no data"));
            }
        }
        return new Handle(spec, cell, registry, budget, contexts);
    }

    /** A handle whose disk is a database table: same produced rules, a table store instead of files. */
    private Handle buildTable(HandleDeclaration d, DiskDeclaration declared, DiskSpec disk, DataHandleSpec spec,
            String scheme) {
        TableDisk table = new TableDisk(d.id(), disk,
                () -> fileSystems.tables().forScheme(scheme, disk.fileSystem(), d.id()));
        if (declared.isProduced().map(Positioned::value).orElse(false)) {
            TableCheck check = table.check();
            if (!check.produced()) {
                Positioned<Boolean> at = declared.isProduced().get();
                throw new SpecException(source, d.id(), "disk.isProduced", at.line(), at.column(),
                        "isProduced is true, but the table is not there: " + check.problem().orElse("no table"));
            }
        }
        return Handle.onTable(spec, table, registry, budget, contexts);
    }

    /**
     * The memory spec a declaration asks for: a built-in format, or a memory form a module registered.
     * A form DataHandle knows whose module is absent ({@code spark}) loads, like a format without its
     * codec: the disk stays usable ({@code datahandle status}, external tools), and using memory fails
     * with an error naming the artifact to add.
     */
    private MemorySpec memorySpec(HandleDeclaration d, MemoryFormat fallback) {
        if (d.memoryFormat().isEmpty()) {
            return MemorySpec.of(fallback);
        }
        Positioned<String> given = d.memoryFormat().get();
        Optional<MemoryFormat> format = MemoryFormat.fromYamlName(given.value());
        if (format.isPresent()) {
            return MemorySpec.of(format.get());
        }
        if (registry.memoryForm(given.value()).isPresent() || Registry.memoryFormArtifact(given.value()).isPresent()) {
            return MemorySpec.ofForm(given.value());
        }
        List<String> names = new ArrayList<>();
        for (MemoryFormat f : MemoryFormat.values()) {
            names.add(f.yamlName());
        }
        registry.memoryForms().stream().map(p -> p.name()).sorted().forEach(names::add);
        String hint = DidYouMean.nearest(given.value(), names).map(n -> "; did you mean '" + n + "'?").orElse("");
        throw new SpecException(source, d.id(), "memory.format", given.line(), given.column(),
                "unknown memory format '" + given.value() + "'" + hint + " Allowed: " + String.join(", ", names));
    }

    /** Options are the codec's business, so an unknown or invalid one is caught here, at load, not at first read. */
    private void checkOptions(String id, DiskDeclaration declared, DiskSpec disk) {
        Optional<CodecFactory> factory = registry.codec(disk.format());
        if (factory.isEmpty() || disk.options().isEmpty()) {
            return;
        }
        Positioned<String> at = declared.position();
        Set<String> compressionNames = DiskOptions.compressionNames(disk, registry);
        Set<String> known = new TreeSet<>(factory.get().optionNames());
        known.addAll(compressionNames);
        for (String key : disk.options().keySet()) {
            if (!known.contains(key)) {
                String hint = DidYouMean.nearest(key, known).map(n -> "did you mean '" + n + "'? ").orElse("");
                String owner = compressionNames.isEmpty() ? "format '" + disk.format() + "'"
                        : "format '" + disk.format() + "' with compression '" + disk.compression() + "'";
                throw new SpecException(source, id, "disk.options." + key, at.line(), at.column(),
                        owner + " has no option '" + key + "'; " + hint + "options: " + known);
            }
        }
        try {
            factory.get().create(DiskOptions.forCodec(disk, registry));
            Map<String, Object> compressionOptions = DiskOptions.forCompression(disk, registry);
            if (!compressionOptions.isEmpty()) {
                // compressions check their options when a stream opens; a throwaway one catches a bad level now
                registry.compression(disk.compression()).orElseThrow()
                        .compress(OutputStream.nullOutputStream(), compressionOptions).close();
            }
        } catch (IllegalArgumentException e) {
            throw new SpecException(source, id, optionField(e.getMessage(), disk), at.line(), at.column(),
                    e.getMessage(), e);
        } catch (IOException e) {
            throw new SpecException(source, id, "disk.options", at.line(), at.column(),
                    "compression '" + disk.compression() + "' rejected its options: " + e.getMessage(), e);
        }
    }

    /**
     * The field of a codec's refusal: {@code disk.options.<name>} when its message starts with
     * {@code option '<name>'} (the codecs' convention) and the spec has that option, else {@code disk.options}.
     */
    private static String optionField(String message, DiskSpec disk) {
        String prefix = "option '";
        if (message != null && message.startsWith(prefix)) {
            int end = message.indexOf('\'', prefix.length());
            if (end > 0 && disk.options().containsKey(message.substring(prefix.length(), end))) {
                return "disk.options." + message.substring(prefix.length(), end);
            }
        }
        return "disk.options";
    }

    /** A temporary handle made by {@link org.datahandle.Catalog#temporary(String)}. */
    public Handle temporary(String id) {
        return new Handle(DataHandleSpec.temporary(id, MemorySpec.of(MemoryFormat.OBJECT)), null, registry, budget,
                contexts);
    }
}
