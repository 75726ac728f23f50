package org.datahandle.db;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.datahandle.spi.TableLocation;

/**
 * Opens connections to the database of a location with the catalog's credentials. User and
 * password come from the catalog options {@code <engine>.user} / {@code <engine>.password}, else
 * from the environment ({@code DATAHANDLE_<ENGINE>_USER} / {@code _PASSWORD}); other driver
 * settings from {@code <engine>.property.<name>}. Nothing here is ever logged or put in a message:
 * messages name the database URI, which holds no credentials.
 */
final class Connections {
    private final Dialect dialect;
    private final Driver driver;
    private final Properties base = new Properties();

    Connections(Dialect dialect, Driver driver, Map<String, String> options, Function<String, String> environment,
            Properties defaults) {
        this.dialect = dialect;
        this.driver = driver;
        base.putAll(defaults);
        String engine = dialect.engine();
        String env = "DATAHANDLE_" + engine.toUpperCase(Locale.ROOT) + "_";
        String user = options.getOrDefault(engine + ".user", environment.apply(env + "USER"));
        String password = options.getOrDefault(engine + ".password", environment.apply(env + "PASSWORD"));
        if (user != null) {
            base.setProperty("user", user);
        }
        if (password != null) {
            base.setProperty("password", password);
        }
        String prefix = engine + ".property.";
        options.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                base.setProperty(k.substring(prefix.length()), v);
            }
        });
    }

    /** The user name connections log in as, for messages ({@code (default)} when none is set). */
    String user() {
        return base.getProperty("user", "(default)");
    }

    Connection open(TableLocation location) throws SQLException {
        return open(location, new Properties());
    }

    Connection open(TableLocation location, Properties extra) throws SQLException {
        Properties p = new Properties();
        p.putAll(base);
        p.putAll(extra);
        Connection c = driver.connect(dialect.jdbcUrl(location), p);
        if (c == null) {
            throw new SQLException("the " + dialect.engine() + " driver does not accept " + location.database(), "08001");
        }
        return c;
    }
}
