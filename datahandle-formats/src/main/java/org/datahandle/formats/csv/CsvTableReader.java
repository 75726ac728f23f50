package org.datahandle.formats.csv;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.datahandle.DataFormatException;
import org.datahandle.formats.common.BatchedTableReader;
import org.datahandle.spi.ReadSource;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Reads the parts of one piece of CSV data, in order, as batches of at most {@code batchRows} rows.
 *
 * <p>With {@code batchRows = Integer.MAX_VALUE} (a full read) types are inferred over every row of every
 * part. When streaming, they are inferred from the first batch; a later value that does not fit is a
 * {@link DataFormatException} that says to set the {@code schema} option.
 */
final class CsvTableReader extends BatchedTableReader {
    private final List<ReadSource> sources;
    private final CsvOptions options;
    private final int chunkBytes;
    private final byte[] nullBytes;
    private final Fields fields = new Fields();

    private int sourceIndex = -1;
    private InputStream stream;
    private CsvParser parser;
    private List<String> names;
    private int width;
    private boolean pending;
    private boolean opened;
    /** Where the first record (the header, when there is one) was: for errors about the columns. */
    private int headerSource;
    private long headerLine = 1;
    private long headerOffset;

    private RawBatch batch;
    private Schema schema;
    private int batchNumber;
    private boolean exhausted;

    CsvTableReader(List<ReadSource> sources, CsvOptions options, int batchRows, int chunkBytes) {
        super(batchRows);
        this.sources = List.copyOf(sources);
        this.options = options;
        this.chunkBytes = chunkBytes;
        this.nullBytes = options.nullBytes();
    }

    @Override
    protected Schema fixedSchema() {
        return schema;
    }

    @Override
    protected boolean exhausted() {
        return exhausted;
    }

    /** Parses up to batchRows records and converts them; fixes the schema on the first call. */
    @Override
    protected Table readBatch() throws IOException {
        if (!opened) {
            opened = true;
            start();
        }
        if (schema != null && exhausted) {
            return null;
        }
        if (batchRows == Integer.MAX_VALUE) {
            return readEverything();
        }
        batch.clear();
        while (batch.rows < batchRows) {
            if (!nextRecord()) {
                exhausted = true;
                break;
            }
            batch.add(fields, sourceIndex, nullBytes);
        }
        if (schema == null) {
            schema = decideSchema();
        }
        batchNumber++;
        return BatchConverter.convert(batch, schema, this::cellError);
    }

    /**
     * A full read: every part parsed in chunks on all cores ({@link ChunkedParse}), types inferred over
     * every row, and the columns converted in parallel.
     */
    private Table readEverything() throws IOException {
        exhausted = true;
        List<RawBatch> pieces = new ArrayList<>();
        batch.clear();
        pieces.add(batch);
        if (pending) {
            pending = false;
            checkWidth();
            batch.add(fields, sourceIndex, nullBytes);
        }
        boolean[] infer = new boolean[width];
        for (int c = 0; c < width; c++) {
            infer[c] = batch.candidates[c] != 0;
        }
        // the catalog's executor when the sources offer one, so that a .csv.bgz read uses one pool for both
        try (ChunkedParse chunks = new ChunkedParse(Runtime.getRuntime().availableProcessors(), chunkBytes,
                sources.get(0).executor().orElse(null))) {
            while (parser != null) {
                ReadSource source = sources.get(sourceIndex);
                byte[] head = parser.takeBuffered();
                ChunkedParse.Layout layout = new ChunkedParse.Layout(source.handleId(), source.location().uri(),
                        sourceIndex, options.delimiter(), options.quote(), nullBytes, width, infer);
                pieces.addAll(chunks.parse(layout, head, stream, parser.position(), parser.line()));
                if (!openNext()) {
                    break;
                }
                if (options.header() && nextNonBlank()) {
                    checkHeader();
                }
            }
            closeStream();
            for (RawBatch piece : pieces) {
                batch.mergeInference(piece);
            }
            schema = decideSchema();
            batchNumber++;
            return BatchConverter.convert(pieces, schema, this::cellError, chunks);
        }
    }

    /** Opens the first non-empty part and reads its header (or peeks its first record for the width). */
    private void start() throws IOException {
        while (openNext()) {
            if (nextNonBlank()) {
                headerSource = sourceIndex;
                headerLine = fields.line;
                headerOffset = fields.offset;
                if (options.header()) {
                    names = headerNames();
                } else {
                    names = new ArrayList<>();
                    for (int i = 1; i <= fields.count; i++) {
                        names.add("col" + i);
                    }
                    pending = true;
                }
                break;
            }
        }
        if (names == null) {
            names = List.of();
        }
        width = names.size();
        for (String column : options.schema().keySet()) {
            if (!names.contains(column)) {
                String what = "option 'schema' names column '" + column + "', which the data does not have; columns are "
                        + names;
                if (sources.isEmpty()) {
                    throw new IllegalArgumentException("handle '" + handleId() + "': " + what);
                }
                // The data contradicts the spec: a data error, at the header, like any other.
                ReadSource first = sources.get(headerSource);
                throw CsvErrors.at(first.handleId(), first.location().uri(), headerLine, headerOffset, what);
            }
        }
        boolean[] infer = new boolean[width];
        for (int c = 0; c < width; c++) {
            infer[c] = options.inferTypes() && !options.schema().containsKey(names.get(c));
        }
        batch = new RawBatch(width, infer);
    }

