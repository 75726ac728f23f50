package org.datahandle.formats.common;

import java.io.IOException;
import java.util.Optional;
import org.datahandle.spi.TableReader;
import org.datahandle.table.DataType;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * The batch hand-out of a reader that infers its schema from the data: {@link #schema()} reads (and keeps)
 * the first batch, since that is what fixes the schema, and {@link #next()} hands it out before reading on.
 * Subclasses read and convert the rows.
 *
 * <p>With {@code batchRows = Integer.MAX_VALUE} (a full read) {@link #next()} returns exactly one table, even
 * an empty one; a stream returns no empty batches.
 */
public abstract class BatchedTableReader implements TableReader {
    /** Rows per batch; {@code Integer.MAX_VALUE} for a full read. */
    protected final int batchRows;
    private Table firstBatch;
    private boolean returnedAny;

    protected BatchedTableReader(int batchRows) {
        this.batchRows = batchRows;
    }

    /**
     * Reads up to {@link #batchRows} rows and converts them. The first call that returns fixes the schema.
     *
     * @return the batch, or null when there are no more rows
     */
    protected abstract Table readBatch() throws IOException;

    /** The schema, or null until a call to {@link #readBatch()} has returned. */
    protected abstract Schema fixedSchema();

    /** Whether the last batch has been read. */
    protected abstract boolean exhausted();

    @Override
    public final Schema schema() throws IOException {
        if (fixedSchema() == null) {
            firstBatch = readBatch();
        }
        return fixedSchema();
    }

    @Override
    public final Optional<Table> next() throws IOException {
        Table t;
        if (fixedSchema() == null) {
            t = readBatch();
        } else if (firstBatch != null) {
            t = firstBatch;
            firstBatch = null;
        } else {
            t = exhausted() ? null : readBatch();
        }
        if (t == null || (t.rowCount() == 0 && (returnedAny || batchRows != Integer.MAX_VALUE))) {
            // A full read returns exactly one table, even when empty; a stream returns no empty batches.
            return Optional.empty();
        }
        returnedAny = true;
        return Optional.of(t);
    }

    /**
     * The end of the message for a value that does not fit a type inferred from the first batch of a stream:
     * how to declare the column instead.
     */
    protected final String inferredTypeHint(DataType inferred, String column) {
        return "; the type " + inferred.typeName() + " was inferred from the first " + batchRows + " rows of the"
                + " stream: set the 'schema' option (for example schema: {" + column + ": string}) to read this data"
                + " as a stream";
    }
}
