package org.datahandle.testing.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A MariaDB server of this test JVM: {@code mariadb-install-db} in a temporary folder,
 * {@code mariadbd --no-defaults} on a free port on 127.0.0.1 (no systemd, {@code --user=root} when
 * root), started on first use and stopped when the JVM ends. Database {@code dh}, user {@code dh}
 * with password {@link #PASSWORD}; root through the Unix socket for {@link #sql}.
 */
public final class MariaDbServer {
    static final Path MARIADBD = Path.of(System.getProperty("datahandle.mariadbd", "/usr/sbin/mariadbd"));
    public static final String USER = "dh";
    public static final String PASSWORD = "dh-maria-secret";
    public static final String DATABASE = "dh";

    private static MariaDbServer running;

    private final Path folder;
    private final int port;
    private final Process process;

    private MariaDbServer(Path folder, int port, Process process) {
        this.folder = folder;
        this.port = port;
        this.process = process;
    }

    public static synchronized MariaDbServer get() {
        if (running == null) {
            running = start();
            MariaDbServer s = running;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "stop-mariadb"));
        }
        return running;
    }

    private static MariaDbServer start() {
        ServerProcess.requireExecutable(MARIADBD, "mariadb-server");
        try {
            Path folder = Files.createTempDirectory("dh-maria");
            Path data = folder.resolve("data");
            List<String> install = new ArrayList<>(List.of("mariadb-install-db", "--no-defaults",
                    "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db"));
            if (ServerProcess.isRoot()) {
                install.add("--user=root");
            }
            ServerProcess.run(install);
            int port = ServerProcess.freePort();
            List<String> cmd = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults", "--datadir=" + data,
                    "--socket=" + folder.resolve("mysqld.sock"), "--port=" + port, "--bind-address=127.0.0.1",
                    "--pid-file=" + folder.resolve("mysqld.pid"), "--log-error=" + folder.resolve("error.log"),
                    "--innodb-buffer-pool-size=64M", "--skip-name-resolve", "--innodb-flush-log-at-trx-commit=2"));
            if (ServerProcess.isRoot()) {
                cmd.add("--user=root");
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("stdout.log").toFile()).start();
            MariaDbServer s = new MariaDbServer(folder, port, p);
            for (int i = 0; i < 300; i++) {
                try {
                    ServerProcess.run(List.of("mariadb-admin", "--no-defaults", "--socket=" + folder.resolve("mysqld.sock"),
                            "-uroot", "ping"));
                    break;
                } catch (IllegalStateException notYet) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("mariadbd exited: " + Files.readString(folder.resolve("error.log")));
                    }
                    Thread.sleep(100);
                }
            }
            s.root("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4; CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '"
                    + PASSWORD + "'; GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'127.0.0.1';");
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String tableUri(String table) {
        return "mariadb://127.0.0.1:" + port + "/" + DATABASE + "#" + table;
    }

    public Map<String, String> catalogOptions() {
        return Map.of("mariadb.user", USER, "mariadb.password", PASSWORD);
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER + "&password=" + PASSWORD;
    }

    /** Runs SQL as root through the socket (database {@code dh}); returns tab-separated output. */
    public String sql(String sql) {
        return ServerProcess.run(List.of("mariadb", "--no-defaults", "--socket=" + folder.resolve("mysqld.sock"),
                "-uroot", "--batch", "--skip-column-names", DATABASE, "-e", sql));
    }

    private void root(String sql) {
        ServerProcess.run(List.of("mariadb", "--no-defaults", "--socket=" + folder.resolve("mysqld.sock"), "-uroot",
                "-e", sql));
    }

    /** Kills every session of user {@code dh}: a dropped connection. */
    public void killLibrarySessions() {
        String ids = sql("SELECT id FROM information_schema.PROCESSLIST WHERE USER = '" + USER + "'");
        for (String id : ids.split("\\s+")) {
            if (!id.isBlank()) {
                try {
                    sql("KILL " + id.trim());
                } catch (IllegalStateException gone) {
                    // the session ended by itself meanwhile
                }
            }
        }
    }

    synchronized void stop() {
        process.destroy();
        try {
            process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        ServerProcess.deleteTree(folder);
    }
}
