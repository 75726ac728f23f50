package org.datahandle.formats.csv;

import java.io.IOException;
import java.util.List;
import org.datahandle.spi.Codec;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.Schema;

/**
 * Reads and writes delimited text (csv, tsv) with its own byte-level RFC 4180 parser. Stateless, so
 * thread-safe: each reader and writer holds its own state.
 */
final class CsvCodec implements Codec {
    /** Rows per batch of {@link #openStream}: constant memory, and a big enough sample to infer types. */
    static final int STREAM_BATCH_ROWS = 65_536;

    private final CsvOptions options;
    private final int streamBatchRows;
    private final int chunkBytes;

    CsvCodec(CsvOptions options) {
        this(options, STREAM_BATCH_ROWS);
    }

    CsvCodec(CsvOptions options, int streamBatchRows) {
        this(options, streamBatchRows, ChunkedParse.CHUNK_BYTES);
    }

    /** @param chunkBytes bytes per chunk of a parallel full read; tests make it tiny to cut records everywhere */
    CsvCodec(CsvOptions options, int streamBatchRows, int chunkBytes) {
        this.options = options;
        this.streamBatchRows = streamBatchRows;
        this.chunkBytes = chunkBytes;
    }

    CsvOptions options() {
        return options;
    }

    @Override
    public TableReader openReader(List<ReadSource> sources) {
        return new CsvTableReader(sources, options, Integer.MAX_VALUE, chunkBytes);
    }

    /**
     * Batches of {@value #STREAM_BATCH_ROWS} rows. With {@code inferTypes}, column types come from the first
     * batch; a later value that does not fit them fails with a message that says to set the {@code schema}
     * option.
     */
    @Override
    public TableReader openStream(List<ReadSource> sources) {
        return new CsvTableReader(sources, options, streamBatchRows, chunkBytes);
    }

    @Override
    public TableWriter openWriter(WriteTarget target, Schema schema) throws IOException {
        return new CsvTableWriter(target, schema, options);
    }
}
