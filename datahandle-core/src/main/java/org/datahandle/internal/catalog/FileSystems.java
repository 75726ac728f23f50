package org.datahandle.internal.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.datahandle.ErrorLocation;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.spi.BuiltInFileSystem;
import org.datahandle.internal.table.TableStores;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.FileSystemFactory;
import org.datahandle.spi.Registry;

/**
 * The file systems of one catalog, each created on the first use of its scheme — a catalog that
 * never touches an {@code hdfs:} path never loads a Hadoop class — and closed with the catalog.
 */
public final class FileSystems implements AutoCloseable {
    private final Registry registry;
    private final Map<String, String> options;
    private final Map<String, FileSystem> open = new ConcurrentHashMap<>();
    /** Database engines are the table counterpart of file systems: same options, same lifetime. */
    private final TableStores tables;

    public FileSystems(Registry registry, Map<String, String> options) {
        this.registry = registry;
        this.options = Map.copyOf(options);
        this.tables = new TableStores(registry, options);
    }

    /** The catalog's database table stores, created per engine on first use. */
    public TableStores tables() {
        return tables;
    }

    /**
     * The file system for a URI scheme.
     *
     * @throws UnsupportedFormatException naming the artifact to add when no adapter serves it
     */
    public FileSystem forScheme(String scheme, String fileSystemName, String handleId) {
        FileSystemFactory factory = registry.fileSystemForScheme(scheme).orElseThrow(() ->
                new UnsupportedFormatException(handleId, ErrorLocation.UNKNOWN, "file system '" + fileSystemName
                        + "' (scheme " + scheme + ":) is not available; add "
                        + BuiltInFileSystem.named(fileSystemName).map(BuiltInFileSystem::artifact)
                                .orElse("a FileSystemFactory for it")
                        + " to the class path"));
        return open.computeIfAbsent(factory.name(), n -> factory.create(options));
    }

    @Override
    public void close() throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (FileSystem fs : open.values()) {
            try {
                fs.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        open.clear();
        try {
            tables.close();
        } catch (IOException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            IOException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
