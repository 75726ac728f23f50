package org.datahandle.formats.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * The {@code skipRows} option: the first lines of a file (a title, notes, a blank line) read past before
 * the parser starts, so they need not be CSV at all. Lines end as the parser's do (LF, CRLF or a lone
 * CR); a quote in them means nothing.
 *
 * @param rest the stream after the skipped lines
 * @param bytes how many bytes were skipped: the parser's byte offsets start there
 * @param lines how many lines were skipped (fewer when the file ended first)
 */
record SkippedLines(InputStream rest, long bytes, long lines) {

    static SkippedLines skip(InputStream in, int count) throws IOException {
        if (count == 0) {
            return new SkippedLines(in, 0, 0);
        }
        PushbackInputStream stream = new PushbackInputStream(in, 1);
        long bytes = 0;
        long lines = 0;
        long maxLine = CsvLimits.maxRecordBytes();
        long lineBytes = 0;
        while (lines < count) {
            int b = stream.read();
            if (b < 0) {
                break;
            }
            bytes++;
            if (b == '\n') {
                lines++;
                lineBytes = 0;
            } else if (b == '\r') {
                lines++;
                lineBytes = 0;
                int next = stream.read();
                if (next == '\n') {
                    bytes++;
                } else if (next >= 0) {
                    stream.unread(next);
                }
            } else if (++lineBytes > maxLine) {
                throw CsvLimits.recordTooLong(maxLine);
            }
        }
        return new SkippedLines(stream, bytes, lines);
    }
}
