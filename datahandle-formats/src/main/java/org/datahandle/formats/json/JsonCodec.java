package org.datahandle.formats.json;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.datahandle.spi.Codec;
import org.datahandle.spi.DocumentCodec;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.Schema;

/**
 * Reads and writes tables of row objects, laid out as a top-level array (json) or one object per line
 * (jsonl); json also offers whole {@link #documents()}. Stateless, so thread-safe: each reader and writer
 * holds its own parser or generator.
 */
final class JsonCodec implements Codec {
    /** Rows per batch of {@link #openStream}: constant memory, and a big enough sample to infer types. */
    static final int STREAM_BATCH_ROWS = 65_536;

    private final JsonLayout layout;
    private final JsonOptions options;
    private final int streamBatchRows;

    JsonCodec(JsonLayout layout, JsonOptions options) {
        this(layout, options, STREAM_BATCH_ROWS);
    }

    JsonCodec(JsonLayout layout, JsonOptions options, int streamBatchRows) {
        if (streamBatchRows < 1) {
            throw new IllegalArgumentException("streamBatchRows must be positive, was " + streamBatchRows);
        }
        this.layout = layout;
        this.options = options;
        this.streamBatchRows = streamBatchRows;
    }

    /** Types are inferred over every row of every part. */
    @Override
    public TableReader openReader(List<ReadSource> sources) {
        return new JsonTableReader(sources, layout, options, Integer.MAX_VALUE);
    }

    /**
     * Batches of {@value #STREAM_BATCH_ROWS} rows. Columns and types come from the first batch (and the
     * {@code schema} option); a later key or value that does not fit fails with a message that says to set
     * the {@code schema} option.
     */
    @Override
    public TableReader openStream(List<ReadSource> sources) {
        return new JsonTableReader(sources, layout, options, streamBatchRows);
    }

    /** Compact unless the {@code pretty} option is set (json only). */
    @Override
    public TableWriter openWriter(WriteTarget target, Schema schema) throws IOException {
        return new JsonTableWriter(target, schema, layout, options.pretty().orElse(false));
    }

    /** For json: the file as one document, written indented unless {@code pretty: false}. */
    @Override
    public Optional<DocumentCodec> documents() {
        return layout == JsonLayout.ARRAY ? Optional.of(new JsonDocuments(options.pretty().orElse(true)))
                : Optional.empty();
    }
}
