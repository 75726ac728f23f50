package org.datahandle.internal.catalog;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.datahandle.DiskInterface;
import org.datahandle.DiskSpec;
import org.datahandle.DiskStatus;
import org.datahandle.ExternalWrite;
import org.datahandle.StorageException;
import org.datahandle.internal.publish.StagedWrite;
import org.datahandle.internal.state.DiskCell;
import org.datahandle.internal.state.DiskCheck;
import org.datahandle.internal.state.DiskLayout;
import org.datahandle.internal.state.MemoryCell;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.Location;

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
        DiskCheck c = disk.check();
        List<DiskStatus.FileInfo> files = c.files().stream()
                .map(f -> new DiskStatus.FileInfo(f.location().uri(), f.size(), f.modified())).toList();
        DiskStatus.CommitRecordState record;
        if (c.recordMismatch()) {
            record = DiskStatus.CommitRecordState.MISMATCH;
        } else if (c.produced() && hasRecord()) {
            record = DiskStatus.CommitRecordState.MATCHES;
        } else {
            record = DiskStatus.CommitRecordState.ABSENT;
        }
        return new DiskStatus(c.produced(), files, record,
                c.produced() ? Optional.empty() : Optional.of(c.problem().orElse("no data")));
    }

    private boolean hasRecord() {
        DiskLayout layout = disk.layout();
        try {
            return layout.fileSystem().stat(layout.record()).isPresent();
        } catch (IOException e) {
            throw new StorageException("handle '" + handleId + "': cannot check " + disk.spec().path(), e);
        }
    }

    @Override
    public List<URI> pathsForRead() {
        return disk.requireProduced().files().stream().map(FileEntry::location).map(Location::uri).toList();
    }

    @Override
    public ExternalWrite beginExternalWrite() {
        StagedWrite w = disk.beginWrite();
        return new ExternalWrite() {
            private boolean closed;

            @Override
            public List<URI> paths() {
                return w.staging().stream().map(Location::uri).toList();
            }

            @Override
            public void commit() {
                w.publish(List.of());
                // memory, if any, held data the tool has just replaced
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
