package org.datahandle.formats.csv;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.datahandle.DataFormatException;

/**
 * An RFC 4180 tokenizer over the bytes of one source: records end at LF, CRLF or a lone CR; a field in
 * quotes may hold delimiters, line breaks and doubled quotes. It validates UTF-8 as it goes, skips a UTF-8
 * byte order mark, and reports the 1-based line and byte offset of every problem.
 *
 * <p>A quote inside an unquoted field is kept as text (common in the wild, and nothing is lost); text
 * after a closing quote is an error, since the intended value is unclear.
 */
final class CsvParser {
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;
    static final int NO_QUOTE = 256;

    /** Null when parsing one chunk of bytes ({@link #ofChunk}). */
    private final InputStream in;
    private final String handleId;
    private final URI path;
    private final byte delimiter;
    /** The quote byte, or {@link #NO_QUOTE}, a value no byte equals. */
    private final int quote;
    private byte[] buf;
    private int pos;
    private int limit;
    /** Offset in the stream of {@code buf[0]}. */
    private long bufStart;
    private long line = 1;
    private boolean eof;
    private boolean pendingLf;
    private boolean started;
    private boolean quotedCr;
    /** The byte that starts a comment line ({@code comment} option), or {@link CsvOptions#NO_COMMENT}. */
    private int comment = CsvOptions.NO_COMMENT;
    /** Set when the input ended inside a quoted field: for a chunk, a record that goes on in the next chunk. */
    private boolean endedInQuote;

    // UTF-8 validation state: continuation bytes still expected, and the range the next one must fall in.
    private int utf8Remaining;
    private int utf8Low = 0x80;
    private int utf8High = 0xBF;
    private long utf8Start;

    CsvParser(InputStream in, String handleId, URI path, byte delimiter, int quote) {
        this.in = in;
        this.buf = new byte[1 << 16];
        this.handleId = handleId;
        this.path = path;
        this.delimiter = delimiter;
        this.quote = quote;
    }

    /**
     * A parser over {@code chunk[0, length)}, which starts at a record boundary (after the BOM and
     * header) at byte {@code offset} and line {@code line} of the source. The array is read in place.
     */
    static CsvParser ofChunk(byte[] chunk, int length, long offset, long line, String handleId, URI path,
            byte delimiter, int quote) {
        CsvParser p = new CsvParser(null, handleId, path, delimiter, quote);
        p.buf = chunk;
        p.limit = length;
        p.bufStart = offset;
        p.line = line;
        p.started = true;
        p.eof = true;
        return p;
    }

    /**
     * Moves a chunk parser ({@link #ofChunk}) to {@code position} of its chunk, a record boundary on
     * {@code atLine}: the fast path of a chunk parse hands over records it does not handle.
     */
    void seek(int position, long atLine) {
        pos = position;
        line = atLine;
        pendingLf = false;
        utf8Remaining = 0;
        utf8Low = 0x80;
        utf8High = 0xBF;
    }

    /** Position in a chunk parser's chunk of the next byte to parse. */
    int chunkPosition() {
        return pos;
    }

    /** A parser over {@code in}, which starts at a record boundary at byte {@code offset} and line {@code line}. */
    static CsvParser resume(InputStream in, long offset, long line, String handleId, URI path, byte delimiter,
            int quote) {
        CsvParser p = new CsvParser(in, handleId, path, delimiter, quote);
        p.bufStart = offset;
        p.line = line;
        p.started = true;
        return p;
    }

    /** Makes lines that start with {@code commentByte} comments, skipped whole; returns this parser. */
    CsvParser withComment(int commentByte) {
        this.comment = commentByte;
        return this;
    }

    /** Whether the input ended inside a quoted field (the unterminated-quote error was thrown). */
    boolean endedInQuote() {
        return endedInQuote;
    }

    /** Offset in the source of the next byte to parse. */
    long position() {
        return bufStart + pos;
    }

