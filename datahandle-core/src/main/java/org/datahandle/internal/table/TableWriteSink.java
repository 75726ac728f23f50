package org.datahandle.internal.table;

import java.io.IOException;
import org.datahandle.AlreadyProducedException;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.TableSink;
import org.datahandle.spi.TableWrite;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/** A {@link TableSink} on a staging table: batches through the engine's bulk path, published on commit. */
final class TableWriteSink implements TableSink {
    private final String handleId;
    private final Schema schema;
    private final TableWrite write;
    private final TableDisk disk;
    private boolean committed;
    private boolean closed;
    private boolean failed;

    TableWriteSink(String handleId, Schema schema, TableWrite write, TableDisk disk) {
        this.handleId = handleId;
        this.schema = schema;
        this.write = write;
        this.disk = disk;
    }

    @Override
    public void write(Table batch) {
        requireUsable();
        if (!batch.schema().equals(schema)) {
            throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, TableErrors.at(disk.location()),
                    "batch schema " + batch.schema() + " differs from the sink's " + schema);
        }
        try {
            write.append(batch);
        } catch (DataFormatException e) {
            failed = true;
            throw e.withHandle(handleId);
        } catch (IOException e) {
            failed = true;
            throw TableErrors.storage(handleId, disk.location(), "streaming write to the table failed", e);
        }
    }

    @Override
    public void commit() {
        requireUsable();
        committed = true;
        try {
            write.publish();
        } catch (AlreadyProducedException e) {
            throw TableErrors.named(handleId, e);
        } catch (IOException e) {
            throw TableErrors.storage(handleId, disk.location(), "publishing the table failed", e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            disk.endWrite(write);
        }
    }

    private void requireUsable() {
        if (closed || committed) {
            throw new IllegalStateException("handle '" + handleId + "': this sink is " + (closed ? "closed" : "committed"));
        }
        if (failed) {
            throw new IllegalStateException("handle '" + handleId + "': this sink failed; close it and start again");
        }
    }
}
