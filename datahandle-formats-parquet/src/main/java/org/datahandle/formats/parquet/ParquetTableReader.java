package org.datahandle.formats.parquet;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * The row groups of several Parquet files, in order, one batch per row group. All footers are read
 * when the reader opens, so a part whose schema differs fails before any data is returned; data
 * files are then opened one at a time.
 */
final class ParquetTableReader implements TableReader {
    private final List<ReadSource> sources;
    private final Schema schema;
    private int next;
    private ParquetFile current;

    private ParquetTableReader(List<ReadSource> sources, Schema schema) {
        this.sources = sources;
        this.schema = schema;
    }

    static ParquetTableReader open(List<ReadSource> sources) throws IOException {
        List<ReadSource> parts = List.copyOf(sources);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no Parquet files to read");
        }
        Schema schema = null;
        Where first = null;
        for (ReadSource source : parts) {
            try (ParquetFile file = ParquetFile.open(source)) {
                if (schema == null) {
                    schema = file.schema();
                    first = file.where();
                } else if (!schema.equals(file.schema())) {
                    throw file.where().corrupt("its schema " + file.schema() + " differs from the schema "
                            + schema + " of " + first.path() + "; the parts of one handle must have one schema", -1, null);
                }
            }
        }
        return new ParquetTableReader(parts, schema);
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Optional<Table> next() throws IOException {
        while (true) {
            if (current == null) {
                if (next == sources.size()) {
                    return Optional.empty();
                }
                current = ParquetFile.open(sources.get(next++));
            }
            Optional<Table> batch = current.nextRowGroup();
            if (batch.isPresent()) {
                return batch;
            }
            ParquetFile done = current;
            current = null;
            done.close();
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            ParquetFile f = current;
            current = null;
            next = sources.size();
            f.close();
        }
    }
}