    /**
     * The bytes read from the stream but not parsed yet, with a LF that completes a CRLF split by the
     * buffer end already dropped; the stream itself continues after them. Only between records; the
     * parser reads nothing more afterwards, and {@link #position()} is the offset of the first byte returned.
     */
    byte[] takeBuffered() throws IOException {
        if (pendingLf) {
            if (pos == limit && !fill()) {
                return new byte[0];
            }
            pendingLf = false;
            if (buf[pos] == '\n') {
                pos++;
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(buf, pos, limit);
        // position() now gives the source offset of rest[0]; this parser reads nothing more
        bufStart += pos;
        pos = 0;
        limit = 0;
        eof = true;
        return rest;
    }

    /** The 1-based line the parser is on. */
    long line() {
        return line;
    }

    /**
     * Reads the next record into {@code fields}.
     *
     * @return false at the end of the source
     * @throws DataFormatException on an unterminated quote, text after a closing quote, or invalid UTF-8
     */
    boolean next(Fields fields) throws IOException {
        try {
            return nextRecord(fields);
        } catch (CsvLimits.Exceeded e) {
            throw CsvErrors.at(handleId, path, fields.line, fields.offset, e.getMessage());
        }
    }

    private boolean nextRecord(Fields fields) throws IOException {
        fields.clear();
        if (!started) {
            started = true;
            skipBom();
        }
        int state = FIELD_START;
        long quoteLine = 0;
        long quoteOffset = 0;
        boolean any = false;
        while (true) {
            if (pos == limit && !fill()) {
                break;
            }
            if (!any) {
                if (pendingLf) {
                    pendingLf = false;
                    if (buf[pos] == '\n') {
                        pos++;
                        continue;
                    }
                }
                any = true;
                fields.line = line;
                fields.offset = bufStart + pos;
                if ((buf[pos] & 0xff) == comment) {
                    skipCommentLine();
                    any = false;
                    continue;
                }
            }
            byte b = buf[pos];
            switch (state) {
                case FIELD_START -> {
                    if (b == quote) {
                        fields.startField(true);
                        quoteLine = line;
                        quoteOffset = bufStart + pos;
                        quotedCr = false;
                        state = QUOTED;
                        pos++;
                    } else if (b == delimiter) {
                        fields.startField(false);
                        fields.endField();
                        pos++;
                    } else if (b == '\n' || b == '\r') {
                        if (fields.count > 0) {
                            fields.startField(false);
                            fields.endField();
                        }
                        endOfLine(b);
                        return true;
                    } else {
                        fields.startField(false);
                        state = UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    int start = pos;
                    while (pos < limit) {
                        byte c = buf[pos];
                        if (c == delimiter || c == '\n' || c == '\r') {
                            break;
                        }
                        if (c < 0 || utf8Remaining > 0) {
                            utf8(c, bufStart + pos);
                        }
                        pos++;
                    }
                    fields.append(buf, start, pos - start);
                    if (pos < limit) {
                        byte c = buf[pos];
                        checkUtf8Complete();
                        fields.endField();
                        if (c == delimiter) {
                            pos++;
                            state = FIELD_START;
                        } else {
                            endOfLine(c);
                            return true;
                        }
                    }
                }
                case QUOTED -> {
                    int start = pos;
                    while (pos < limit) {
                        byte c = buf[pos];
                        if (c == quote) {
                            break;
                        }
                        if (c < 0 || utf8Remaining > 0) {
                            utf8(c, bufStart + pos);
                        }
                        // CR is a line break; LF is one unless it completes a CRLF (which may span buffers).
                        if (c == '\r') {
                            line++;
                            quotedCr = true;
                        } else {
                            if (c == '\n' && !quotedCr) {
                                line++;
                            }
                            quotedCr = false;
                        }
                        pos++;
                    }
                    fields.append(buf, start, pos - start);
                    if (pos < limit) {
                        checkUtf8Complete();
                        pos++;
                        state = AFTER_QUOTE;
                    }
                }
                default -> { // AFTER_QUOTE
                    if (b == quote) {
                        fields.append(b);
                        pos++;
                        state = QUOTED;
                    } else if (b == delimiter) {
                        fields.endField();
                        pos++;
                        state = FIELD_START;
                    } else if (b == '\n' || b == '\r') {
                        fields.endField();
                        endOfLine(b);
                        return true;
                    } else {
                        throw error("unexpected character '" + printable(b) + "' after the closing quote of a field"
                                + " (a quote inside a quoted field must be doubled)", line, bufStart + pos);
                    }
                }
            }
        }
        // End of input.
        checkUtf8Complete();
        if (state == QUOTED) {
            endedInQuote = true;
            throw error("unterminated quote: the quoted field opened at line " + quoteLine + " (byte offset "
                    + quoteOffset + ") is never closed", quoteLine, quoteOffset);
        }
        if (!any) {
            return false;
        }
        if (state != FIELD_START || fields.count > 0) {
            if (state == FIELD_START) {
                fields.startField(false);
            }
            fields.endField();
        }
        return true;
    }

    /** Reads past a comment line ({@code comment} option), whatever it holds, up to and including its line end. */
    private void skipCommentLine() throws IOException {
        while (true) {
            if (pos == limit && !fill()) {
                return;
            }
            byte c = buf[pos];
            if (c == '\n' || c == '\r') {
                endOfLine(c);
                return;
            }
            pos++;
        }
    }

    private void endOfLine(byte b) {
        pos++;
        line++;
        if (b == '\r') {
            if (pos < limit) {
                if (buf[pos] == '\n') {
                    pos++;
                }
            } else {
                pendingLf = true;
            }
        }
    }

    private boolean fill() throws IOException {
        if (eof || in == null) {
            return false;
        }
        bufStart += limit;
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        limit = n;
        return true;
    }

    private void skipBom() throws IOException {
        while (limit - pos < 3 && !eof) {
            // Make sure the first three bytes are in the buffer (a tiny first read must not hide a BOM).
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        if (limit - pos >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
            pos = 3;
        }
    }

    private void utf8(byte c, long offset) {
        int v = c & 0xff;
        if (utf8Remaining > 0) {
            if (v < utf8Low || v > utf8High) {
                throw invalidUtf8(utf8Start);
            }
            utf8Remaining--;
            utf8Low = 0x80;
            utf8High = 0xBF;
            return;
        }
        utf8Start = offset;
        if (v >= 0xC2 && v <= 0xDF) {
            utf8Remaining = 1;
        } else if (v >= 0xE0 && v <= 0xEF) {
            utf8Remaining = 2;
            if (v == 0xE0) {
                utf8Low = 0xA0;
            } else if (v == 0xED) {
                utf8High = 0x9F; // no UTF-16 surrogates
            }
        } else if (v >= 0xF0 && v <= 0xF4) {
            utf8Remaining = 3;
            if (v == 0xF0) {
                utf8Low = 0x90;
            } else if (v == 0xF4) {
                utf8High = 0x8F; // nothing above U+10FFFF
            }
        } else {
            throw invalidUtf8(offset);
        }
    }

    private void checkUtf8Complete() {
        if (utf8Remaining > 0) {
            throw invalidUtf8(utf8Start);
        }
    }

    private DataFormatException invalidUtf8(long offset) {
        return error("invalid UTF-8 byte sequence at byte offset " + offset + " (the file must be UTF-8, or name its"
                + " character set in the 'encoding' option, e.g. encoding: windows-1252; --encoding on the command"
                + " line)", line, offset);
    }

    private DataFormatException error(String what, long atLine, long offset) {
        return CsvErrors.at(handleId, path, atLine, offset, what);
    }

    private static String printable(byte b) {
        return b >= 32 && b < 127 ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff);
    }
}
