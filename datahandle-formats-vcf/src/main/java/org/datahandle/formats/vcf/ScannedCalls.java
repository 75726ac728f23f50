package org.datahandle.formats.vcf;

/**
 * The {@link DiploidScan} of the current line, done ahead by {@link ChunkedLines}: the codes of the
 * calls it took, and what it assumed (where the samples start, the ALT count and the line's end), for
 * the parser to check against what it found before it uses them.
 */
final class ScannedCalls {
    private ChunkedLines.Chunk chunk;
    private int line;

    void set(ChunkedLines.Chunk chunk, int line) {
        this.chunk = chunk;
        this.line = line;
    }

    boolean valid() {
        return chunk.codeAt[line] >= 0;
    }

    /** Whether the scan started where the parser's samples start, with its ALT count, up to its end of line. */
    boolean matches(int samplesStart, int altCount, int end) {
        return chunk.codeAt[line] >= 0 && chunk.samplesStart[line] == samplesStart
                && chunk.altCount[line] == altCount && chunk.ends[line] == end;
    }

    byte[] codes() {
        return chunk.codes;
    }

    int offset() {
        return chunk.codeAt[line];
    }

    /** How many samples the scan took. */
    int count() {
        return chunk.count[line];
    }

    /** Where the first sample it did not take starts (past the end when it took all). */
    int stop() {
        return chunk.stop[line];
    }
}
