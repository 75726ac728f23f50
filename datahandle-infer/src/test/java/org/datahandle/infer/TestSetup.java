package org.datahandle.infer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.datahandle.DiskSpec;
import org.datahandle.MemoryFormat;
import org.datahandle.internal.storage.FakeCompression;
import org.datahandle.spi.DiskDeclaration;
import org.datahandle.spi.FileFormat;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.FileSystemFactory;
import org.datahandle.spi.InferenceContext;
import org.datahandle.spi.Positioned;
import org.datahandle.spi.Registry;

/** A registry of fake formats and compressions, and a builder of declarations with YAML positions. */
final class TestSetup {
    static final Path BASE = Path.of("/work/flow");
    static final Path HOME = Path.of("/home/me");

    private TestSetup() {}

    static Registry registry() {
        return baseRegistry().build();
    }

    static Registry.Builder baseRegistry() {
        return Registry.builder()
                .register(() -> List.of(
                        FileFormat.tabular("csv", "test", ".csv"),
                        FileFormat.tabular("tsv", "test", ".tsv", ".tab"),
                        new FileFormat("parquet", List.of(".parquet", ".pq"), MemoryFormat.TABLE, true,
                                Optional.of("test")),
                        FileFormat.tabular("json", "test", ".json", ".jsonl", ".ndjson"),
                        new FileFormat("vcf", List.of(".vcf"), MemoryFormat.TABLE, false, Optional.empty())))
                .register(FakeCompression.GZ)
                .register(FakeCompression.BGZ)
                .register(FakeCompression.ZST);
    }

    /** A file system factory that only names itself: inference never creates file systems. */
    record NamedFileSystemFactory(String name, Set<String> schemes) implements FileSystemFactory {
        @Override
        public FileSystem create(Map<String, String> options) {
            throw new IllegalStateException("inference never creates file systems (it asked for '" + name + "')");
        }
    }

    static InferenceContext context(Registry registry, Map<String, String> environment) {
        return new InferenceContext("flow.yaml", "samples", BASE, environment, HOME, registry);
    }

    static DiskSpec infer(Decl declaration) {
        return infer(declaration, Map.of());
    }

    static DiskSpec infer(Decl declaration, Map<String, String> environment) {
        return new DefaultDiskInference().infer(declaration.build(), context(registry(), environment));
    }

    static Decl decl() {
        return new Decl();
    }

    /** Builds a {@link DiskDeclaration}; each value sits at the line and column it is given. */
    static final class Decl {
        private final List<Positioned<String>> paths = new ArrayList<>();
        private Optional<Positioned<String>> format = Optional.empty();
        private Optional<Positioned<String>> compression = Optional.empty();
        private Optional<Positioned<String>> fileSystem = Optional.empty();
        private Optional<Positioned<Boolean>> isProduced = Optional.empty();
        private final Map<String, Object> options = new LinkedHashMap<>();

        /** Paths without explicit position sit on lines 3, 4, ... at column 9. */
        Decl path(String... values) {
            for (String v : values) {
                paths.add(new Positioned<>(v, 3 + paths.size(), 9));
            }
            return this;
        }

        Decl pathAt(String value, int line, int column) {
            paths.add(new Positioned<>(value, line, column));
            return this;
        }

        Decl format(String value, int line, int column) {
            format = Optional.of(new Positioned<>(value, line, column));
            return this;
        }

        Decl compression(String value, int line, int column) {
            compression = Optional.of(new Positioned<>(value, line, column));
            return this;
        }

        Decl fileSystem(String value, int line, int column) {
            fileSystem = Optional.of(new Positioned<>(value, line, column));
            return this;
        }

        Decl isProduced(boolean value) {
            isProduced = Optional.of(new Positioned<>(value, 9, 19));
            return this;
        }

        Decl option(String key, Object value) {
            options.put(key, value);
            return this;
        }

        DiskDeclaration build() {
            return new DiskDeclaration(paths, format, compression, fileSystem, isProduced, options,
                    new Positioned<>("disk", 2, 3));
        }
    }
}
