package org.datahandle.db;

import java.util.Properties;
import java.util.Set;

/** {@code postgresql:} (and {@code postgres:}) tables through {@code org.postgresql:postgresql}. */
public final class PostgresStoreFactory extends JdbcStoreFactory {

    /** For {@link java.util.ServiceLoader}. */
    public PostgresStoreFactory() {}

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("postgresql", "postgres");
    }

    @Override
    String driverClass() {
        return "org.postgresql.Driver";
    }

    @Override
    String driverArtifact() {
        return "org.postgresql:postgresql";
    }

    @Override
    Dialect dialect() {
        return new PostgresDialect();
    }

    @Override
    Properties defaults() {
        Properties p = new Properties();
        p.setProperty("connectTimeout", "10");
        p.setProperty("ApplicationName", "datahandle");
        // server-prepared from the first execution, so results come in the binary format: no text
        // parsing of numbers and dates on the read path
        p.setProperty("prepareThreshold", "-1");
        return p;
    }
}
