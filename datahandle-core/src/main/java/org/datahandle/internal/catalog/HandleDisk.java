package org.datahandle.internal.catalog;

import java.net.URI;
import java.util.List;
import org.datahandle.DiskInterface;
import org.datahandle.DiskSpec;
import org.datahandle.ExternalWrite;
import org.datahandle.internal.publish.StagedWrite;
import org.datahandle.internal.state.DiskCell;
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
    public List<URI> pathsForRead() {
        return disk.requireProduced().stream().map(FileEntry::location).map(Location::uri).toList();
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
