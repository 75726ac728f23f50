package org.datahandle.formats.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.datahandle.formats.common.BatchSchema;
import org.datahandle.spi.TableWriter;
import org.datahandle.spi.WriteTarget;
import org.datahandle.table.BinaryColumn;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DecimalColumn;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.Schema;
import org.datahandle.table.StringColumn;
import org.datahandle.table.Table;

/**
 * Writes tables as row objects, keys in column order and nulls written as {@code null}: for json one
 * top-level array (a row per line, or indented with {@code pretty}), for jsonl one compact object per line.
 * Dates and timestamps are ISO-8601 strings, decimals plain numbers, binary base64, NaN and the infinities
 * the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, lists and structs nested JSON.
 */
final class JsonTableWriter implements TableWriter {
    private final WriteTarget target;
    private final Schema schema;
    private final JsonLayout layout;
    private final JsonGenerator gen;
    private final SerializableString[] names;

    JsonTableWriter(WriteTarget target, Schema schema, JsonLayout layout, boolean pretty) throws IOException {
        this.target = target;
        this.schema = schema;
        this.layout = layout;
        OutputStream out = target.open();
        try {
            this.gen = Jackson.FACTORY.createGenerator(out);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        List<String> columnNames = schema.names();
        this.names = new SerializableString[columnNames.size()];
        for (int c = 0; c < names.length; c++) {
            names[c] = new SerializedString(columnNames.get(c));
        }
        if (layout == JsonLayout.ARRAY) {
            gen.setPrettyPrinter(pretty ? new DefaultPrettyPrinter() : new RowPerLinePrinter());
            gen.writeStartArray();
        } else {
            gen.setRootValueSeparator(null);
        }
    }

    @Override
    public void write(Table batch) throws IOException {
        BatchSchema.requireWriterSchema(target.handleId(), schema, batch);
        int width = batch.columnCount();
        for (int r = 0; r < batch.rowCount(); r++) {
            gen.writeStartObject();
            for (int c = 0; c < width; c++) {
                gen.writeFieldName(names[c]);
                writeCell(batch.column(c), r);
            }
            gen.writeEndObject();
            if (layout == JsonLayout.LINES) {
                gen.writeRaw('\n');
            }
        }
    }

    private void writeCell(Column col, int r) throws IOException {
        if (col.isNull(r)) {
            gen.writeNull();
        } else if (col instanceof StringColumn s) {
            byte[] utf8 = s.getUtf8(r);
            gen.writeUTF8String(utf8, 0, utf8.length);
        } else if (col instanceof IntColumn i) {
            if (col.type() == DataType.DATE) {
                gen.writeString(i.getDate(r).toString());
            } else {
                gen.writeNumber(i.getInt(r));
            }
        } else if (col instanceof LongColumn l) {
            if (col.type() == DataType.INT64) {
                gen.writeNumber(l.getLong(r));
            } else {
                gen.writeString(l.get(r).toString());
            }
        } else if (col instanceof DoubleColumn d) {
            gen.writeNumber(d.getDouble(r));
        } else if (col instanceof FloatColumn f) {
            gen.writeNumber(f.getFloat(r));
        } else if (col instanceof BooleanColumn b) {
            gen.writeBoolean(b.getBoolean(r));
        } else if (col instanceof DecimalColumn d) {
            gen.writeNumber(d.getDecimal(r));
        } else if (col instanceof BinaryColumn b) {
            gen.writeBinary(b.getBytes(r));
        } else {
            ValueWriter.write(gen, col.get(r));
        }
    }

    @Override
    public void close() throws IOException {
        try (JsonGenerator g = gen) {
            if (layout == JsonLayout.ARRAY && g.getOutputContext().inArray()) {
                g.writeEndArray();
                g.writeRaw('\n');
            }
        }
    }
}
