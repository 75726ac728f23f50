package org.datahandle.internal.table;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.datahandle.ErrorLocation;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.spi.Registry;
import org.datahandle.spi.TableStore;
import org.datahandle.spi.TableStoreFactory;

/**
 * The table stores of one catalog, each created on the first use of its engine (so a catalog that
 * never reads a table never loads a JDBC driver) and closed with the catalog.
 */
public final class TableStores implements AutoCloseable {
    /** Where the built-in engines come from, for the error when the module is missing. */
    static final String ARTIFACT = "org.datahandle:datahandle-db";

    private final Registry registry;
    private final Map<String, String> options;
    private final Map<String, TableStore> open = new ConcurrentHashMap<>();

    public TableStores(Registry registry, Map<String, String> options) {
        this.registry = registry;
        this.options = Map.copyOf(options);
    }

    /**
     * The store for a table URI scheme.
     *
     * @throws UnsupportedFormatException naming the artifact to add when no provider serves the scheme
     */
    public TableStore forScheme(String scheme, String engine, String handleId) {
        TableStoreFactory factory = registry.tableStoreForScheme(scheme).orElseThrow(() ->
                new UnsupportedFormatException(handleId, ErrorLocation.UNKNOWN, "database engine '" + engine
                        + "' (scheme " + scheme + ":) is not available; add " + ARTIFACT + " to the class path"));
        return open.computeIfAbsent(factory.name(), n -> factory.create(options));
    }

    @Override
    public void close() throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (TableStore store : open.values()) {
            try {
                store.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        open.clear();
        if (!failures.isEmpty()) {
            IOException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
