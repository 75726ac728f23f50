package org.datahandle.spi;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/** Batches of rows from a codec. */
public interface TableReader extends Closeable {

    /** The schema of every batch. */
    Schema schema() throws IOException;

    /** The next batch, or empty at the end. */
    Optional<Table> next() throws IOException;

    /** All remaining batches as one table. */
    default Table readAll() throws IOException {
        List<Table> batches = new ArrayList<>();
        for (Optional<Table> b = next(); b.isPresent(); b = next()) {
            batches.add(b.get());
        }
        return batches.size() == 1 ? batches.get(0) : Table.concat(schema(), batches);
    }
}
