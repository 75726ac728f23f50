package org.datahandle.testing.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL 15 server of this test JVM: {@code initdb} in a temporary folder, {@code postgres}
 * on a free port on 127.0.0.1 (password logins over TCP), started on first use and stopped when
 * the JVM ends. As root it runs as the {@code postgres} user ({@code postgres} refuses root).
 * Database {@code dh}, user {@code postgres}, password {@link #PASSWORD}.
 */
public final class PostgresServer {
    /** The binaries; override with {@code -Ddatahandle.pgBin=/path/to/bin}. */
    static final Path BIN = Path.of(System.getProperty("datahandle.pgBin", "/usr/lib/postgresql/15/bin"));
    public static final String USER = "postgres";
    public static final String PASSWORD = "dh-pg-secret";
    public static final String DATABASE = "dh";

    private static PostgresServer running;

    private final Path folder;
    private final int port;
    private final Process process;

    private PostgresServer(Path folder, int port, Process process) {
        this.folder = folder;
        this.port = port;
        this.process = process;
    }

    /** The server, started on the first call (skips the test when PostgreSQL is not installed). */
    public static synchronized PostgresServer get() {
        if (running == null) {
            running = start();
            PostgresServer s = running;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "stop-postgres"));
        }
        return running;
    }

    private static PostgresServer start() {
        ServerProcess.requireExecutable(BIN.resolve("initdb"), "postgresql-15");
        try {
            Path folder = Files.createTempDirectory("dh-pg");
            Path data = folder.resolve("data");
            Path pwfile = folder.resolve("pw");
            Files.writeString(pwfile, PASSWORD + "\n");
            if (ServerProcess.isRoot()) {
                ServerProcess.run(List.of("chown", "-R", USER + ":" + USER, folder.toString()));
            }
            ServerProcess.run(ServerProcess.as(USER, List.of(BIN.resolve("initdb").toString(), "-D", data.toString(),
                    "-U", USER, "--pwfile=" + pwfile, "--auth-local=trust", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--locale=C.UTF-8")));
            int port = ServerProcess.freePort();
            Process p = new ProcessBuilder(ServerProcess.as(USER, List.of(BIN.resolve("postgres").toString(),
                    "-D", data.toString(), "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1",
                    "-k", folder.toString(), "-c", "fsync=off", "-c", "max_connections=60")))
                    .redirectErrorStream(true).redirectOutput(folder.resolve("server.log").toFile()).start();
            PostgresServer s = new PostgresServer(folder, port, p);
            for (int i = 0; i < 300; i++) {
                try {
                    ServerProcess.run(List.of(BIN.resolve("pg_isready").toString(), "-h", folder.toString(),
                            "-p", String.valueOf(port)));
                    break;
                } catch (IllegalStateException notYet) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("postgres exited: " + Files.readString(folder.resolve("server.log")));
                    }
                    Thread.sleep(100);
                }
            }
            s.psql("postgres", "CREATE DATABASE " + DATABASE);
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

    /** {@code postgresql://127.0.0.1:<port>/dh#<table>}. */
    public String tableUri(String table) {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE + "#" + table;
    }

    /** Catalog options with the right credentials. */
    public Map<String, String> catalogOptions() {
        return Map.of("postgresql.user", USER, "postgresql.password", PASSWORD);
    }

    /** A JDBC URL with credentials, for a test's own "external tool" connection. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER + "&password=" + PASSWORD;
    }

    /** Runs SQL as the superuser over the Unix socket; returns psql's unaligned output. */
    public String psql(String database, String sql) {
        return ServerProcess.run(ServerProcess.as(USER, List.of(BIN.resolve("psql").toString(), "-h", folder.toString(),
                "-p", String.valueOf(port), "-U", USER, "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql)));
    }

    public String sql(String sql) {
        return psql(DATABASE, sql);
    }

    /** Ends every session of the library (application name {@code datahandle}): a dropped connection. */
    public void terminateLibrarySessions() {
        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'datahandle'");
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
