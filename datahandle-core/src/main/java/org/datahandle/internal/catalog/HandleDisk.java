package org.datahandle.internal.catalog;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.datahandle.DataLocation;
import org.datahandle.DiskInterface;
import org.datahandle.DiskSpec;
import org.datahandle.DiskStatus;
import org.datahandle.ErrorLocation;
import org.datahandle.ExternalWrite;
import org.datahandle.StorageException;
import org.datahandle.internal.storage.CommitRecord;
import org.datahandle.internal.publish.RecordMaintenance;
import org.datahandle.internal.publish.StagedWrite;
import org.datahandle.internal.state.DiskCell;
import org.datahandle.internal.storage.DiskCheck;
import org.datahandle.internal.storage.DiskLayout;
import org.datahandle.internal.state.MemoryCell;
import org.datahandle.internal.storage.StorageCheck;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.FileSystem;
import org.datahandle.spi.Location;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;

/** The disk interface handed to external tools (D2O, O2D). */
final class HandleDisk implements DiskInterface {
    private final String handleId;
    private final DiskCell disk;
    private final MemoryCell memory;

    HandleDisk(String handleId, DiskCell disk, MemoryCell memory) {
        this.handleId = handleId;
        this.disk = disk;
        this.memory = memory;
    }

    @Override
    public DiskSpec spec() {
        return disk.spec();
    }

    @Override
    public boolean isProduced() {
        return disk.check().produced();
    }

    @Override
    public DiskStatus check() {
        return status(disk.check());
    }

    @Override
    public DiskStatus verify() {
        DiskCheck c = disk.deepCheck();
        if (timesMoved(c)) {
            try {
                RecordMaintenance.refresh(handleId, disk.layout());
            } catch (IOException e) {
                throw new StorageException(handleId, ErrorLocation.of(disk.spec()), "cannot refresh the commit record",
                        e);
            }
            c = disk.deepCheck();
        }
        return status(c);
    }

    @Override
    public boolean adopt() {
        try {
            return RecordMaintenance.adopt(handleId, disk.layout());
        } catch (IOException e) {
            throw new StorageException(handleId, ErrorLocation.of(disk.spec()), "cannot write a commit record", e);
        }
    }

    private static boolean timesMoved(DiskCheck c) {
        return c.produced() && c.files().stream().anyMatch(f -> {
            CommitRecord.FileRecord r = c.recorded().get(f.location());
            return r != null && r.modified() != f.modified().toEpochMilli();
        });
    }

    private DiskStatus status(DiskCheck c) {
        List<DiskStatus.FileInfo> files = c.files().stream()
                .map(f -> new DiskStatus.FileInfo(f.location().uri(), f.size(), f.modified())).toList();
        DiskStatus.CommitRecordState record;
        if (c.recordMismatch()) {
            record = DiskStatus.CommitRecordState.MISMATCH;
        } else if (c.produced() && c.hasRecord()) {
            record = DiskStatus.CommitRecordState.MATCHES;
        } else {
            record = DiskStatus.CommitRecordState.ABSENT;
        }
        return new DiskStatus(c.produced(), files, record,
                c.produced() ? Optional.empty() : Optional.of(c.problem().orElse("no data")));
    }

    @Override
    public Optional<Schema> recordedSchema() {
        try {
            return StorageCheck.readRecord(disk.layout()).flatMap(HandleDisk::schemaOf);
        } catch (IOException e) {
            throw new StorageException(handleId, ErrorLocation.of(disk.spec()), "cannot read the commit record", e);
        }
    }

    @Override
    public List<URI> pathsForRead() {
        return disk.requireProduced().files().stream().map(FileEntry::location).map(this::forTools).toList();
    }

    /**
     * The URI an external tool opens: the location itself, except on file systems whose files are local files
     * under another scheme ({@code shm:}), where a tool needs the {@code file:} path.
     */
    private URI forTools(Location location) {
        if ("file".equals(location.scheme())) {
            return location.uri();
        }
        return disk.layout().fileSystem().localPath(location).map(java.nio.file.Path::toUri).orElse(location.uri());
    }

    @Override
    public List<DataLocation> locations() {
        List<FileEntry> files = disk.requireProduced().files();
        DiskLayout layout = disk.layout();
        FileSystem fs = layout.fileSystem();
        Optional<Schema> schema;
        try {
            schema = StorageCheck.readRecord(layout).flatMap(HandleDisk::schemaOf);
        } catch (IOException e) {
            throw new StorageException(handleId, ErrorLocation.of(disk.spec()), "cannot read the commit record", e);
        }
        List<DataLocation> result = new ArrayList<>();
        for (FileEntry f : files) {
            URI path = f.location().uri();
            Optional<java.nio.file.Path> local = fs.localPath(f.location());
            String host = local.isPresent() ? LocalHost.NAME
                    : path.getAuthority() == null ? LocalHost.NAME : path.getAuthority();
            URI uri = local.map(java.nio.file.Path::toUri).orElse(path);
            result.add(new DataLocation(host, uri, path, 0, f.size(), schema));
        }
        return List.copyOf(result);
    }

    /** The published schema, when every column's type reads back. */
    private static Optional<Schema> schemaOf(CommitRecord record) {
        if (record.schema().isEmpty()) {
            return Optional.empty();
        }
        List<Field> fields = new ArrayList<>();
        for (CommitRecord.ColumnRecord c : record.schema()) {
            Optional<DataType> type = TypeNames.parse(c.type());
            if (type.isEmpty()) {
                return Optional.empty();
            }
            fields.add(Field.of(c.name(), type.get()));
        }
        try {
            return Optional.of(Schema.of(fields));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** This machine's name, asked once: the host of local and shared-memory data. */
    private static final class LocalHost {
        static final String NAME = name();

        private static String name() {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env;
            }
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        }
    }

    @Override
    public ExternalWrite beginExternalWrite() {
        StagedWrite w = disk.beginWrite();
        return new ExternalWrite() {
            private boolean closed;

            @Override
            public List<URI> paths() {
                // a folder path's staging folder ends in '/', as the folder path itself does
                return w.staging().stream().map(l -> w.isFolder() ? l.child("") : l).map(HandleDisk.this::forTools)
                        .toList();
            }

            @Override
            public void commit() {
                w.publish(List.of());
                // memory, if any, held data the tool has just replaced
                memory.drop();
            }

            @Override
            public void commit(Schema schema) {
                w.publish(schema.fields().stream()
                        .map(f -> new CommitRecord.ColumnRecord(f.name(), f.type().typeName())).toList());
                memory.drop();
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
