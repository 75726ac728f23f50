package org.datahandle.internal.catalog;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandle;
import org.datahandle.DataHandleException;
import org.datahandle.DataHandleSpec;
import org.datahandle.DiskInterface;
import org.datahandle.HandleState;
import org.datahandle.NotProducedException;
import org.datahandle.StorageException;
import org.datahandle.TableStream;
import org.datahandle.internal.memory.MemoryConversions;
import org.datahandle.internal.publish.CommitRecord;
import org.datahandle.internal.publish.StagedWrite;
import org.datahandle.internal.state.DiskCell;
import org.datahandle.internal.state.MemoryCell;
import org.datahandle.spi.Codec;
import org.datahandle.spi.FileEntry;
import org.datahandle.spi.Registry;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.table.Table;

/**
 * A handle: a memory cell, a disk cell (absent when temporary), and the moves between them —
 * D2M inside {@link #read()}, M2D inside {@link #write(Object)}.
 */
public final class Handle implements DataHandle {
    private final DataHandleSpec spec;
    private final MemoryCell memory;
    private final DiskCell disk;
    private final Registry registry;
    private volatile Codec codec;

    /** A handle with a disk. */
    public Handle(DataHandleSpec spec, DiskCell disk, Registry registry) {
        this.spec = requireNonNull(spec, "spec is null");
        this.memory = new MemoryCell(spec.id());
        this.disk = disk;
        this.registry = requireNonNull(registry, "registry is null");
        if (spec.temporary() != (disk == null)) {
            throw new IllegalArgumentException("handle '" + spec.id() + "': a disk cell goes with a disk spec");
        }
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public DataHandleSpec spec() {
        return spec;
    }

    @Override
    public Table read() {
        return MemoryConversions.toTable(memoryValue(), id());
    }

    @Override
    public <T> T read(Class<T> type) {
        requireNonNull(type, "type is null");
        return MemoryConversions.convert(memoryValue(), type, id());
    }

    private Object memoryValue() {
        return memory.getOrLoad(this::load);
    }

    /** D2M. */
    private Object load() {
        if (disk == null) {
            throw new NotProducedException("handle '" + id() + "' is temporary and has not been written yet");
        }
        List<FileEntry> files = disk.requireProduced();
        try (TableReader reader = codec().openReader(disk.sources(files))) {
            Table table = reader.readAll();
            return MemoryConversions.toMemory(table, spec.memory().format(), id());
        } catch (DataFormatException e) {
            throw e.withHandle(id());
        } catch (IOException e) {
            throw new StorageException("handle '" + id() + "': cannot read " + disk.spec().path(), e);
        }
    }

    @Override
    public void write(Object data) {
        requireNonNull(data, "data is null");
        memory.produce(() -> {
            Object value = MemoryConversions.toMemory(data, spec.memory().format(), id());
            if (disk != null) {
                dump(MemoryConversions.toTable(value, id()));
            }
            return value;
        });
    }

    /** M2D: the rows split into one contiguous slice per path, staged, then published as one unit. */
    private void dump(Table table) {
        Codec c = codec(); // fail on a missing codec before taking the lock
        StagedWrite w = disk.beginWrite();
        try {
            int parts = w.targets().size();
            int rows = table.rowCount();
            for (int i = 0; i < parts; i++) {
                Table slice = parts == 1 ? table : table.slice((int) ((long) rows * i / parts),
                        (int) ((long) rows * (i + 1) / parts));
                try (TableWriter writer = c.openWriter(disk.target(w, i), table.schema())) {
                    writer.write(slice);
                }
            }
            w.publish(table.schema().fields().stream()
                    .map(f -> new CommitRecord.ColumnRecord(f.name(), f.type().typeName())).toList());
        } catch (DataFormatException e) {
            throw e.withHandle(id());
        } catch (IOException e) {
            throw new StorageException("handle '" + id() + "': cannot write " + disk.spec().path(), e);
        } finally {
            disk.endWrite(w);
        }
    }

    @Override
    public HandleState state() {
        return new HandleState(disk == null ? HandleState.DiskState.NONE : disk.state(), memory.state());
    }

    @Override
    public void dropMemory() {
        memory.drop();
    }

    /** For a temporary handle, whose only copy is memory, this drops memory. */
    @Override
    public void deleteDisk() {
        if (disk != null) {
            disk.delete();
        }
        memory.drop();
    }

    @Override
    public DiskInterface disk() {
        if (disk == null) {
            throw new DataHandleException("handle '" + id() + "' is temporary: it has no disk for external tools");
        }
        return new HandleDisk(id(), disk, memory);
    }

    @Override
    public TableStream stream() {
        if (disk == null) {
            throw new NotProducedException("handle '" + id() + "' is temporary: it has no disk to stream from");
        }
        List<FileEntry> files = disk.requireProduced();
        try {
            return new ReaderStream(id(), codec().openStream(disk.sources(files)));
        } catch (DataFormatException e) {
            throw e.withHandle(id());
        } catch (IOException e) {
            throw new StorageException("handle '" + id() + "': cannot open " + disk.spec().path(), e);
        }
    }

    private Codec codec() {
        Codec c = codec;
        if (c == null) {
            String format = disk.spec().format();
            c = registry.requireCodec(format, id()).create(disk.spec().options());
            codec = c;
        }
        return c;
    }
}
