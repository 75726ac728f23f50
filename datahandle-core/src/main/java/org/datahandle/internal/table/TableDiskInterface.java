package org.datahandle.internal.table;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.datahandle.AlreadyProducedException;
import org.datahandle.DataLocation;
import org.datahandle.DiskInterface;
import org.datahandle.DiskSpec;
import org.datahandle.DiskStatus;
import org.datahandle.ExternalWrite;
import org.datahandle.spi.TableCheck;
import org.datahandle.spi.TableWrite;

/**
 * The disk interface of a table handle for external tools. D2O hands out the table's URI (no
 * credentials in it); O2D hands out a staging table's URI, which the tool creates and fills on its
 * own connection, and {@code commit()} renames it to the target with a commit record.
 */
final class TableDiskInterface implements DiskInterface {
    private final String handleId;
    private final TableDisk disk;
    private final Runnable onCommit;

    TableDiskInterface(String handleId, TableDisk disk, Runnable onCommit) {
        this.handleId = handleId;
        this.disk = disk;
        this.onCommit = onCommit;
    }

    @Override
    public DiskSpec spec() {
        return disk.spec();
    }

    @Override
    public boolean isProduced() {
        return disk.check().produced();
    }

    /** A table in a database has no files and no commit record of ours: its check is all there is to verify. */
    @Override
    public DiskStatus verify() {
        return check();
    }

    /** Nothing to adopt: a database table is never vouched for by a file record. */
    @Override
    public boolean adopt() {
        return false;
    }

    /** One entry for the table: its URI, the engine's size estimate (0 when it has none), when it was published. */
    @Override
    public DiskStatus check() {
        TableCheck c = disk.check();
        List<DiskStatus.FileInfo> files = c.exists()
                ? List.of(new DiskStatus.FileInfo(disk.uri(), c.bytes().orElse(0), c.published().orElse(Instant.EPOCH)))
                : List.of();
        return new DiskStatus(c.produced(), files, c.record(), c.produced() ? Optional.empty() : c.problem());
    }

    @Override
    public List<URI> pathsForRead() {
        disk.requireProduced();
        return List.of(disk.uri());
    }

    /**
     * One entry: the table's URI (a database has no bytes to map), on the database server (this
     * machine for SQLite), with the engine's size estimate as its length.
     */
    @Override
    public List<DataLocation> locations() {
        disk.requireProduced();
        TableCheck c = disk.check();
        URI uri = disk.uri();
        String host = uri.getAuthority() != null ? uri.getAuthority() : localHost();
        return List.of(new DataLocation(host, uri, uri, 0, c.bytes().orElse(0), Optional.empty()));
    }

    private static String localHost() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public ExternalWrite beginExternalWrite() {
        TableWrite w = disk.beginWrite();
        return new ExternalWrite() {
            private boolean closed;

            @Override
            public List<URI> paths() {
                return List.of(w.staging().uri());
            }

            @Override
            public void commit() {
                try {
                    w.publish();
                } catch (AlreadyProducedException e) {
                    throw TableErrors.named(handleId, e);
                } catch (IOException e) {
                    throw TableErrors.storage(handleId, disk.location(),
                            "publishing the table from " + w.staging() + " failed", e);
                }
                onCommit.run();
            }

            /** A table carries its own schema, which its commit record takes from the database. */
            @Override
            public void commit(org.datahandle.table.Schema schema) {
                commit();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    disk.endWrite(w);
                }
            }

            @Override
            public String toString() {
                return "external write of '" + handleId + "' to " + paths();
            }
        };
    }
}
