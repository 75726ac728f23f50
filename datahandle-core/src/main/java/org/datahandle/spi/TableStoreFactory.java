package org.datahandle.spi;

import java.util.Map;
import java.util.Set;

/**
 * Makes {@link TableStore}s for the URI schemes of one database engine. Found by
 * {@link java.util.ServiceLoader} or registered on the {@link Registry} builder. A handle whose
 * {@code disk.path} has one of these schemes keeps its data in a database table instead of files.
 */
public interface TableStoreFactory {

    /** The engine's name as in YAML {@code disk.fileSystem}: {@code sqlite}, {@code postgresql}, {@code mariadb}. */
    String name();

    /** The URI schemes it serves: {@code sqlite}; {@code postgresql}; {@code mariadb}, {@code mysql}. */
    Set<String> schemes();

    /** The {@code disk.options} keys its tables take ({@code fetchSize}, {@code query}, ...); others are load errors. */
    Set<String> optionNames();

    /**
     * Checks the values of a handle's {@code disk.options} (names are already known to be
     * {@link #optionNames()}), so a bad value is an error when the workflow loads, not at first use.
     *
     * @throws IllegalArgumentException saying which option is wrong and why
     */
    default void checkOptions(Map<String, Object> options) {}

    /**
     * Creates a store. Called once per catalog, lazily on the first use of the engine, so a catalog
     * that never touches a table never loads a JDBC driver.
     *
     * @param options the catalog builder's {@code fileSystemOption}s (all of them; take the ones you
     *     know, credentials among them); never logged or echoed in errors
     * @throws org.datahandle.UnsupportedFormatException if the engine's JDBC driver is not on the
     *     class path, naming the artifact to add
     */
    TableStore create(Map<String, String> options);
}
