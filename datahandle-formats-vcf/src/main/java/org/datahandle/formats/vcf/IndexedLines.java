package org.datahandle.formats.vcf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The record lines inside an index's chunks: for each chunk, a stream from its first virtual
 * offset, ending at the first line that starts at or after the chunk's end, or earlier at the first
 * record past the last region of the chunk's contig (a record of another contig, or one whose POS
 * lies beyond every region's end), as htslib's iterator stops. Only those BGZF blocks are read: an
 * index chunk ends at the end of its bin, often 16 kb of positions past a small region, and the file
 * is sorted (tabix indexes nothing else), so no later record of the chunk can overlap.
 */
final class IndexedLines implements LineSource {
    /**
     * A merged chunk, the contig it was looked up for, and the last position any region of that
     * contig reaches ({@link Long#MAX_VALUE} for an open end).
     */
    record Span(String contig, TabixIndex.Chunk chunk, long lastPosition) {}

    private final BgzfReader bgzf;
    private final List<Span> spans;
    private final VcfErrors errors;
    private final String indexName;
    private int next;
    private BgzfReader.Stream stream;
    private LineReader lines;
    private Span span;
    /** The span's contig as the file writes it, to compare with a record's CHROM without a String. */
    private byte[] contig;
    private boolean first;

    IndexedLines(BgzfReader bgzf, List<Span> spans, VcfErrors errors, String indexName) {
        this.bgzf = bgzf;
        this.spans = spans;
        this.errors = errors;
        this.indexName = indexName;
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            if (lines == null) {
                if (next == spans.size()) {
                    return false;
                }
                span = spans.get(next++);
                if ((span.chunk().begin() >>> 16) >= bgzf.length()) {
                    throw mismatch("its chunk for " + span.contig() + " starts at byte " + (span.chunk().begin() >>> 16)
                            + ", past the end of the file (" + bgzf.length() + " bytes)");
                }
                contig = span.contig().getBytes(StandardCharsets.UTF_8);
                stream = bgzf.from(span.chunk().begin());
                lines = new LineReader(stream, errors, 1);
                first = true;
            } else {
                first = false;
            }
            if (!lines.next()) {
                lines = null;
                continue;
            }
            long at = stream.virtualOffsetOf(lines.lineOffset());
            if (!first && at >= span.chunk().end()) {
                lines = null;
                continue;
            }
            if (first) {
                checkStart();
            }
            if (pastRegions()) {
                lines = null;
                continue;
            }
            return true;
        }
    }

    /**
     * Whether the line is a record of another contig or one starting past {@link Span#lastPosition}.
     * A line that does not look like a record (blank, a header line, no tab, a POS that is not a
     * number) is not judged here: the reader and the parser report it as they would in a scan.
     */
    private boolean pastRegions() {
        byte[] b = lines.buffer();
        int s = lines.start();
        int e = lines.end();
        int tab = s;
        while (tab < e && b[tab] != '\t') {
            tab++;
        }
        if (tab == s || tab == e || b[s] == '#') {
            return false;
        }
        if (!Arrays.equals(b, s, tab, contig, 0, contig.length)) {
            return true;
        }
        int posEnd = tab + 1;
        while (posEnd < e && b[posEnd] != '\t') {
            posEnd++;
        }
        return Values.parsePosition(b, tab + 1, posEnd) > span.lastPosition();
    }

    /** The first line of a chunk must be a record of the contig looked up; otherwise the index is not this file's. */
    private void checkStart() {
        byte[] b = lines.buffer();
        int tab = lines.start();
        while (tab < lines.end() && b[tab] != '\t') {
            tab++;
        }
        String chrom = Values.text(b, lines.start(), tab);
        if (!chrom.equals(span.contig()) || tab == lines.end()) {
            throw mismatch("its chunk for contig " + span.contig() + " starts at virtual offset " + span.chunk().begin()
                    + ", where the file has '" + VcfHeader.printable(lines.text()) + "' instead of a record of that"
                    + " contig");
        }
    }

    private org.datahandle.DataFormatException mismatch(String what) {
        return errors.file("the index " + indexName + " does not match the file (rebuild it with"
                + " 'tabix -p vcf'): " + what);
    }

    @Override
    public byte[] buffer() {
        return lines.buffer();
    }

    @Override
    public int start() {
        return lines.start();
    }

    @Override
    public int end() {
        return lines.end();
    }

    @Override
    public long lineNumber() {
        return -1;
    }
}
