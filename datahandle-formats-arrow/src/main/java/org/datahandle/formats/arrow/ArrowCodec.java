package org.datahandle.formats.arrow;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.spi.Codec;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/** The codec of the {@code arrow} (IPC file) and {@code arrows} (IPC stream) formats. */
final class ArrowCodec implements Codec {
    private final ArrowWriteOptions options;
    private final boolean file;

    ArrowCodec(ArrowWriteOptions options, boolean file) {
        this.options = options;
        this.file = file;
    }

    @Override
    public TableReader openReader(List<ReadSource> sources) throws IOException {
        return new PartsReader(sources);
    }

    @Override
    public TableReader openStream(List<ReadSource> sources) throws IOException {
        return new PartsReader(sources);
    }

    @Override
    public TableWriter openWriter(WriteTarget target, Schema schema) throws IOException {
        return new ArrowIpcWriter(target.open(), schema, Map.of(), options, file);
    }

    /**
     * The record batches of every part in order. Each part is opened when the previous one ends; all parts
     * must have the first part's schema.
     */
    static final class PartsReader implements TableReader {
        private final List<ReadSource> sources;
        private final Schema schema;
        private ArrowIpcReader current;
        private int index;

        PartsReader(List<ReadSource> sources) throws IOException {
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("no files to read");
            }
            this.sources = List.copyOf(sources);
            this.current = open(sources.get(0));
            this.schema = current.schema();
        }

        private static ArrowIpcReader open(ReadSource source) throws IOException {
            return new ArrowIpcReader(source.open(), new Origin(source.handleId(), source.location().uri()));
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
                    current = open(source);
                    if (!current.schema().equals(schema)) {
                        Origin origin = new Origin(source.handleId(), source.location().uri());
                        Schema other = current.schema();
                        current.close();
                        current = null;
                        throw origin.corrupt("the schema " + other + " differs from the first file's " + schema
                                + "; all files of a handle must have one schema", 0);
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
}
