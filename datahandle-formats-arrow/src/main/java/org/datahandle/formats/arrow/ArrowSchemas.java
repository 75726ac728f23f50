package org.datahandle.formats.arrow;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.flatbuf.Binary;
import org.apache.arrow.flatbuf.Bool;
import org.apache.arrow.flatbuf.Date;
import org.apache.arrow.flatbuf.DateUnit;
import org.apache.arrow.flatbuf.Decimal;
import org.apache.arrow.flatbuf.DictionaryEncoding;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.FixedSizeBinary;
import org.apache.arrow.flatbuf.FixedSizeList;
import org.apache.arrow.flatbuf.FloatingPoint;
import org.apache.arrow.flatbuf.Int;
import org.apache.arrow.flatbuf.KeyValue;
import org.apache.arrow.flatbuf.Precision;
import org.apache.arrow.flatbuf.Struct_;
import org.apache.arrow.flatbuf.TimeUnit;
import org.apache.arrow.flatbuf.Timestamp;
import org.apache.arrow.flatbuf.Type;
import org.apache.arrow.flatbuf.Utf8;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;

/**
 * Converts between a {@link Schema} and Arrow's schema flatbuffer. Writing maps each {@code Table} type to
 * one Arrow type; reading accepts every Arrow type a {@code Table} column can hold (narrower and unsigned
 * integers, half floats, large and fixed-size binary, other time units, maps, dictionary encoding) and
 * rejects the rest with an error naming the column.
 */
final class ArrowSchemas {
    /** Nesting deeper than this is refused: a corrupt flatbuffer could otherwise point a field at itself. */
    static final int MAX_DEPTH = 64;
    /** The child name pyarrow and Arrow Java give list elements. */
    static final String LIST_ITEM = "item";

    private ArrowSchemas() {}

    /** A schema as read: the Arrow fields, the table schema they map to, and the key-value metadata. */
    record IpcSchema(List<IpcField> fields, Schema schema, Map<String, String> metadata) {
        IpcSchema {
            fields = List.copyOf(fields);
            metadata = Map.copyOf(metadata);
        }
    }

    // ---- writing

    /** Writes {@code schema} into {@code b} and returns the offset of the Schema table. */
    static int write(FlatBufferBuilder b, Schema schema, Map<String, String> metadata) {
        int[] fields = new int[schema.size()];
        for (int i = 0; i < fields.length; i++) {
            Field f = schema.field(i);
            fields[i] = writeField(b, f.name(), f.type(), f.nullable());
        }
        int fieldVector = org.apache.arrow.flatbuf.Schema.createFieldsVector(b, fields);
        int meta = metadata.isEmpty() ? 0 : keyValues(b, metadata);
        org.apache.arrow.flatbuf.Schema.startSchema(b);
        org.apache.arrow.flatbuf.Schema.addEndianness(b, Endianness.Little);
        org.apache.arrow.flatbuf.Schema.addFields(b, fieldVector);
        if (meta != 0) {
            org.apache.arrow.flatbuf.Schema.addCustomMetadata(b, meta);
        }
        return org.apache.arrow.flatbuf.Schema.endSchema(b);
    }

