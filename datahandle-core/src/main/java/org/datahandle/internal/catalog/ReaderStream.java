package org.datahandle.internal.catalog;

import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.datahandle.DataFormatException;
import org.datahandle.ErrorLocation;
import org.datahandle.StorageException;
import org.datahandle.TableStream;
import org.datahandle.spi.TableReader;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/** A codec's batch reader as the public {@link TableStream}. */
final class ReaderStream implements TableStream {
    private final String handleId;
    private final TableReader reader;
    private Optional<Table> next;
    private boolean closed;

    ReaderStream(String handleId, TableReader reader) {
        this.handleId = handleId;
        this.reader = reader;
    }

    @Override
    public Schema schema() {
        return call(reader::schema);
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        if (next == null) {
            next = call(reader::next);
        }
        return next.isPresent();
    }

    @Override
    public Table next() {
        if (!hasNext()) {
            throw new NoSuchElementException("handle '" + handleId + "': no more batches");
        }
        Table t = next.get();
        next = null;
        return t;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            call(() -> {
                reader.close();
                return null;
            });
        }
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private <T> T call(IoCall<T> c) {
        try {
            return c.call();
        } catch (DataFormatException e) {
            throw e.withHandle(handleId);
        } catch (IOException e) {
            throw new StorageException(handleId, ErrorLocation.UNKNOWN, "stream failed", e);
        }
    }
}
