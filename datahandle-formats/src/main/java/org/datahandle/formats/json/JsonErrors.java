package org.datahandle.formats.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.CharConversionException;
import java.net.URI;
import org.datahandle.DataFormatException;
import org.datahandle.spi.ReadSource;

/** Builds the codecs' {@link DataFormatException}s, all worded the same way, from ours or Jackson's problems. */
final class JsonErrors {
    private JsonErrors() {}

    /** A problem at a known place: {@code handle 'h': /path line 3 (byte offset 40): what}. */
    static DataFormatException at(ReadSource source, long line, long offset, String what) {
        URI path = source.location().uri();
        return new DataFormatException(source.handleId(), path, line, -1, offset, what, null);
    }

    /** Jackson's parse error (malformed JSON, end of input, bad UTF-8, limits) at Jackson's location. */
    static DataFormatException parse(ReadSource source, JsonProcessingException e) {
        URI path = source.location().uri();
        JsonLocation where = e.getLocation();
        long line = where == null ? -1 : where.getLineNr();
        long column = where == null ? -1 : where.getColumnNr();
        long offset = where == null ? -1 : where.getByteOffset();
        String what = String.valueOf(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            what += " (a limit of the JSON parser)";
        } else if (e instanceof JsonEOFException) {
            what = "the file ends in the middle of a JSON value (truncated?): " + what;
        } else {
            what = "malformed JSON: " + what;
        }
        return new DataFormatException(source.handleId(), path, line, column, offset, what, e);
    }

    /** Jackson's encoding detection failed before parsing began: the bytes are not JSON text. */
    static DataFormatException encoding(ReadSource source, CharConversionException e) {
        URI path = source.location().uri();
        return new DataFormatException(source.handleId(), path, -1, -1, 0, "not UTF-8 JSON text: " + e.getMessage(), e);
    }
}