    private static int keyValues(FlatBufferBuilder b, Map<String, String> metadata) {
        int[] pairs = new int[metadata.size()];
        int i = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            int k = b.createString(e.getKey());
            int v = b.createString(e.getValue());
            pairs[i++] = KeyValue.createKeyValue(b, k, v);
        }
        return org.apache.arrow.flatbuf.Schema.createCustomMetadataVector(b, pairs);
    }

    private static int writeField(FlatBufferBuilder b, String name, DataType type, boolean nullable) {
        // Flatbuffers are built bottom-up: children, name and type table before the field itself.
        int[] children = new int[0];
        if (type instanceof DataType.ListOf l) {
            children = new int[] {writeField(b, LIST_ITEM, l.element(), true)};
        } else if (type instanceof DataType.Struct s) {
            children = new int[s.fields().size()];
            for (int i = 0; i < children.length; i++) {
                Field f = s.fields().get(i);
                children[i] = writeField(b, f.name(), f.type(), f.nullable());
            }
        }
        int nameOffset = b.createString(name);
        byte typeType;
        int typeOffset;
        if (type instanceof DataType.Decimal d) {
            typeType = Type.Decimal;
            typeOffset = Decimal.createDecimal(b, d.precision(), d.scale(), decimalBits(d));
        } else if (type instanceof DataType.Timestamp t) {
            int zone = t.utc() ? b.createString("UTC") : 0;
            typeType = Type.Timestamp;
            typeOffset = Timestamp.createTimestamp(b, TimeUnit.MICROSECOND, zone);
        } else if (type instanceof DataType.ListOf) {
            typeType = Type.List;
            org.apache.arrow.flatbuf.List.startList(b);
            typeOffset = org.apache.arrow.flatbuf.List.endList(b);
        } else if (type instanceof DataType.Struct) {
            typeType = Type.Struct_;
            Struct_.startStruct_(b);
            typeOffset = Struct_.endStruct_(b);
        } else {
            switch ((DataType.Primitive) type) {
                case BOOLEAN -> {
                    typeType = Type.Bool;
                    Bool.startBool(b);
                    typeOffset = Bool.endBool(b);
                }
                case INT32 -> {
                    typeType = Type.Int;
                    typeOffset = Int.createInt(b, 32, true);
                }
                case INT64 -> {
                    typeType = Type.Int;
                    typeOffset = Int.createInt(b, 64, true);
                }
                case FLOAT32 -> {
                    typeType = Type.FloatingPoint;
                    typeOffset = FloatingPoint.createFloatingPoint(b, Precision.SINGLE);
                }
                case FLOAT64 -> {
                    typeType = Type.FloatingPoint;
                    typeOffset = FloatingPoint.createFloatingPoint(b, Precision.DOUBLE);
                }
                case STRING -> {
                    typeType = Type.Utf8;
                    Utf8.startUtf8(b);
                    typeOffset = Utf8.endUtf8(b);
                }
                case BINARY -> {
                    typeType = Type.Binary;
                    Binary.startBinary(b);
                    typeOffset = Binary.endBinary(b);
                }
                case DATE -> {
                    typeType = Type.Date;
                    typeOffset = Date.createDate(b, DateUnit.DAY);
                }
                default -> throw new IllegalArgumentException("no Arrow type for " + type.typeName());
            }
        }
        int childVector = org.apache.arrow.flatbuf.Field.createChildrenVector(b, children);
        org.apache.arrow.flatbuf.Field.startField(b);
        org.apache.arrow.flatbuf.Field.addName(b, nameOffset);
        org.apache.arrow.flatbuf.Field.addNullable(b, nullable);
        org.apache.arrow.flatbuf.Field.addTypeType(b, typeType);
        org.apache.arrow.flatbuf.Field.addType(b, typeOffset);
        org.apache.arrow.flatbuf.Field.addChildren(b, childVector);
        return org.apache.arrow.flatbuf.Field.endField(b);
    }

    /** Decimals of up to 38 digits are Arrow's decimal128, wider ones decimal256. */
    static int decimalBits(DataType.Decimal d) {
        return d.precision() <= 38 ? 128 : 256;
    }

    // ---- reading

    /**
     * Reads a schema flatbuffer.
     *
     * @param at the byte offset of the message, for errors
     * @param metadataLength the size of the flatbuffer: every real field takes well over 8 of its bytes, so more
     *     fields than {@code metadataLength / 8} means corrupt offsets that share tables
     * @throws org.datahandle.DataFormatException for a type a {@code Table} cannot hold, or a corrupt schema
     */
    static IpcSchema read(org.apache.arrow.flatbuf.Schema fb, Origin origin, long at, int metadataLength) {
        if (fb.endianness() != Endianness.Little) {
            throw origin.corrupt("the Arrow data is big-endian, which this reader does not support", at);
        }
        int count = fb.fieldsLength();
        int[] budget = {Math.max(16, metadataLength / 8)};
        List<IpcField> fields = new ArrayList<>(Math.min(count, 4096));
        List<Field> tableFields = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            IpcField f = readField(fb.fields(i), origin, at, "", 0, budget);
            fields.add(f);
            tableFields.add(new Field(f.name(), f.dataType(), f.nullable()));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < fb.customMetadataLength(); i++) {
            KeyValue kv = fb.customMetadata(i);
            if (kv.key() != null) {
                metadata.put(kv.key(), kv.value() == null ? "" : kv.value());
            }
        }
        Schema schema;
        try {
            // the schema's key-value metadata travels with it (a VCF header, say), as it does in Parquet
            schema = Schema.of(tableFields).withMetadata(metadata);
        } catch (IllegalArgumentException e) {
            throw origin.corrupt("invalid Arrow schema: " + e.getMessage(), at, e);
        }
        return new IpcSchema(fields, schema, metadata);
    }

    private static IpcField readField(org.apache.arrow.flatbuf.Field fb, Origin origin, long at, String parent,
            int depth, int[] budget) {
        if (fb == null) {
            throw origin.corrupt("an Arrow schema field is missing", at);
        }
        if (--budget[0] < 0) {
            throw origin.corrupt("the schema claims more fields than its flatbuffer can hold (corrupt offsets)", at);
        }
        String name = fb.name() == null ? "" : fb.name();
        String path = parent.isEmpty() ? name : parent + "." + name;
        if (depth > MAX_DEPTH) {
            throw origin.corrupt("column '" + path + "' is nested more than " + MAX_DEPTH + " levels deep", at);
        }
        List<IpcField> children = new ArrayList<>();
        for (int i = 0; i < fb.childrenLength(); i++) {
            children.add(readField(fb.children(i), origin, at, path, depth + 1, budget));
        }
        Optional<IpcField.Dictionary> dictionary = Optional.empty();
        DictionaryEncoding enc = fb.dictionary();
        if (enc != null) {
            Int index = enc.indexType();
            int bits = index == null ? 32 : index.bitWidth();
            boolean signed = index == null || index.isSigned();
            if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
                throw origin.corrupt("column '" + path + "' has dictionary indices of " + bits + " bits", at);
            }
            dictionary = Optional.of(new IpcField.Dictionary(enc.id(), bits, signed));
        }
        byte typeType = fb.typeType();
        return switch (typeType) {
            // A column of nulls only (pyarrow's type for an all-None column) reads as a string column of nulls.
            case Type.Null -> new IpcField(name, true, IpcField.Kind.NULL, 0, false, 0, 0, List.of(), dictionary,
                    DataType.STRING);
            case Type.Bool -> leaf(name, fb, IpcField.Kind.BOOL, 1, false, 0, 0, dictionary, DataType.BOOLEAN);
            case Type.Int -> {
                Int t = (Int) fb.type(new Int());
                int bits = t.bitWidth();
                boolean signed = t.isSigned();
                if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
                    throw origin.corrupt("column '" + path + "' is an integer of " + bits + " bits", at);
                }
                DataType dt = bits < 32 || (bits == 32 && signed) ? DataType.INT32 : DataType.INT64;
                yield leaf(name, fb, IpcField.Kind.INT, bits, signed, 0, 0, dictionary, dt);
            }
            case Type.FloatingPoint -> {
                short precision = ((FloatingPoint) fb.type(new FloatingPoint())).precision();
                int bits = switch (precision) {
                    case Precision.HALF -> 16;
                    case Precision.SINGLE -> 32;
                    case Precision.DOUBLE -> 64;
                    default -> throw origin.corrupt("column '" + path + "' has float precision " + precision, at);
                };
                yield leaf(name, fb, IpcField.Kind.FLOAT, bits, true, precision, 0, dictionary,
                        bits == 64 ? DataType.FLOAT64 : DataType.FLOAT32);
            }
            case Type.Utf8 -> leaf(name, fb, IpcField.Kind.UTF8, 0, false, 0, 0, dictionary, DataType.STRING);
            case Type.LargeUtf8 -> leaf(name, fb, IpcField.Kind.LARGE_UTF8, 0, false, 0, 0, dictionary, DataType.STRING);
            case Type.Binary -> leaf(name, fb, IpcField.Kind.BINARY, 0, false, 0, 0, dictionary, DataType.BINARY);
            case Type.LargeBinary -> leaf(name, fb, IpcField.Kind.LARGE_BINARY, 0, false, 0, 0, dictionary,
                    DataType.BINARY);
            case Type.FixedSizeBinary -> {
                int width = ((FixedSizeBinary) fb.type(new FixedSizeBinary())).byteWidth();
                if (width < 0) {
                    throw origin.corrupt("column '" + path + "' has a negative byte width " + width, at);
                }
                yield leaf(name, fb, IpcField.Kind.FIXED_BINARY, 0, false, 0, width, dictionary, DataType.BINARY);
            }
            case Type.Date -> {
                short unit = ((Date) fb.type(new Date())).unit();
                if (unit != DateUnit.DAY && unit != DateUnit.MILLISECOND) {
                    throw origin.corrupt("column '" + path + "' has date unit " + unit, at);
                }
                yield leaf(name, fb, IpcField.Kind.DATE, unit == DateUnit.DAY ? 32 : 64, true, unit, 0, dictionary,
                        DataType.DATE);
            }
            case Type.Timestamp -> {
                Timestamp t = (Timestamp) fb.type(new Timestamp());
                short unit = t.unit();
                if (unit < TimeUnit.SECOND || unit > TimeUnit.NANOSECOND) {
                    throw origin.corrupt("column '" + path + "' has time unit " + unit, at);
                }
                String zone = t.timezone();
                DataType dt = zone == null || zone.isEmpty() ? DataType.TIMESTAMP_LOCAL : DataType.TIMESTAMP;
                yield leaf(name, fb, IpcField.Kind.TIMESTAMP, 64, true, unit, 0, dictionary, dt);
            }
            case Type.Decimal -> {
                Decimal d = (Decimal) fb.type(new Decimal());
                int bits = d.bitWidth();
                if (bits != 32 && bits != 64 && bits != 128 && bits != 256) {
                    throw origin.corrupt("column '" + path + "' is a decimal of " + bits + " bits", at);
                }
                DataType.Decimal dt;
                try {
                    dt = new DataType.Decimal(d.precision(), d.scale());
                } catch (IllegalArgumentException e) {
                    throw origin.corrupt("column '" + path + "': " + e.getMessage(), at, e);
                }
                yield leaf(name, fb, IpcField.Kind.DECIMAL, bits, true, 0, 0, dictionary, dt);
            }
            case Type.List, Type.LargeList, Type.FixedSizeList -> {
                if (children.size() != 1) {
                    throw origin.corrupt("list column '" + path + "' has " + children.size() + " children, not 1", at);
                }
                IpcField.Kind kind = typeType == Type.List ? IpcField.Kind.LIST
                        : typeType == Type.LargeList ? IpcField.Kind.LARGE_LIST : IpcField.Kind.FIXED_LIST;
                int width = 0;
                if (kind == IpcField.Kind.FIXED_LIST) {
                    width = ((FixedSizeList) fb.type(new FixedSizeList())).listSize();
                    if (width < 0) {
                        throw origin.corrupt("column '" + path + "' has a negative list size " + width, at);
                    }
                }
                yield new IpcField(name, fb.nullable(), kind, 0, false, 0, width, children, dictionary,
                        new DataType.ListOf(children.get(0).dataType()));
            }
            case Type.Map -> {
                // A map is a list of (key, value) structs, and reads as exactly that.
                if (children.size() != 1 || children.get(0).kind() != IpcField.Kind.STRUCT
                        || children.get(0).children().size() != 2) {
                    throw origin.corrupt("map column '" + path + "' must have one struct child of key and value", at);
                }
                yield new IpcField(name, fb.nullable(), IpcField.Kind.MAP, 0, false, 0, 0, children, dictionary,
                        new DataType.ListOf(children.get(0).dataType()));
            }
            case Type.Struct_ -> {
                List<Field> fields = new ArrayList<>();
                for (IpcField c : children) {
                    fields.add(new Field(c.name(), c.dataType(), c.nullable()));
                }
                DataType.Struct dt;
                try {
                    dt = new DataType.Struct(fields);
                    Schema.of(fields);
                } catch (IllegalArgumentException e) {
                    throw origin.corrupt("struct column '" + path + "': " + e.getMessage(), at, e);
                }
                yield new IpcField(name, fb.nullable(), IpcField.Kind.STRUCT, 0, false, 0, 0, children, dictionary, dt);
            }
            default -> throw origin.corrupt("column '" + path + "' has Arrow type "
                    + (typeType >= 0 && typeType < Type.names.length ? Type.names[typeType] : "#" + typeType)
                    + ", which a DataHandle Table cannot hold (supported: null, bool, int, float, utf8, binary, "
                    + "date, timestamp, decimal, list, map, struct, and their large and fixed-size variants)", at);
        };
    }

    private static IpcField leaf(String name, org.apache.arrow.flatbuf.Field fb, IpcField.Kind kind, int bits,
            boolean signed, int unit, int width, Optional<IpcField.Dictionary> dictionary, DataType type) {
        return new IpcField(name, fb.nullable(), kind, bits, signed, unit, width, List.of(), dictionary, type);
    }
}
