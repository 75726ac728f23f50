package org.datahandle.formats.arrow;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * The batches of every part of a handle, in order, as one reader. Each part is opened when the previous one
 * ends; every part must have the first part's schema, since the parts are one piece of data.
 */
final class PartsReader implements TableReader {
    /** Opens one part. */
    interface Opener {
        TableReader open(ReadSource source) throws IOException;
    }

    private final List<ReadSource> sources;
    private final Opener opener;
    private final Schema schema;
    private TableReader current;
    private int index;

    PartsReader(List<ReadSource> sources, Opener opener) throws IOException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no files to read");
        }
        this.sources = List.copyOf(sources);
        this.opener = opener;
        this.current = opener.open(sources.get(0));
        this.schema = current.schema();
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Optional<Table> next() throws IOException {
        while (current != null) {
            Optional<Table> batch = current.next();
            if (batch.isPresent()) {
                return batch;
            }
            current.close();
            current = null;
            if (++index < sources.size()) {
                ReadSource source = sources.get(index);
                current = opener.open(source);
                Schema other = current.schema();
                if (!other.equals(schema)) {
                    current.close();
                    current = null;
                    throw new Origin(source.handleId(), source.location().uri()).corrupt("its schema " + other
                            + " differs from the first file's " + schema + "; all files of a handle must have one "
                            + "schema", 0);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
