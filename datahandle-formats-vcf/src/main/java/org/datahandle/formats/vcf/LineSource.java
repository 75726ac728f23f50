package org.datahandle.formats.vcf;

import java.io.IOException;

/** Lines as byte ranges: a whole file read in order, or the chunks an index points at. */
interface LineSource {
    boolean next() throws IOException;

    byte[] buffer();

    int start();

    int end();

    /** 1-based line number, or -1 when not known (records reached through an index). */
    long lineNumber();

    /** The diploid scan of the current line, when a source did it ahead ({@link ChunkedLines}); else null. */
    default ScannedCalls scanned() {
        return null;
    }
}
