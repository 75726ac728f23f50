package org.datahandle.formats.parquet;

import java.math.BigInteger;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.datahandle.table.BinaryColumn;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.Column;
import org.datahandle.table.DataType;
import org.datahandle.table.DecimalColumn;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.Field;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.ListColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.Schema;
import org.datahandle.table.StringColumn;
import org.datahandle.table.StructColumn;
import org.datahandle.table.Table;

/**
 * Sends one table row to a {@link RecordConsumer} in the shape of {@link WriteMapping}, walking the
 * Parquet schema beside the columns (a {@code list<struct<key,value>>} is a LIST or a MAP there).
 * Only the nested and decimal fields take this path; flat columns are encoded column at a time by
 * {@link FlatColumnEncoder}. {@code message} holds just the fields this writer writes, in order.
 */
final class RowWriter {
    private final RecordConsumer out;
    private final Schema schema;
    private final MessageType message;
    private final int[] fields;

    /** @param fields the indexes in {@code schema} of the fields of {@code message}, in its order */
    RowWriter(RecordConsumer out, Schema schema, MessageType message, int[] fields) {
        if (fields.length != message.getFieldCount()) {
            throw new IllegalArgumentException(fields.length + " fields for a message of " + message.getFieldCount());
        }
        this.out = out;
        this.schema = schema;
        this.message = message;
        this.fields = fields.clone();
    }

    void write(Table table, int row) {
        out.startMessage();
        for (int i = 0; i < fields.length; i++) {
            Field field = schema.field(fields[i]);
            writeField(field.name(), i, table.column(fields[i]), row, message.getType(i));
        }
        out.endMessage();
    }

    /** A null cell is an absent field. */
    private void writeField(String name, int index, Column column, int row, Type type) {
        if (column.isNull(row)) {
            if (type.isRepetition(Type.Repetition.REQUIRED)) {
                throw new IllegalArgumentException("field '" + name + "' holds a null but is written as required"
                        + " (a non-nullable field, or the key of a map)");
            }
            return;
        }
        out.startField(name, index);
        writeValue(column, row, type);
        out.endField(name, index);
    }

    private void writeValue(Column column, int row, Type type) {
        if (column instanceof IntColumn c) {
            out.addInteger(c.getInt(row));
        } else if (column instanceof LongColumn c) {
            out.addLong(c.getLong(row));
        } else if (column instanceof DoubleColumn c) {
            out.addDouble(c.getDouble(row));
        } else if (column instanceof StringColumn c) {
            out.addBinary(Binary.fromConstantByteArray(c.getUtf8(row)));
        } else if (column instanceof BooleanColumn c) {
            out.addBoolean(c.getBoolean(row));
        } else if (column instanceof FloatColumn c) {
            out.addFloat(c.getFloat(row));
        } else if (column instanceof BinaryColumn c) {
            out.addBinary(Binary.fromConstantByteArray(c.getBytes(row)));
        } else if (column instanceof DecimalColumn c) {
            writeDecimal(c, row);
        } else if (column instanceof ListColumn c) {
            GroupType group = type.asGroupType();
            if (group.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
                writeMap(c, row, group);
            } else {
                writeList(c, row, group);
            }
        } else if (column instanceof StructColumn c) {
            out.startGroup();
            writeFields(c, row, type.asGroupType());
            out.endGroup();
        } else {
            throw new IllegalArgumentException("no Parquet writer for column type " + column.type().typeName());
        }
    }

    private void writeDecimal(DecimalColumn c, int row) {
        int precision = c.type().precision();
        BigInteger unscaled = c.getUnscaled(row);
        if (precision <= 9) {
            out.addInteger(unscaled.intValueExact());
        } else if (precision <= 18) {
            out.addLong(unscaled.longValueExact());
        } else {
            int width = WriteMapping.decimalBytes(precision);
            byte[] minimal = unscaled.toByteArray();
            byte[] fixed = new byte[width];
            byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
            int start = width - minimal.length;
            for (int i = 0; i < start; i++) {
                fixed[i] = pad;
            }
            System.arraycopy(minimal, 0, fixed, start, minimal.length);
            out.addBinary(Binary.fromConstantByteArray(fixed));
        }
    }

    private void writeFields(StructColumn c, int row, GroupType group) {
        DataType.Struct type = c.type();
        for (int f = 0; f < type.fields().size(); f++) {
            writeField(type.fields().get(f).name(), f, c.field(f), row, group.getType(f));
        }
    }

    /** 3-level list: the repeated {@code list} group appears once per element; a null element is an empty group. */
    private void writeList(ListColumn c, int row, GroupType list) {
        out.startGroup();
        int length = c.length(row);
        if (length > 0) {
            Column elements = c.elements();
            Type element = list.getType(0).asGroupType().getType(0);
            int start = c.start(row);
            out.startField(WriteMapping.LIST, 0);
            for (int i = start; i < start + length; i++) {
                out.startGroup();
                writeField(WriteMapping.ELEMENT, 0, elements, i, element);
                out.endGroup();
            }
            out.endField(WriteMapping.LIST, 0);
        }
        out.endGroup();
    }

    /** MAP: the repeated {@code key_value} group appears once per entry, holding the entry struct's fields. */
    private void writeMap(ListColumn c, int row, GroupType map) {
        out.startGroup();
        int length = c.length(row);
        if (length > 0) {
            StructColumn entries = (StructColumn) c.elements();
            GroupType keyValue = map.getType(0).asGroupType();
            int start = c.start(row);
            out.startField(WriteMapping.KEY_VALUE, 0);
            for (int i = start; i < start + length; i++) {
                if (entries.isNull(i)) {
                    throw new IllegalArgumentException("a map entry cannot be null (row " + row + " of a map column)");
                }
                out.startGroup();
                writeFields(entries, i, keyValue);
                out.endGroup();
            }
            out.endField(WriteMapping.KEY_VALUE, 0);
        }
        out.endGroup();
    }
}
