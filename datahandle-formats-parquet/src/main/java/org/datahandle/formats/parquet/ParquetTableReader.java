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
 * Without an executor everything happens on the reading thread. A full read keeps one row group per core in flight; a
 * stream one, so its memory stays that of a few row groups.
 */
final class ParquetTableReader implements TableReader {
    private final List<ReadSource> sources;
    private final ParquetOptions options;
    private final Schema schema;
    private final Executor executor;
    private final int ahead;
    private final Deque<Claimable<Table>> inFlight = new ArrayDeque<>();
    private final List<ParquetFile> open = new ArrayList<>();
    private int next;
    private ParquetFile current;
    private boolean closed;

    private ParquetTableReader(List<ReadSource> sources, ParquetOptions options, Schema schema, Executor executor,
            int ahead) {
        this.sources = sources;
        this.options = options;
        this.schema = schema;
        this.executor = executor;
        this.ahead = executor == null ? 0 : ahead;
    }

    /** A reader for a full read: one row group per core in flight. */
    static ParquetTableReader open(List<ReadSource> sources, ParquetOptions options) throws IOException {
        return open(sources, options, Runtime.getRuntime().availableProcessors());
    }

    /** A reader for streaming: the next row group decodes while the caller works on this one. */
    static ParquetTableReader openStream(List<ReadSource> sources, ParquetOptions options) throws IOException {
        return open(sources, options, 1);
    }

    private static ParquetTableReader open(List<ReadSource> sources, ParquetOptions options, int ahead)
            throws IOException {
        List<ReadSource> parts = List.copyOf(sources);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no Parquet files to read");
        }
        Schema schema = null;
        Where first = null;
        for (ReadSource source : parts) {
            try (ParquetFile file = ParquetFile.open(source, options.binaryAsString(), false)) {
                if (schema == null) {
                    schema = file.schema();
                    first = file.where();
                } else if (!schema.equals(file.schema())) {
                    throw file.where().corrupt("its schema " + file.schema() + " differs from the schema "
                            + schema + " of " + first.path() + "; the parts of one handle must have one schema", -1, null);
                }
            }
        }
        return new ParquetTableReader(parts, options, schema, parts.get(0).executor().orElse(null), ahead);
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
