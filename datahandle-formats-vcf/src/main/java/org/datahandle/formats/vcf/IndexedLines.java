package org.datahandle.formats.vcf;

import java.io.IOException;
import java.util.List;

/**
 * The record lines inside an index's chunks: for each chunk, a stream from its first virtual
 * offset, ending at the first line that starts at or after the chunk's end. Only those BGZF
 * blocks are read.
 */
final class IndexedLines implements LineSource {
    /** A merged chunk and the contig it was looked up for. */
    record Span(String contig, TabixIndex.Chunk chunk) {}

    private final BgzfReader bgzf;
    private final List<Span> spans;
    private final VcfErrors errors;
    private final String indexName;
    private int next;
    private BgzfReader.Stream stream;
    private LineReader lines;
    private Span span;
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
            return true;
        }
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
