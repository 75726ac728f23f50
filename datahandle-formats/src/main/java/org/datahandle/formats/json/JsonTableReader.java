package org.datahandle.formats.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.datahandle.DataFormatException;
import org.datahandle.formats.common.BatchedTableReader;
import org.datahandle.spi.ReadSource;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Reads the row objects of the parts of one piece of data, in order, as batches of at most {@code batchRows}
 * rows.
 *
 * <p>With {@code batchRows = Integer.MAX_VALUE} (a full read) types and columns come from every row of every
 * part. When streaming they come from the first batch; a later value that does not fit, or a key the first
 * batch did not have, is a {@link DataFormatException} that says to set the {@code schema} option.
 */
final class JsonTableReader extends BatchedTableReader {
    private final List<ReadSource> sources;
    private final JsonOptions options;
    private final RecordCursor cursor;
    private final RowBuffer buffer;

    private Schema schema;
    private int batchNumber;
    private boolean exhausted;

    JsonTableReader(List<ReadSource> sources, JsonLayout layout, JsonOptions options, int batchRows) {
        super(batchRows);
        this.sources = List.copyOf(sources);
        this.options = options;
        this.cursor = new RecordCursor(this.sources, layout, !options.inferTypes());
        this.buffer = new RowBuffer(options);
    }

    @Override
    protected Schema fixedSchema() {
        return schema;
    }

    @Override
    protected boolean exhausted() {
        return exhausted;
    }

    @Override
    protected Table readBatch() throws IOException {
        if (schema != null) {
            buffer.clear();
        }
        try {
            while (buffer.rows() < batchRows) {
                if (!cursor.next()) {
                    exhausted = true;
                    break;
                }
                buffer.addRow(cursor.parser(), cursor.values(), cursor.source(), cursor.part(), cursor.line(),
                        cursor.offset());
                cursor.endRecord();
            }
        } catch (JsonProcessingException e) {
            throw JsonErrors.parse(cursor.source(), e, cursor.parser());
        } catch (CharConversionException e) {
            throw JsonErrors.encoding(cursor.source(), e);
        }
        batchNumber++;
        if (schema == null) {
            schema = buffer.schema();
        } else {
            Optional<Map.Entry<String, Integer>> unknown = buffer.unknownColumn(schema);
            if (unknown.isPresent()) {
                String column = unknown.get().getKey();
                throw error(unknown.get().getValue(), "the key '" + column + "' is not a column: the columns were"
                        + " fixed by the first " + batchRows + " rows of the stream; set the 'schema' option (for"
                        + " example schema: {" + column + ": string}) to declare it");
            }
        }
        return buffer.toTable(schema, this::cellError);
    }

    private DataFormatException cellError(int row, String column, String what) {
        String hint = "";
        if (batchNumber > 1 && options.declared(column).isEmpty()) {
            hint = inferredTypeHint(schema.field(column).orElseThrow().type(), column);
        }
        return error(row, "column '" + column + "': " + what + hint);
    }

    private DataFormatException error(int row, String what) {
        return JsonErrors.at(sources.get(buffer.part(row)), buffer.line(row), buffer.offset(row), what);
    }

    @Override
    public void close() throws IOException {
        cursor.close();
    }
}
