package org.datahandle.db;

import java.util.Properties;
import java.util.Set;

/**
 * {@code mariadb:} and {@code mysql:} tables through {@code org.mariadb.jdbc:mariadb-java-client},
 * which speaks to both servers. Tested against MariaDB only.
 */
public final class MariaDbStoreFactory extends JdbcStoreFactory {

    /** For {@link java.util.ServiceLoader}. */
    public MariaDbStoreFactory() {}

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("mariadb", "mysql");
    }

    @Override
    String driverClass() {
        return "org.mariadb.jdbc.Driver";
    }

    @Override
    String driverArtifact() {
        return "org.mariadb.jdbc:mariadb-java-client";
    }

    @Override
    Dialect dialect() {
        return new MariaDbDialect();
    }

    @Override
    Properties defaults() {
        Properties p = new Properties();
        p.setProperty("connectTimeout", "10000");
        // the binary protocol: FLOAT values come back exact, not rounded to six digits as text
        p.setProperty("useServerPrepStmts", "true");
        // LOAD DATA LOCAL INFILE from memory (MariaDbLoadData); the driver sends only the stream we give it
        p.setProperty("allowLocalInfile", "true");
        return p;
    }
}
