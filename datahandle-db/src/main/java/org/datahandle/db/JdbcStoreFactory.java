package org.datahandle.db;

import java.sql.Driver;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.spi.TableStore;
import org.datahandle.spi.TableStoreFactory;

/**
 * The shared part of the three engines' factories: find the engine's JDBC driver (an optional
 * dependency) by class name with this module's class loader, never through the static
 * {@link java.sql.DriverManager}, and fail with the artifact to add when it is absent.
 */
abstract class JdbcStoreFactory implements TableStoreFactory {

    /** The driver class ({@code org.sqlite.JDBC}). */
    abstract String driverClass();

    /** The Maven coordinates of the driver, for the error when it is missing. */
    abstract String driverArtifact();

    abstract Dialect dialect();

    /** Driver settings every connection gets (timeouts, SQLite's lock mode). */
    abstract Properties defaults();

    @Override
    public Set<String> optionNames() {
        return DbOptions.NAMES;
    }

    @Override
    public void checkOptions(Map<String, Object> options) {
        DbOptions.of(options);
    }

    @Override
    public TableStore create(Map<String, String> options) {
        Driver driver;
        try {
            Class<?> type = Class.forName(driverClass(), true, JdbcStoreFactory.class.getClassLoader());
            driver = (Driver) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new UnsupportedFormatException("database engine '" + name() + "' needs its JDBC driver: add "
                    + driverArtifact() + " to the class path (datahandle-db declares it optional)", e);
        } catch (ReflectiveOperationException e) {
            throw new UnsupportedFormatException("the JDBC driver " + driverClass() + " cannot be created: " + e, e);
        }
        return new JdbcTableStore(dialect(), new Connections(dialect(), driver, options, System::getenv, defaults()));
    }
}
