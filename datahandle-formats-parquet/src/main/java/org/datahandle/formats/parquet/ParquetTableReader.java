package org.datahandle.formats.parquet;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.TableReader;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * The row groups of several Parquet files, in order, one batch per row group. All footers are read
 * when the reader opens, so a part whose schema differs fails before any data is returned; data
 * files are then opened one at a time.
 *
 * <p>Row groups decode in parallel: the reading thread reads the pages of the next row groups (the
 * I/O, in file order) and hands each to the catalog's executor to decompress and decode, keeping up
 * to {@code ahead} of them in flight; batches still come out in order. A row group no pool thread
 * has started when its turn comes is decoded by the reading thread itself ({@link Claimable}).
 * Without an executor everything happens on the reading thread. A full read keeps one row group per core in flight.
 *
 * <p>A stream instead cuts each row group into batches of at most {@link #STREAM_BATCH_ROWS} rows,
 * decoding only the pages each batch needs ({@link ParquetFile.Batches}), so the first rows of a
 * file with one huge row group come after one batch, not the whole row group, and a progress bar
 * moves batch by batch. The next batch of the row group decodes on the executor while the caller
 * works on this one. Its pages are still read (compressed) a row group at a time.
 */
final class ParquetTableReader implements TableReader {
    /** Rows per batch of a stream at most: the batch size of the other codecs' streams. */
    static final int STREAM_BATCH_ROWS = 65_536;
    /** Compressed pages a whole read holds beyond one row group per core, at most. */
    private static final long READ_AHEAD_BYTES = 64L << 20;

    private final List<ReadSource> sources;
    private final ParquetOptions options;
    private final Schema schema;
    private final Executor executor;
    private final int ahead;
    private final boolean stream;
    /** The rows of all files and the row groups that hold them, from the footers, for a whole read. */
    private final long totalRows;
    private final int totalGroups;
    /** Whether batches were taken, so a whole read must go on from where they left off. */
    private boolean started;
    /** A stream's row group being read, and the decoding of its next batch when one is under way. */
    private ParquetFile.Batches batches;
    private Claimable<Optional<Table>> pendingBatch;
    private final Deque<Claimable<Table>> inFlight = new ArrayDeque<>();
    private final List<ParquetFile> open = new ArrayList<>();
    private int next;
    private ParquetFile current;
    private boolean closed;

    private ParquetTableReader(List<ReadSource> sources, ParquetOptions options, Schema schema, Executor executor,
            int ahead, boolean stream, long totalRows, int totalGroups) {
        this.stream = stream;
        this.totalRows = totalRows;
        this.totalGroups = totalGroups;
        this.sources = sources;
        this.options = options;
        this.schema = schema;
        this.executor = executor;
        this.ahead = executor == null ? 0 : ahead;
    }

    /** A reader for a full read: one row group per core in flight. */
    static ParquetTableReader open(List<ReadSource> sources, ParquetOptions options) throws IOException {
        return open(sources, options, Runtime.getRuntime().availableProcessors(), false);
    }

    /** A reader for streaming: the next row group decodes while the caller works on this one. */
    static ParquetTableReader openStream(List<ReadSource> sources, ParquetOptions options) throws IOException {
        return open(sources, options, 1, true);
    }

    private static ParquetTableReader open(List<ReadSource> sources, ParquetOptions options, int ahead, boolean stream)
            throws IOException {
        List<ReadSource> parts = List.copyOf(sources);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no Parquet files to read");
        }
        Schema schema = null;
        Where first = null;
        long rows = 0;
        int groups = 0;
        // the first file stays open for the read, so its footer is read once; the others are opened again in turn
        ParquetFile kept = null;
        try {
            for (ReadSource source : parts) {
                ParquetFile file = ParquetFile.open(source, options.binaryAsString(), false);
                try {
                    for (long r : file.rowGroupRows()) {
                        rows += r;
                        groups += r > 0 ? 1 : 0;
                    }
                    if (schema == null) {
                        schema = file.schema();
                        first = file.where();
                    } else if (!schema.equals(file.schema())) {
                        throw file.where().corrupt("its schema " + file.schema() + " differs from the schema "
                                + schema + " of " + first.path() + "; the parts of one handle must have one schema", -1,
                                null);
                    }
                } finally {
                    if (kept == null) {
                        kept = file;
                    } else {
                        file.close();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (kept != null) {
                try {
                    kept.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        ParquetTableReader reader = new ParquetTableReader(parts, options, schema, parts.get(0).executor().orElse(null),
                ahead, stream, rows, groups);
        reader.current = kept;
        reader.open.add(kept);
        reader.next = 1;
        return reader;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Optional<Table> next() throws IOException {
        if (closed) {
            return Optional.empty();
        }
        started = true;
        if (stream) {
            return nextStreamBatch();
        }
        if (ahead == 0) {
            Optional<ParquetFile.RowGroupPages> pages = nextPages();
            return pages.isEmpty() ? Optional.empty() : Optional.of(pages.get().file().decode(pages.get()));
        }
        while (inFlight.size() <= ahead) {
            Optional<ParquetFile.RowGroupPages> pages = nextPages();
            if (pages.isEmpty()) {
                break;
            }
            inFlight.addLast(submit(pages.get()));
        }
        Claimable<Table> first = inFlight.pollFirst();
        if (first == null) {
            return Optional.empty();
        }
        return Optional.of(first.join());
    }

    /**
     * All rows as one table, decoded in place: the footers give every row group's rows, so each
     * column's final array is allocated once and every row group decodes into its own rows of it
     * ({@link WholeTable}), in parallel as {@link #next} does, with no table per row group and no
     * concatenation. After batches were taken, or when the footers claim more rows than a quarter of
     * the heap holds ({@link WholeTable#fits}), the batches are concatenated as before.
     */
    @Override
    public Table readAll() throws IOException {
        if (closed || stream || started || !WholeTable.fits(schema, totalRows)) {
            return TableReader.super.readAll();
        }
        started = true;
        WholeTable whole = new WholeTable(schema, (int) totalRows, totalGroups);
        // Reading a row group's pages is this thread's work, decoding them the pool's; with only one
        // row group in flight per core, this thread, sharing the cores with the pool, could not read
        // ahead fast enough and the pool waited (seen: tasks started 4 ms apart, each 5 ms long, on
        // 2 cores). Up to four per core keep it fed, as long as their compressed pages stay under
        // READ_AHEAD_BYTES; one per core always.
        Deque<Claimable<Boolean>> decoding = new ArrayDeque<>();
        Deque<Long> held = new ArrayDeque<>();
        long heldBytes = 0;
        int base = 0;
        int ordinal = 0;
        try {
            for (Optional<ParquetFile.RowGroupPages> next = nextPages(); next.isPresent(); next = nextPages()) {
                ParquetFile.RowGroupPages pages = next.get();
                long rows = pages.block().getRowCount();
                if (ordinal == totalGroups || rows > totalRows - base) {
                    throw pages.file().where().corrupt("row group " + pages.index() + " holds rows beyond the "
                            + totalRows + " that the footers held when the read began (the file changed)",
                            pages.block().getStartingPos(), null);
                }
                ColumnTarget.Slot slot = new ColumnTarget.Slot(ordinal++, base, (int) rows);
                base += (int) rows;
                decoding.addLast(Claimable.submit(() -> {
                    pages.file().decodeInto(pages, whole, slot);
                    return true;
                }, executor));
                long bytes = pages.block().getCompressedSize();
                held.addLast(bytes);
                heldBytes += bytes;
                while (decoding.size() > ahead && (decoding.size() > 4 * ahead || heldBytes > READ_AHEAD_BYTES)) {
                    decoding.pollFirst().join();
                    heldBytes -= held.pollFirst();
                }
            }
            while (!decoding.isEmpty()) {
                decoding.pollFirst().join();
            }
        } finally {
            for (Claimable<Boolean> task : decoding) {
                task.cancel();
            }
        }
        if (base != totalRows || ordinal != totalGroups) {
            throw new IOException("the files hold " + base + " rows in " + ordinal + " row groups where their footers held "
                    + totalRows + " in " + totalGroups + " when the read began (a file changed)");
        }
        return whole.build();
    }

    /**
     * The next bounded batch of a stream: of the current row group, else of the next one. Page
     * reads (I/O) stay on this thread; only the decoding of a row group's next batch goes to the
     * executor, one at a time, since a row group's batches share its decoders.
     */
    private Optional<Table> nextStreamBatch() throws IOException {
        while (true) {
            if (batches == null) {
                Optional<ParquetFile.RowGroupPages> pages = nextPages();
                if (pages.isEmpty()) {
                    return Optional.empty();
                }
                batches = pages.get().file().new Batches(pages.get());
            }
            Claimable<Optional<Table>> pending = pendingBatch;
            pendingBatch = null;
            ParquetFile.Batches current = batches;
            Optional<Table> batch = pending != null ? pending.join() : current.next(STREAM_BATCH_ROWS);
            if (batch.isEmpty()) {
                batches = null;
                continue;
            }
            if (executor != null && batch.get().rowCount() == STREAM_BATCH_ROWS) {
                // a full batch: the row group may hold more, decode it while the caller works
                pendingBatch = Claimable.submit(() -> current.next(STREAM_BATCH_ROWS), executor);
            }
            return batch;
        }
    }

    private Claimable<Table> submit(ParquetFile.RowGroupPages pages) {
        return Claimable.submit(() -> pages.file().decode(pages), executor);
    }

    /** The pages of the next row group of the current file, or of the next file. */
    private Optional<ParquetFile.RowGroupPages> nextPages() throws IOException {
        while (true) {
            if (current == null) {
                if (next == sources.size()) {
                    return Optional.empty();
                }
                current = ParquetFile.open(sources.get(next++), options.binaryAsString(), false);
                open.add(current);
            }
            Optional<ParquetFile.RowGroupPages> pages = current.nextPages();
            if (pages.isPresent()) {
                return pages;
            }
            // Its pages are all in memory; row groups still decoding need only its decompressors,
            // which outlive a close (Decompressors.release).
            current = null;
            closeFinished();
        }
    }

    /** Closes the files whose row groups are all read. */
    private void closeFinished() throws IOException {
        while (!open.isEmpty() && open.get(0) != current) {
            open.remove(0).close();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (Claimable<Table> f : inFlight) {
            f.cancel();
        }
        inFlight.clear();
        if (pendingBatch != null) {
            pendingBatch.cancel();
            pendingBatch = null;
        }
        batches = null;
        current = null;
        next = sources.size();
        IOException failure = null;
        for (ParquetFile f : open) {
            try {
                f.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
