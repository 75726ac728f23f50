package org.datahandle.formats.vcf;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.SeekableInput;
import org.datahandle.spi.TableReader;
import org.datahandle.table.Schema;
import org.datahandle.table.Table;

/**
 * Reads the parts of a handle in order as one table. The first part's header fixes the schema;
 * every later part's header must agree with it (samples in the same order, the same INFO and
 * FORMAT definitions), or the read fails naming both files. With regions, a part that has a
 * {@code .tbi} or {@code .csi} beside it is read through its index (only the BGZF blocks the
 * regions need); one without is scanned whole, with a warning.
 */
final class VcfTableReader implements TableReader {
    private static final System.Logger LOG = System.getLogger(VcfTableReader.class.getName());
    static final List<String> INDEX_SUFFIXES = List.of(".tbi", ".csi");

    private final List<ReadSource> sources;
    private final VcfOptions options;
    private final int batchRows;
    private final Set<String> warned = new HashSet<>();
    private final TableShape shape;
    private final RecordParser parser;
    private final VcfErrors firstErrors;
    private int nextSource;
    private Part part;
    private boolean done;

    /** One open part: where its lines come from, what to close, and the decompressed stream of a scan (else null). */
    private record Part(LineSource lines, VcfErrors errors, List<Closeable> resources, InputStream stream) {}

    private VcfTableReader(List<ReadSource> sources, VcfOptions options, int batchRows, Part first, VcfHeader header) {
        this.sources = sources;
        this.options = options;
        this.batchRows = batchRows;
        this.part = first;
        this.firstErrors = first.errors();
        this.nextSource = 1;
        this.shape = new TableShape(header, options, first.errors());
        this.parser = new RecordParser(shape, first.errors(), options.lenient(), options.regions(), warned);
        this.part = readAhead(first, sources.get(0));
    }

    /**
     * A scanned part's records from here on come through {@link ChunkedLines}: read ahead in chunks,
     * their lines found and their genotypes scanned on the source's executor, parsed in order here.
     */
    private Part readAhead(Part p, ReadSource source) {
        if (!(p.lines() instanceof LineReader header)) {
            return p; // through an index: the few blocks a region needs, read as they come
        }
        ChunkedLines lines = new ChunkedLines(p.stream(), header.unread(), header.atEnd(), header.lineNumber(),
                p.errors(), source.executor().orElse(null), parser.diploidScanSamples());
        return new Part(lines, p.errors(), p.resources(), p.stream());
    }