    /** The first record of the current part that is not a blank line. */
    private boolean nextNonBlank() throws IOException {
        while (parser.next(fields)) {
            if (fields.count > 0) {
                return true;
            }
        }
        return false;
    }

    private List<String> headerNames() {
        checkDelimiter();
        List<String> header = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.count; i++) {
            String name = fields.text(i);
            if (!seen.add(name)) {
                throw CsvErrors.at(handleId(), uri(), fields.line, fields.offset, "the header names column '" + name
                        + "' twice");
            }
            header.add(name);
        }
        return header;
    }

    /**
     * A header that is one unquoted name holding another common delimiter ({@code id,name,score} in a
     * {@code .tsv}) means the file uses another delimiter: reading it as one text column would silently
     * give the wrong table. A real one-column name with such a character can be quoted.
     */
    private void checkDelimiter() {
        if (fields.count != 1 || fields.quoted[0]) {
            return;
        }
        String name = fields.text(0);
        char delimiter = (char) options.delimiter();
        for (char other : new char[] {',', '\t', ';', '|'}) {
            if (other != delimiter && name.indexOf(other) >= 0) {
                throw CsvErrors.at(handleId(), uri(), fields.line, fields.offset, "the header is one column '"
                        + name.replace("\t", "\\t") + "', which holds '" + show(other) + "' but the delimiter is '"
                        + show(delimiter) + "': set the 'delimiter' option (or quote the name if it is one column)");
            }
        }
    }

    private static String show(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }

    private boolean openNext() throws IOException {
        closeStream();
        if (sourceIndex + 1 >= sources.size()) {
            return false;
        }
        sourceIndex++;
        ReadSource source = sources.get(sourceIndex);
        stream = source.open();
        parser = new CsvParser(stream, source.handleId(), source.location().uri(), options.delimiter(), options.quote());
        return true;
    }

    /** The next data record of width {@code width} into {@code fields}, across parts; false at the end. */
    private boolean nextRecord() throws IOException {
        if (pending) {
            pending = false;
            return checkWidth();
        }
        while (parser != null) {
            if (parser.next(fields)) {
                if (fields.count == 0) {
                    if (width != 1) {
                        continue; // a blank line
                    }
                    fields.startField(false);
                    fields.endField();
                }
                return checkWidth();
            }
            if (!openNext()) {
                closeStream();
                return false;
            }
            if (options.header() && nextNonBlank()) {
                checkHeader();
            }
        }
        return false;
    }

    /** The header of a later part, in {@code fields}, must be the first part's. */
    private void checkHeader() {
        List<String> header = new ArrayList<>();
        for (int i = 0; i < fields.count; i++) {
            header.add(fields.text(i));
        }
        if (!header.equals(names)) {
            throw CsvErrors.at(handleId(), uri(), fields.line, fields.offset, "the header " + header
                    + " differs from the header " + names + " of " + display(0)
                    + "; all parts of one handle must have the same columns");
        }
    }

    private boolean checkWidth() {
        if (fields.count != width) {
            throw CsvErrors.at(handleId(), uri(), fields.line, fields.offset, "expected " + width + " fields, got "
                    + fields.count);
        }
        return true;
    }

    private Schema decideSchema() {
        List<Field> fs = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            String name = names.get(c);
            DataType type = options.schema().get(name);
            if (type == null) {
                type = options.inferTypes() ? TextTypes.typeOf(batch.candidates[c], batch.sawValue[c]) : DataType.STRING;
            }
            fs.add(Field.of(name, type));
        }
        return Schema.of(fs);
    }

    private DataFormatException cellError(RawBatch batch, int row, int column, String what) {
        String name = names.get(column);
        String hint = "";
        if (batchNumber > 1 && options.inferTypes() && !options.schema().containsKey(name)) {
            hint = inferredTypeHint(schema.field(column).type(), name);
        }
        ReadSource source = sources.get(batch.sources[row]);
        return CsvErrors.at(source.handleId(), source.location().uri(), batch.lines[row], batch.offsets[row],
                "column '" + name + "': " + what + hint);
    }

    private String handleId() {
        return sources.isEmpty() ? "?" : sources.get(Math.max(sourceIndex, 0)).handleId();
    }

    private URI uri() {
        return sources.get(sourceIndex).location().uri();
    }

    private String display(int index) {
        return CsvErrors.display(sources.get(index).location().uri());
    }

    private void closeStream() throws IOException {
        parser = null;
        if (stream != null) {
            InputStream s = stream;
            stream = null;
            s.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeStream();
    }
}
