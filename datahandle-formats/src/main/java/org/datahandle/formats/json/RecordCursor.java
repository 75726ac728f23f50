package org.datahandle.formats.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.datahandle.spi.ReadSource;

/**
 * Walks the row objects of the parts of one piece of data, in order: the elements of each file's top-level
 * array ({@link JsonLayout#ARRAY}), or one object per line ({@link JsonLayout#LINES}, blank lines skipped).
 * Anything else where a row should be is a {@link org.datahandle.DataFormatException} at its line and byte
 * offset. Jackson's own exceptions pass through; the reader maps them with {@link #source()}.
 */
final class RecordCursor implements Closeable {
    private final List<ReadSource> sources;
    private final JsonLayout layout;
    private final boolean numbersAsText;

    private int part = -1;
    private JsonParser parser;
    private JsonValues values;
    private long element;
    private long line;
    private long offset;
    private long previousEndLine;

    RecordCursor(List<ReadSource> sources, JsonLayout layout, boolean numbersAsText) {
        this.sources = List.copyOf(sources);
        this.layout = layout;
        this.numbersAsText = numbersAsText;
    }

    /** Moves to the next row object (the parser on its START_OBJECT), across parts; false after the last. */
    boolean next() throws IOException {
        while (true) {
            if (parser == null && !openNext()) {
                return false;
            }
            JsonToken t = parser.nextToken();
            if (layout == JsonLayout.ARRAY && t == JsonToken.END_ARRAY) {
                expectEndOfFile();
                closePart();
                continue;
            }
            if (layout == JsonLayout.LINES && t == null) {
                closePart();
                continue;
            }
            JsonLocation at = parser.currentTokenLocation();
            line = at.getLineNr();
            offset = at.getByteOffset();
            element++;
            if (t != JsonToken.START_OBJECT) {
                throw JsonErrors.at(source(), line, offset, layout == JsonLayout.ARRAY
                        ? "element " + element + " of the top-level array is " + describe(t) + ", not a row object"
                        : "expected a JSON object on each line, found " + describe(t));
            }
            if (layout == JsonLayout.LINES && line == previousEndLine) {
                throw JsonErrors.at(source(), line, offset, "a second JSON value on one line; JSON Lines holds one"
                        + " object per line");
            }
            return true;
        }
    }

    /** Call once the row object was read (the parser on its END_OBJECT): a JSON Lines record spans one line. */
    void endRecord() {
        if (layout == JsonLayout.LINES) {
            long endLine = parser.currentLocation().getLineNr();
            if (endLine != line) {
                throw JsonErrors.at(source(), line, offset, "the object spans lines " + line + " to " + endLine
                        + "; JSON Lines holds one object per line (a file of one JSON document is the json format)");
            }
            previousEndLine = endLine;
        }
    }

    JsonParser parser() {
        return parser;
    }

    JsonValues values() {
        return values;
    }

    /** The part being read (the last one once all are read), for error messages. */
    ReadSource source() {
        return sources.get(Math.max(0, Math.min(part, sources.size() - 1)));
    }

    int part() {
        return part;
    }

    long line() {
        return line;
    }

    long offset() {
        return offset;
    }

    private boolean openNext() throws IOException {
        if (part + 1 >= sources.size()) {
            return false;
        }
        part++;
        element = 0;
        previousEndLine = 0;
        ReadSource source = sources.get(part);
        InputStream in = source.open();
        try {
            parser = Jackson.FACTORY.createParser(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        values = new JsonValues(source, numbersAsText);
        if (layout == JsonLayout.ARRAY) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw JsonErrors.at(source, 1, 0, "the file is empty; expected a JSON array of row objects");
            }
            if (first != JsonToken.START_ARRAY) {
                JsonLocation at = parser.currentTokenLocation();
                throw JsonErrors.at(source, at.getLineNr(), at.getByteOffset(), "the top-level JSON value is "
                        + describe(first) + ", not an array of row objects, so it cannot be read as a table; to read"
                        + " the file as a document, set memory: {format: object}");
            }
        }
        return true;
    }

    private void expectEndOfFile() throws IOException {
        JsonToken t = parser.nextToken();
        if (t != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw JsonErrors.at(source(), at.getLineNr(), at.getByteOffset(), "found " + describe(t)
                    + " after the top-level array; a json file holds one JSON value (one value per line is the"
                    + " jsonl format)");
        }
    }

    static String describe(JsonToken t) {
        switch (t) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return t.asString() == null ? t.name() : "'" + t.asString() + "'";
        }
    }

    private void closePart() throws IOException {
        JsonParser p = parser;
        parser = null;
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void close() throws IOException {
        closePart();
    }
}
