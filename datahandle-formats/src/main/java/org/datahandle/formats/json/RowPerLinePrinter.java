package org.datahandle.formats.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;

/**
 * Compact JSON with each element of the top-level array on its own line: {@code [\n{..},\n{..}\n]}. A table
 * written this way stays small, yet a line number in an error points at one row.
 */
final class RowPerLinePrinter extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        if (topLevel(g)) {
            g.writeRaw('\n');
        }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        super.writeArrayValueSeparator(g);
        if (topLevel(g)) {
            g.writeRaw('\n');
        }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
        if (nrOfValues > 0 && topLevel(g)) {
            g.writeRaw('\n');
        }
        super.writeEndArray(g, nrOfValues);
    }

    /** Whether the array being written is the document's top-level one. */
    private static boolean topLevel(JsonGenerator g) {
        JsonStreamContext array = g.getOutputContext();
        return array.getParent() != null && array.getParent().inRoot();
    }
}
