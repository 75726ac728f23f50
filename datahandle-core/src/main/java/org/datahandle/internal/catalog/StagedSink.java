package org.datahandle.internal.catalog;

import java.io.IOException;
import java.util.Optional;
import org.datahandle.DataFormatException;
import org.datahandle.DataHandleException;
import org.datahandle.ErrorCode;
import org.datahandle.ErrorLocation;
import org.datahandle.StorageException;
import org.datahandle.TableSink;
import org.datahandle.internal.storage.CommitRecord;
import org.datahandle.internal.publish.StagedWrite;
import org.datahandle.internal.state.DiskCell;
import org.datahandle.spi.TableWriter;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/** A {@link TableSink}: a codec writer on a staged file, published on commit, removed otherwise. */
final class StagedSink implements TableSink {
    private final String handleId;
    private final Schema schema;
    private final TableWriter writer;
    private final StagedWrite write;
    private final DiskCell disk;
    private boolean writerClosed;
    private boolean closed;
    private boolean failed;

    StagedSink(String handleId, Schema schema, TableWriter writer, StagedWrite write, DiskCell disk) {
        this.handleId = handleId;
        this.schema = schema;
        this.writer = writer;
        this.write = write;
        this.disk = disk;
    }

    @Override
    public void write(Table batch) {
        requireUsable();
        if (!batch.schema().equals(schema)) {
            throw new DataHandleException(ErrorCode.INVALID_OPERATION, handleId, ErrorLocation.UNKNOWN,
                    "batch schema " + batch.schema() + " differs from the sink's " + schema);
        }
        try {
            writer.write(batch);
        } catch (IOException e) {
            failed = true;
            throw new StorageException(handleId, ErrorLocation.UNKNOWN, "streaming write failed", e);
        } catch (DataFormatException e) {
            failed = true;
            throw e.withHandle(handleId);
        }
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        requireUsable();
        return type.isInstance(writer) ? Optional.of(type.cast(writer)) : Optional.empty();
    }

    @Override
    public void commit() {
        requireUsable();
        try {
            writerClosed = true;
            writer.close();
        } catch (IOException e) {
            failed = true;
            throw new StorageException(handleId, ErrorLocation.UNKNOWN, "finishing the streamed file failed", e);
        }
        write.publish(schema.fields().stream()
                .map(f -> new CommitRecord.ColumnRecord(f.name(), f.type().typeName())).toList());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!writerClosed) {
                writerClosed = true;
                writer.close();
            }
        } catch (IOException e) {
            // the staged file is removed below; a failed close of an abandoned write changes nothing
        } finally {
            disk.endWrite(write);
        }
    }

    private void requireUsable() {
        if (closed || writerClosed) {
            throw new IllegalStateException("handle '" + handleId + "': this sink is " + (closed ? "closed" : "committed"));
        }
        if (failed) {
            throw new IllegalStateException("handle '" + handleId + "': this sink failed; close it and start again");
        }
    }
}
