package org.datahandle.formats.csv;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
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
 * part. When streaming, they are inferred from the first batch, or from the first {@code inferRows} rows
 * (all of them with {@code inferRows: all}: a first pass over the data that only infers, then the read);
 * a later value that does not fit is a {@link DataFormatException} that says to set the {@code schema} or
 * the {@code inferRows} option.
 *
 * <p>The options of real-world files hook in around the parse, which stays the same: {@link Transcoding}
 * and {@link SkippedLines} where a part is opened, comment lines in {@link CsvParser}, {@link ColumnPlan}
 * on the header, {@link CellPass} between parse and conversion, {@link BadRows} for rows left out.
 */
final class CsvTableReader extends BatchedTableReader {
    private final List<ReadSource> sources;
    private final CsvOptions options;
    private final int chunkBytes;
    private final byte[] nullBytes;
    private final byte[][] moreNulls;
    private final Fields fields = new Fields();
    /** Local numbers and dates; null when the options have none. */
    private final CellPass cellPass;
    /** Rows left out under {@code badRows: skip}; null when bad rows fail the read. */
    private final BadRows bad;
    /** A first pass that only infers types ({@link #sample}): reads no further than it must. */
    private final boolean sampling;

    private int sourceIndex = -1;
    private InputStream stream;
    private CsvParser parser;
    /** The first part's header as written, which every later part must repeat. */
    private List<String> rawNames;
    /** The columns the read keeps and their names. */
    private ColumnPlan plan;
    /** Per column of the file: whether its type is inferred. */
    private boolean[] inferred;
    /** Inference over the cells read in a local form ({@link #cellPass}), per column of the file. */
    private int[] localCandidates;
    private boolean[] localSaw;
    /** Types inferred by a first pass ({@code inferRows} beyond a batch, or all), or null. */
    private int[] preset;
    private boolean[] presetSaw;
    /** Inference stopped after this many rows of the first batch; the candidates as they were then. */
    private int[] frozen;
    private boolean[] frozenSaw;
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
        this(sources, options, batchRows, chunkBytes, false);
    }

    private CsvTableReader(List<ReadSource> sources, CsvOptions options, int batchRows, int chunkBytes,
            boolean sampling) {
        super(batchRows);
        this.sources = List.copyOf(sources);
        this.options = options;
        this.chunkBytes = chunkBytes;
        this.nullBytes = options.nullBytes();
        this.moreNulls = NullMarkers.more(options);
        this.cellPass = options.needsCellPass() ? new CellPass(options) : null;
        this.bad = options.badRows() == CsvOptions.BadRowPolicy.SKIP ? new BadRows(handleId()) : null;
        this.sampling = sampling;
    }

    /** Rows the types are inferred from when streaming: the first batch unless {@code inferRows} says otherwise. */
    private long inferLimit() {
        return options.inferRows().orElse(batchRows);
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
            if (batchRows != Integer.MAX_VALUE && options.inferTypes() && inferLimit() > batchRows) {
                firstPass();
            }
            start();
        }
        if (schema != null && exhausted) {
            return null;
        }
        if (batchRows == Integer.MAX_VALUE) {
            return readEverything();
        }
        fillBatch();
        if (schema == null) {
            if (preset == null && cellPass != null) {
                cellPass.infer(batch, inferred, localCandidates, localSaw, inferLimit());
            }
            schema = decideSchema();
        }
        batchNumber++;
        Table table = convert(batch);
        if (exhausted && bad != null) {
            bad.report();
        }
        return table;
    }

    /** Parses up to batchRows records into {@link #batch}; stops inferring once {@code inferRows} are in. */
    private void fillBatch() throws IOException {
        batch.clear();
        boolean freeze = schema == null && preset == null && cellPass == null && inferLimit() < batchRows;
        while (batch.rows < batchRows) {
            if (!nextRecord()) {
                exhausted = true;
                break;
            }
            batch.add(fields, sourceIndex, nullBytes);
            if (freeze && batch.rows == inferLimit()) {
                // the sample is complete: keep what it says, and stop narrowing on the rest of the batch
                frozen = batch.candidates.clone();
                frozenSaw = batch.sawValue.clone();
                java.util.Arrays.fill(batch.candidates, 0);
                freeze = false;
            }
        }
    }

    /**
     * {@code inferRows} beyond one batch: a pass over the data (a second opening of each part) that parses
     * and infers but keeps no rows, so the read that follows has its types before its first batch.
     */
    private void firstPass() throws IOException {
        try (CsvTableReader first = new CsvTableReader(sources, options, batchRows, chunkBytes, true)) {
            first.sample(inferLimit());
            preset = first.candidates();
            presetSaw = first.saw();
        }
    }

    /** The sampling pass: up to {@code limit} rows, inferred, none kept. */
    private void sample(long limit) throws IOException {
        start();
        long seen = 0;
        boolean more = true;
        while (more && seen < limit) {
            batch.clear();
            while (batch.rows < batchRows && seen + batch.rows < limit) {
                if (!nextRecord()) {
                    more = false;
                    break;
                }
                batch.add(fields, sourceIndex, nullBytes);
            }
            if (cellPass != null) {
                cellPass.infer(batch, inferred, localCandidates, localSaw, batch.rows);
            }
            seen += batch.rows;
        }
    }

    private int[] candidates() {
        return cellPass != null ? localCandidates : batch.candidates;
    }

    private boolean[] saw() {
        return cellPass != null ? localSaw : batch.sawValue;
    }

    /**
     * Converts the kept columns of one batch: projected ({@code columns}), rewritten to ISO ({@link CellPass}),
     * rows that do not fit left out ({@code badRows: skip}).
     */
    private Table convert(RawBatch raw) {
        RawBatch view = prepare(raw, cellPass);
        return BatchConverter.convert(view, schema, this::cellError);
    }

    private RawBatch prepare(RawBatch raw, CellPass pass) {
        RawBatch view = plan.keepsAll() ? raw : raw.project(plan.selected());
        if (pass != null) {
            pass.rewrite(view, schema);
        }
        if (bad != null) {
            view = RowFilter.dropUnfit(view, schema, plan.names(), sources, bad);
        }
        return view;
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
            if (checkWidth()) {
                batch.add(fields, sourceIndex, nullBytes);
            }
        }
        boolean[] infer = new boolean[width];
        for (int c = 0; c < width; c++) {
            infer[c] = batch.candidates[c] != 0;
        }
        ChunkedParse.Extras extras = options.comment() == CsvOptions.NO_COMMENT && moreNulls == null && bad == null
                ? ChunkedParse.Extras.NONE : new ChunkedParse.Extras(options.comment(), moreNulls, bad);
        ChunkTypes typing = chunkTyping();
        // the catalog's executor when the sources offer one, so that a .csv.bgz read uses one pool for both
        // a wide file's chunk is cut smaller: a chunk in flight holds a batch with every column sized for
        // its share, which for 1,000 columns is several times the chunk (the heap a wide file needs, ±)
        int chunk = width > 256 ? Math.min(chunkBytes, Math.max(1 << 20, (1 << 30) / width)) : chunkBytes;
        try (ChunkedParse chunks = new ChunkedParse(Runtime.getRuntime().availableProcessors(), chunk,
                sources.get(0).executor().orElse(null))) {
            while (parser != null) {
                ReadSource source = sources.get(sourceIndex);
                byte[] head = parser.takeBuffered();
                ChunkedParse.Layout layout = new ChunkedParse.Layout(source.handleId(), source.location().uri(),
                        sourceIndex, options.delimiter(), options.quote(), nullBytes, width, infer, extras, typing);
                pieces.addAll(chunks.parse(layout, head, stream, parser.position(), parser.line()));
                if (!openNext()) {
                    break;
                }
                if (options.header() && nextNonBlank()) {
                    checkHeader();
                }
            }
            closeStream();
            if (typing != null) {
                typing.release();
            }
            for (RawBatch piece : pieces) {
                batch.mergeInference(piece);
            }
            if (cellPass != null) {
                for (RawBatch piece : pieces) {
                    cellPass.infer(piece, inferred, localCandidates, localSaw, piece.rows);
                }
            }
            schema = decideSchema();
            batchNumber++;
            List<RawBatch> views = new ArrayList<>(pieces.size());
            for (RawBatch piece : pieces) {
                views.add(prepare(piece, cellPass));
            }
            pieces.clear();
            if (bad != null) {
                bad.report();
            }
            return BatchConverter.convert(views, schema, this::cellError, chunks);
        }
    }

    /**
     * Converting each chunk as it is parsed ({@link ChunkTypes}), or null where an option works on the text
     * of the whole read first: local number and date forms, bad rows left out, a column selection.
     */
    private ChunkTypes chunkTyping() {
        if (cellPass != null || bad != null || preset != null || !plan.keepsAll()) {
            return null;
        }
        List<String> names = plan.names();
        DataType[] fixed = new DataType[width];
        for (int c = 0; c < width; c++) {
            if (!inferred[c]) {
                fixed[c] = options.schema().getOrDefault(names.get(c), DataType.STRING);
            }
        }
        return new ChunkTypes(fixed);
    }

    /** Opens the first non-empty part and reads its header (or peeks its first record for the width). */
    private void start() throws IOException {
        while (openNext()) {
            if (nextNonBlank()) {
                headerSource = sourceIndex;
                headerLine = fields.line;
                headerOffset = fields.offset;
                if (options.header()) {
                    rawNames = headerNames();
                } else {
                    rawNames = new ArrayList<>();
                    for (int i = 1; i <= fields.count; i++) {
                        rawNames.add("col" + i);
                    }
                    pending = true;
                }
                break;
            }
        }
        if (rawNames == null) {
            rawNames = List.of();
        }
        width = rawNames.size();
        List<String> unique = ColumnPlan.unique(rawNames);
        try {
            plan = ColumnPlan.of(unique, options.columns());
        } catch (IllegalArgumentException e) {
            throw atHeader(e.getMessage());
        }
        List<String> names = plan.names();
        for (String column : options.schema().keySet()) {
            if (!names.contains(column)) {
                throw atHeader("option 'schema' names column '" + column + "', which the data does not have; columns"
                        + " are " + names);
            }
        }
        inferred = new boolean[width];
        for (int i = 0; i < plan.width(); i++) {
            inferred[plan.source(i)] = options.inferTypes() && !options.schema().containsKey(names.get(i));
        }
        // columns read in a local form, or typed by a first pass, are not inferred while parsing
        boolean inline = cellPass == null && preset == null;
        batch = new RawBatch(width, inline ? inferred : new boolean[width]);
        batch.moreNulls = moreNulls;
        if (cellPass != null) {
            localCandidates = new int[width];
            localSaw = new boolean[width];
            for (int c = 0; c < width; c++) {
                localCandidates[c] = inferred[c] ? TextTypes.ALL : 0;
            }
        }
    }

    /** The data contradicts the spec: a data error, at the header, like any other. */
    private RuntimeException atHeader(String what) {
        if (sources.isEmpty()) {
            return new IllegalArgumentException("handle '" + handleId() + "': " + what);
        }
        ReadSource first = sources.get(headerSource);
        return CsvErrors.at(first.handleId(), first.location().uri(), headerLine, headerOffset, what);
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

    /** The header as written; duplicates are made unique later ({@link ColumnPlan#unique}). */
    private List<String> headerNames() {
        checkDelimiter();
        List<String> header = new ArrayList<>();
        for (int i = 0; i < fields.count; i++) {
            header.add(fields.text(i));
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
        URI path = source.location().uri();
        if (options.transcodes()) {
            stream = Transcoding.toUtf8(stream, options.encoding(), source.handleId(), path);
        }
        if (options.skipRows() > 0) {
            SkippedLines skipped;
            try {
                skipped = SkippedLines.skip(stream, options.skipRows());
            } catch (CsvLimits.Exceeded e) {
                throw CsvErrors.at(source.handleId(), path, 1, 0, e.getMessage());
            }
            stream = skipped.rest();
            parser = CsvParser.resume(stream, skipped.bytes(), skipped.lines() + 1, source.handleId(), path,
                    options.delimiter(), options.quote());
        } else {
            parser = new CsvParser(stream, source.handleId(), path, options.delimiter(), options.quote());
        }
        parser.withComment(options.comment());
        return true;
    }

    /** The next data record of width {@code width} into {@code fields}, across parts; false at the end. */
    private boolean nextRecord() throws IOException {
        if (pending) {
            pending = false;
            if (checkWidth()) {
                return true;
            }
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
                if (checkWidth()) {
                    return true;
                }
                continue; // skipped (badRows: skip)
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
        if (!header.equals(rawNames)) {
            throw CsvErrors.at(handleId(), uri(), fields.line, fields.offset, "the header " + header
                    + " differs from the header " + rawNames + " of " + display(0)
                    + "; all parts of one handle must have the same columns");
        }
    }

    /** Whether the record has the header's width; if not, fails, or reports and skips it ({@code badRows: skip}). */
    private boolean checkWidth() {
        if (fields.count != width) {
            String what = "expected " + width + " fields, got " + fields.count;
            if (bad == null) {
                throw CsvErrors.at(handleId(), uri(), fields.line, fields.offset, what);
            }
            if (!sampling) {
                bad.add(new BadRows.Row(sourceIndex, uri(), fields.line, fields.offset, what));
            }
            return false;
        }
        return true;
    }

    private Schema decideSchema() {
        int[] candidates = preset != null ? preset : frozen != null ? frozen : candidates();
        boolean[] sawValue = preset != null ? presetSaw : frozen != null ? frozenSaw : saw();
        if (frozen != null) {
            System.arraycopy(frozen, 0, batch.candidates, 0, width);
        }
        List<String> names = plan.names();
        List<Field> fs = new ArrayList<>(plan.width());
        for (int i = 0; i < plan.width(); i++) {
            int c = plan.source(i);
            String name = names.get(i);
            DataType type = options.schema().get(name);
            if (type == null) {
                type = options.inferTypes() ? TextTypes.typeOf(candidates[c], sawValue[c]) : DataType.STRING;
            }
            fs.add(Field.of(name, type));
        }
        return Schema.of(fs);
    }

    private DataFormatException cellError(RawBatch batch, int row, int column, String what) {
        String name = plan.names().get(column);
        String hint = "";
        boolean sampled = batchNumber > 1 || (batchRows != Integer.MAX_VALUE && options.inferRows().isPresent());
        if (sampled && options.inferTypes() && !options.schema().containsKey(name)) {
            long sample = inferLimit();
            hint = "; the type " + schema.field(column).type().typeName() + " was inferred from the first " + sample
                    + " rows of the stream: set the 'inferRows' option (inferRows: all, or --infer-rows all on the"
                    + " command line, reads the data twice, first to infer) or the 'schema' option (for example schema: {" + name + ": string})";
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
        if (bad != null && !sampling) {
            bad.report();
        }
    }
}
