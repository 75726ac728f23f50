package org.datahandle.db;

import java.util.Properties;
import java.util.Set;

/** {@code sqlite:} tables through {@code org.xerial:sqlite-jdbc}: the embedded default, safe across processes. */
public final class SqliteStoreFactory extends JdbcStoreFactory {
    /** How long a writer waits for another process's write lock before giving up. */
    static final String BUSY_TIMEOUT_MILLIS = "60000";

    /** For {@link java.util.ServiceLoader}. */
    public SqliteStoreFactory() {}

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("sqlite");
    }

    @Override
    String driverClass() {
        return "org.sqlite.JDBC";
    }

    @Override
    String driverArtifact() {
        return "org.xerial:sqlite-jdbc";
    }

    @Override
    Dialect dialect() {
        return new SqliteDialect();
    }

    @Override
    Properties defaults() {
        Properties p = new Properties();
        p.setProperty("busy_timeout", BUSY_TIMEOUT_MILLIS);
        // a write transaction takes the database's write lock at BEGIN: the writer lock of the protocol
        p.setProperty("transaction_mode", "IMMEDIATE");
        return p;
    }
}
