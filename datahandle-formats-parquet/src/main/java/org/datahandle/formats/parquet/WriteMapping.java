package org.datahandle.formats.parquet;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;

/**
 * The Parquet schema a DataHandle schema is written as. Lists use the standard 3-level form
 * ({@code <name> (LIST) { repeated group list { optional element } }}), which Spark, DuckDB, Arrow
 * and parquet-java all read; decimals use the narrowest physical type of the spec (int32 up to 9
 * digits, int64 up to 18, else a fixed array just wide enough); timestamps are microseconds.
 */
final class WriteMapping {
    static final String LIST = "list";
    static final String ELEMENT = "element";
    static final String KEY_VALUE = "key_value";

    private WriteMapping() {}

    static MessageType messageOf(Schema schema) {
        Set<String> maps = MapColumns.decode(schema.metadata().get(MapColumns.KEY));
        List<Type> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(typeOf(f.name(), f.type(), f.nullable(), List.of(f.name()), maps));
        }
        return new MessageType("schema", fields);
    }

    static Type typeOf(String name, DataType type, boolean nullable) {
        return typeOf(name, type, nullable, List.of(name), Set.of());
    }

    /**
     * @param path the field names down to this one ({@link MapColumns})
     * @param maps the paths of {@code list<struct<..>>} columns to write as MAP
     */
    private static Type typeOf(String name, DataType type, boolean nullable, List<String> path, Set<String> maps) {
        Type.Repetition rep = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        if (type instanceof DataType.ListOf l && maps.contains(MapColumns.path(path))
                && l.element() instanceof DataType.Struct entry && !entry.fields().isEmpty()
                && entry.fields().size() <= 2) {
            // <name> (MAP) { repeated group key_value { required key; [optional] value } }
            List<String> inside = append(path, MapColumns.ELEMENT);
            Types.GroupBuilder<GroupType> kv = Types.repeatedGroup();
            Field key = entry.fields().get(0);
            kv.addField(typeOf(key.name(), key.type(), false, append(inside, key.name()), maps));
            if (entry.fields().size() == 2) {
                Field value = entry.fields().get(1);
                kv.addField(typeOf(value.name(), value.type(), value.nullable(), append(inside, value.name()), maps));
            }
            return Types.buildGroup(rep).as(LogicalTypeAnnotation.mapType()).addField(kv.named(KEY_VALUE)).named(name);
        }
        if (type instanceof DataType.ListOf l) {
            Type element = typeOf(ELEMENT, l.element(), true, append(path, MapColumns.ELEMENT), maps);
            return Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(element).named(LIST))
                    .named(name);
        }
        if (type instanceof DataType.Struct s) {
            Types.GroupBuilder<GroupType> g = Types.buildGroup(rep);
            for (Field f : s.fields()) {
                g.addField(typeOf(f.name(), f.type(), f.nullable(), append(path, f.name()), maps));
            }
            return g.named(name);
        }
        if (type instanceof DataType.Decimal d) {
            LogicalTypeAnnotation a = LogicalTypeAnnotation.decimalType(d.scale(), d.precision());
            if (d.precision() <= 9) {
                return Types.primitive(PrimitiveTypeName.INT32, rep).as(a).named(name);
            }
            if (d.precision() <= 18) {
                return Types.primitive(PrimitiveTypeName.INT64, rep).as(a).named(name);
            }
            return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep).length(decimalBytes(d.precision()))
                    .as(a).named(name);
        }
        if (type instanceof DataType.Timestamp t) {
            return Types.primitive(PrimitiveTypeName.INT64, rep)
                    .as(LogicalTypeAnnotation.timestampType(t.utc(), LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(name);
        }
        switch ((DataType.Primitive) type) {
            case BOOLEAN:
                return Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
            case INT32:
                return Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
            case DATE:
                return Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType()).named(name);
            case INT64:
                return Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
            case FLOAT32:
                return Types.primitive(PrimitiveTypeName.FLOAT, rep).named(name);
            case FLOAT64:
                return Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
            case STRING:
                return Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(name);
            case BINARY:
                return Types.primitive(PrimitiveTypeName.BINARY, rep).named(name);
            default:
                throw new IllegalArgumentException("no Parquet type for " + type.typeName());
        }
    }

    private static List<String> append(List<String> path, String name) {
        List<String> p = new ArrayList<>(path);
        p.add(name);
        return p;
    }

    /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits. */
    static int decimalBytes(int precision) {
        BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        return max.bitLength() / 8 + 1;
    }
}
