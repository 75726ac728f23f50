package org.datahandle.formats.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DatabindException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.datahandle.ErrorLocation;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.spi.DocumentCodec;
import org.datahandle.spi.ReadSource;
import org.datahandle.spi.WriteTarget;

/**
 * A json file as one document of plain Java values (see {@link JsonValues}); writes any value Jackson can
 * serialise, indented unless {@code pretty: false}.
 */
final class JsonDocuments implements DocumentCodec {
    private final boolean pretty;

    JsonDocuments(boolean pretty) {
        this.pretty = pretty;
    }

    @Override
    public Object read(ReadSource source) throws IOException {
        try (InputStream in = source.open(); JsonParser p = Jackson.FACTORY.createParser(in)) {
            if (p.nextToken() == null) {
                throw JsonErrors.at(source, 1, 0, "the file is empty; expected a JSON value");
            }
            Object document = new JsonValues(source, false).read(p);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                JsonLocation at = p.currentTokenLocation();
                throw JsonErrors.at(source, at.getLineNr(), at.getByteOffset(), "found " + RecordCursor.describe(extra)
                        + " after the end of the JSON document; a json file holds one value (one value per line is"
                        + " the jsonl format)");
            }
            return document;
        } catch (JsonProcessingException e) {
            throw JsonErrors.parse(source, e);
        } catch (CharConversionException e) {
            throw JsonErrors.encoding(source, e);
        }
    }

    @Override
    public void write(WriteTarget target, Object document) throws IOException {
        try (OutputStream out = target.open(); JsonGenerator g = Jackson.FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            Jackson.MAPPER.writeValue(g, document);
            g.writeRaw('\n');
        } catch (DatabindException e) {
            String what = document == null ? "null" : "a " + document.getClass().getName();
            throw new UnsupportedFormatException(target.handleId(), ErrorLocation.of(target.location()),
                    "cannot write " + what + " as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
