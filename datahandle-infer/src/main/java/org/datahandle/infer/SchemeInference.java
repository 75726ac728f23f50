package org.datahandle.infer;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.datahandle.spi.BuiltInFileSystem;
import org.datahandle.spi.FileSystemFactory;
import org.datahandle.spi.Registry;

/**
 * Maps a URI scheme to a file system name. The built-in table ({@link BuiltInFileSystem}: file,
 * hdfs, s3, s3a, shm) holds whether or not an adapter is registered, so a spec naming HDFS loads without Hadoop and fails only when
 * used; a registered {@link FileSystemFactory} adds its schemes, and wins for a scheme it declares
 * because it is what will actually serve the path.
 */
final class SchemeInference {
    static final String LOCAL = BuiltInFileSystem.LOCAL.fileSystemName();

    private final Registry registry;
    /** Computed once: a catalog asks once per handle, and the registry never changes. */
    private final Set<String> fileSystemNames;

    SchemeInference(Registry registry) {
        this.registry = registry;
        Set<String> names = new TreeSet<>();
        for (BuiltInFileSystem builtIn : BuiltInFileSystem.values()) {
            names.add(builtIn.fileSystemName());
        }
        registry.fileSystems().forEach(f -> names.add(f.name()));
        this.fileSystemNames = java.util.Collections.unmodifiableSet(names);
    }

    Optional<String> fileSystemFor(String scheme) {
        Optional<String> registered = registry.fileSystemForScheme(scheme).map(FileSystemFactory::name);
        return registered.isPresent() ? registered
                : BuiltInFileSystem.forScheme(scheme).map(BuiltInFileSystem::fileSystemName);
    }

    /** Scheme to file system, built-in and registered, sorted by scheme. */
    Map<String, String> supportedSchemes() {
        Map<String, String> all = new TreeMap<>();
        for (BuiltInFileSystem builtIn : BuiltInFileSystem.values()) {
            builtIn.schemes().forEach(scheme -> all.put(scheme, builtIn.fileSystemName()));
        }
        for (FileSystemFactory factory : registry.fileSystems()) {
            for (String scheme : factory.schemes()) {
                all.put(scheme, factory.name());
            }
        }
        return all;
    }

    /** Every file system name a spec may give: the built-in ones and the registered ones. */
    Set<String> fileSystemNames() {
        return fileSystemNames;
    }

    /** {@code file (local), hdfs (hdfs), ...} for error messages. */
    String describeSchemes() {
        StringBuilder sb = new StringBuilder();
        supportedSchemes().forEach((scheme, fs) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(scheme).append(" (").append(fs).append(')'));
        return sb.toString();
    }
}
