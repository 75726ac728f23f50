package org.datahandle.internal.table;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.datahandle.AlreadyProducedException;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandleException;
import org.datahandle.DiskInterface;
import org.datahandle.DiskSpec;
import org.datahandle.ErrorCode;
import org.datahandle.HandleState.DiskState;
import org.datahandle.NotProducedException;
import org.datahandle.DiskStatus.CommitRecordState;
import org.datahandle.TableSink;
import org.datahandle.spi.TableCheck;
import org.datahandle.spi.TableLocation;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableStore;
import org.datahandle.spi.TableWrite;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * The disk interface of a handle whose data is a database table: the same states and rules as
 * files (produced is asked of the database; {@code WRITING} while a writer of this process holds
 * it), with a {@link TableStore} in place of a file system and codec.
 */
public final class TableDisk {
    /** The {@code disk.format} of every table handle. */
    public static final String FORMAT = "table";

    private static final System.Logger LOG = System.getLogger(TableDisk.class.getName());

    private final String handleId;
    private final DiskSpec spec;
    private final TableLocation location;
    private final Supplier<TableStore> store;
    private final AtomicReference<TableWrite> writer = new AtomicReference<>();
    private final AtomicReference<String> lastWarning = new AtomicReference<>();

    /**
     * @param store supplies the engine's store on first use, so an untouched handle loads no driver
     */
    public TableDisk(String handleId, DiskSpec spec, Supplier<TableStore> store) {
        this.handleId = requireNonNull(handleId, "handleId is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.store = requireNonNull(store, "store is null");
        if (!isTable(spec) || spec.pathList().size() != 1) {
            throw new IllegalArgumentException("a table disk has format '" + FORMAT + "' and one path, not "
                    + spec.format() + " with " + spec.pathList().size());
        }
        this.location = TableLocation.of(spec.pathList().get(0).path());
    }

    /** True when the spec's data is a database table rather than files. */
    public static boolean isTable(DiskSpec spec) {
        return spec.format().equals(FORMAT);
    }

    public DiskSpec spec() {
        return spec;
    }

    public TableLocation location() {
        return location;
    }

    private Map<String, Object> options() {
        return spec.options();
    }

    /** The state now: {@code WRITING} if this process is writing, else what the database says. */
    public DiskState state() {
        if (writer.get() != null) {
            return DiskState.WRITING;
        }
        return check().produced() ? DiskState.PRODUCED : DiskState.NOT_PRODUCED;
    }

    /** Asks the database; warns when a published table was replaced or changed behind the library's back. */
    public TableCheck check() {
        try {
            TableCheck c = store.get().check(location, options());
            if (c.record() == CommitRecordState.MISMATCH) {
                String problem = c.problem().orElse("");
                // Once per finding: a status loop or a poller would otherwise repeat it on every check.
                if (!problem.equals(lastWarning.getAndSet(problem))) {
                    LOG.log(System.Logger.Level.WARNING, "handle ''{0}'' is not produced: {1}", handleId, problem);
                }
            } else {
                lastWarning.set(null);
            }
            return c;
        } catch (IOException e) {
            throw TableErrors.storage(handleId, location, "cannot check the table", e);
        }
    }

    /** @throws NotProducedException if the table is not produced, saying why */
    public void requireProduced() {
        if (writer.get() != null) {
            throw new NotProducedException(handleId, TableErrors.at(location),
                    "the table is being written by this process");
        }
        TableCheck c = check();
        if (!c.produced()) {
            throw new NotProducedException(handleId, TableErrors.at(location),
                    "the table is not produced: " + c.problem().orElse("no table"));
        }
    }

    /** A streaming reader of the produced table (D2M and {@code stream()}). */
    public TableReader openReader() {
        requireProduced();
        try {
            return store.get().openReader(location, options());
        } catch (DataFormatException e) {
            throw e.withHandle(handleId);
        } catch (IOException e) {
            throw TableErrors.storage(handleId, location, "cannot read the table", e);
        }
    }

    /** {@code NOT_PRODUCED -> WRITING}: takes the engine's writer lock. End with {@link #endWrite}. */
    public TableWrite beginWrite() {
        TableWrite w;
        try {
            w = store.get().beginWrite(location, handleId, options());
        } catch (AlreadyProducedException e) {
            throw named(e);
        } catch (DataHandleException e) {
            throw named(e); // a store's refusal, such as a read-only query
        } catch (IOException e) {
            throw TableErrors.storage(handleId, location, "cannot begin writing the table", e);
        }
        if (!writer.compareAndSet(null, w)) {
            closeQuietly(w); // the store's lock already excludes a second writer; this is a guard
            throw new AlreadyProducedException(ErrorCode.CONFLICT, handleId, TableErrors.at(location),
                    "another writer is writing");
        }
        return w;
    }

    /** {@code WRITING -> PRODUCED | NOT_PRODUCED}: ends the write (dropping an unpublished staging table). */
    public void endWrite(TableWrite w) {
        try {
            w.close();
        } catch (IOException e) {
            throw TableErrors.storage(handleId, location, "cannot end the write of the table", e);
        } finally {
            writer.compareAndSet(w, null);
        }
    }

    /** M2D: the whole table, staged, then published with its record. */
    public void write(Table table) {
        TableWrite w = beginWrite();
        RuntimeException failure = null;
        try {
            w.create(table.schema());
            w.append(table);
            w.publish();
        } catch (AlreadyProducedException e) {
            failure = named(e);
        } catch (DataFormatException e) {
            failure = e.withHandle(handleId);
        } catch (IOException e) {
            failure = TableErrors.storage(handleId, location, "cannot write the table", e);
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            endWrite(w);
        } catch (RuntimeException e) {
            // the write's own failure is what the caller needs; ending it failed because of it
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A streaming O2D write by the library. */
    public TableSink sink(Schema schema) {
        TableWrite w = beginWrite();
        try {
            w.create(schema);
        } catch (DataFormatException e) {
            endWrite(w);
            throw e.withHandle(handleId);
        } catch (IOException e) {
            endWrite(w);
            throw TableErrors.storage(handleId, location, "cannot create a staging table", e);
        } catch (RuntimeException e) {
            endWrite(w);
            throw e;
        }
        return new TableWriteSink(handleId, schema, w, this);
    }

    /**
     * {@code PRODUCED -> NOT_PRODUCED}: drops the table and its record.
     *
     * @throws AlreadyProducedException if another writer holds the table
     */
    public void delete() {
        try {
            store.get().delete(location, options());
        } catch (AlreadyProducedException e) {
            throw named(e);
        } catch (DataHandleException e) {
            throw named(e);
        } catch (IOException e) {
            throw TableErrors.storage(handleId, location, "cannot delete the table", e);
        }
    }

    /** The disk interface for external tools; {@code onCommit} runs after an external write is published. */
    public DiskInterface diskInterface(Runnable onCommit) {
        return new TableDiskInterface(handleId, this, onCommit);
    }

    URI uri() {
        return location.uri();
    }

    String handleId() {
        return handleId;
    }

    private DataHandleException named(DataHandleException e) {
        return TableErrors.named(handleId, e);
    }

    private AlreadyProducedException named(AlreadyProducedException e) {
        return TableErrors.named(handleId, e);
    }

    private static void closeQuietly(TableWrite w) {
        try {
            w.close();
        } catch (IOException e) {
            // nothing was staged by this guard path
        }
    }
}