    static VcfTableReader open(List<ReadSource> sources, VcfOptions options, int batchRows) throws IOException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no VCF files to read");
        }
        List<VcfHeader> header = new ArrayList<>(1);
        Part first = openPart(sources.get(0), options, header);
        try {
            return new VcfTableReader(List.copyOf(sources), options, batchRows, first, header.get(0));
        } catch (RuntimeException e) {
            closeAll(first.resources());
            throw e;
        }
    }

    /** Opens a part and reads its header into {@code headerOut}. */
    private static Part openPart(ReadSource source, VcfOptions options, List<VcfHeader> headerOut)
            throws IOException {
        VcfErrors errors = new VcfErrors(source.handleId(), source.location());
        List<Closeable> resources = new ArrayList<>();
        try {
            if (!options.regions().isEmpty()) {
                Optional<Part> indexed = openIndexed(source, options, errors, resources, headerOut);
                if (indexed.isPresent()) {
                    return indexed.get();
                }
                LOG.log(System.Logger.Level.WARNING, "handle ''{0}'': {1} has no .tbi or .csi index (or is not BGZF);"
                        + " scanning the whole file for regions {2}", source.handleId(), errors.file(), options.regions());
            }
            InputStream in = source.open();
            resources.add(in);
            LineReader lines = new LineReader(in, errors, 1);
            headerOut.add(VcfHeader.read(lines, errors, options.lenient()));
            return new Part(lines, errors, resources, in);
        } catch (IOException | RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static Optional<Part> openIndexed(ReadSource source, VcfOptions options, VcfErrors errors,
            List<Closeable> resources, List<VcfHeader> headerOut) throws IOException {
        for (String suffix : INDEX_SUFFIXES) {
            Optional<InputStream> indexStream = source.openSidecar(suffix);
            if (indexStream.isEmpty()) {
                continue;
            }
            String indexName = source.location().fileName() + suffix;
            TabixIndex index;
            try (InputStream in = indexStream.get()) {
                index = TabixIndex.read(in, errors, indexName);
            }
            SeekableInput input = source.openSeekable();
            resources.add(input);
            BgzfReader bgzf = new BgzfReader(input, errors);
            byte[] magic = new byte[18];
            if (bgzf.length() < 18 || input.read(0, magic, 0, 18) < 18 || (magic[3] & 4) == 0 || magic[12] != 'B') {
                throw errors.file("has an index " + indexName + " but is not BGZF-compressed, so the index cannot"
                        + " be its own; compress it with bgzip and rebuild the index with 'tabix -p vcf'");
            }
            LineReader headerLines = new LineReader(bgzf.from(0), errors, 1);
            headerOut.add(VcfHeader.read(headerLines, errors, options.lenient()));
            List<IndexedLines.Span> spans = new ArrayList<>();
            List<String> contigs = new ArrayList<>();
            for (Region r : options.regions()) {
                if (!contigs.contains(r.chrom())) {
                    contigs.add(r.chrom());
                }
            }
            for (String contig : contigs) {
                List<TabixIndex.Chunk> chunks = new ArrayList<>();
                for (Region r : options.regions()) {
                    if (r.chrom().equals(contig)) {
                        chunks.addAll(index.query(contig, r.start(), r.end()));
                    }
                }
                long last = options.regions().stream().filter(r -> r.chrom().equals(contig)).mapToLong(Region::end)
                        .max().orElseThrow();
                for (TabixIndex.Chunk c : TabixIndex.merge(chunks)) {
                    spans.add(new IndexedLines.Span(contig, c, last));
                }
            }
            // file order, so that records come out as a scan would give them
            spans.sort(java.util.Comparator.comparingLong(s -> s.chunk().begin()));
            return Optional.of(new Part(new IndexedLines(bgzf, spans, errors, indexName), errors, resources, null));
        }
        return Optional.empty();
    }

    @Override
    public Schema schema() {
        return shape.schema;
    }

    @Override
    public Optional<Table> next() throws IOException {
        if (done) {
            return Optional.empty();
        }
        while (parser.rows() < batchRows) {
            if (part == null && !openNext()) {
                done = true;
                break;
            }
            LineSource lines = part.lines();
            if (!lines.next()) {
                closeAll(part.resources());
                part = null;
                continue;
            }
            int s = lines.start();
            int e = lines.end();
            if (s == e) {
                continue; // a blank line (often the last): nothing to read
            }
            byte[] b = lines.buffer();
            if (b[s] == '#') {
                throw part.errors().at(lines.lineNumber(), "a header line after the first record");
            }
            parser.errors(part.errors()).parse(b, s, e, lines.lineNumber(), lines.scanned());
        }
        if (parser.rows() == 0) {
            return Optional.empty();
        }
        return Optional.of(Reshape.apply(shape, parser.finish()));
    }

    private boolean openNext() throws IOException {
        if (nextSource >= sources.size()) {
            return false;
        }
        ReadSource source = sources.get(nextSource++);
        List<VcfHeader> header = new ArrayList<>(1);
        Part p = openPart(source, options, header);
        Optional<String> disagreement = shape.header.disagreement(header.get(0));
        if (disagreement.isPresent()) {
            closeAll(p.resources());
            throw p.errors().file("its header disagrees with that of " + firstErrors.file() + ", the handle's first"
                    + " part: " + disagreement.get() + "; the parts of one handle must have the same samples in the"
                    + " same order and the same INFO and FORMAT definitions");
        }
        part = readAhead(p, source);
        return true;
    }

    @Override
    public void close() throws IOException {
        if (part != null) {
            closeAll(part.resources());
            part = null;
        }
        done = true;
    }

    private static void closeAll(List<Closeable> resources) {
        for (Closeable c : resources) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a read-only source: nothing is lost
            }
        }
    }
}
