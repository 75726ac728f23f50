package org.datahandle.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.datahandle.ErrorLocation;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;

/** Our types and Spark's, both ways, type for type; nested list and struct included. */
final class SparkTypes {
    private SparkTypes() {}

    static StructType toSpark(Schema schema, String handleId) {
        List<StructField> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(DataTypes.createStructField(f.name(), toSpark(f.type(), f.name(), handleId), f.nullable()));
        }
        return DataTypes.createStructType(fields);
    }

    static org.apache.spark.sql.types.DataType toSpark(DataType type, String column, String handleId) {
        if (type instanceof DataType.Primitive p) {
            return switch (p) {
                case BOOLEAN -> DataTypes.BooleanType;
                case INT32 -> DataTypes.IntegerType;
                case INT64 -> DataTypes.LongType;
                case FLOAT32 -> DataTypes.FloatType;
                case FLOAT64 -> DataTypes.DoubleType;
                case STRING -> DataTypes.StringType;
                case DATE -> DataTypes.DateType;
                case BINARY -> DataTypes.BinaryType;
            };
        }
        if (type instanceof DataType.Timestamp t) {
            return t.utc() ? DataTypes.TimestampType : DataTypes.TimestampNTZType;
        }
        if (type instanceof DataType.Decimal d) {
            if (d.precision() > DecimalType.MAX_PRECISION()) {
                throw new UnsupportedFormatException(handleId, ErrorLocation.UNKNOWN, "column '" + column + "' is "
                        + d.typeName() + ", but Spark's decimals hold at most " + DecimalType.MAX_PRECISION() + " digits");
            }
            return DataTypes.createDecimalType(d.precision(), d.scale());
        }
        if (type instanceof DataType.ListOf l) {
            return DataTypes.createArrayType(toSpark(l.element(), column, handleId), true);
        }
        DataType.Struct s = (DataType.Struct) type;
        return toSpark(Schema.of(s.fields()), handleId);
    }

    static Schema fromSpark(StructType struct, String handleId) {
        List<Field> fields = new ArrayList<>();
        for (StructField f : struct.fields()) {
            fields.add(new Field(f.name(), fromSpark(f.dataType(), f.name(), handleId), f.nullable()));
        }
        return Schema.of(fields);
    }

    static DataType fromSpark(org.apache.spark.sql.types.DataType type, String column, String handleId) {
        if (type.equals(DataTypes.BooleanType)) {
            return DataType.BOOLEAN;
        }
        if (type.equals(DataTypes.ByteType) || type.equals(DataTypes.ShortType) || type.equals(DataTypes.IntegerType)) {
            return DataType.INT32;
        }
        if (type.equals(DataTypes.LongType)) {
            return DataType.INT64;
        }
        if (type.equals(DataTypes.FloatType)) {
            return DataType.FLOAT32;
        }
        if (type.equals(DataTypes.DoubleType)) {
            return DataType.FLOAT64;
        }
        if (type instanceof org.apache.spark.sql.types.StringType) {
            return DataType.STRING;
        }
        if (type.equals(DataTypes.DateType)) {
            return DataType.DATE;
        }
        if (type.equals(DataTypes.TimestampType)) {
            return DataType.TIMESTAMP;
        }
        if (type.equals(DataTypes.TimestampNTZType)) {
            return DataType.TIMESTAMP_LOCAL;
        }
        if (type.equals(DataTypes.BinaryType)) {
            return DataType.BINARY;
        }
        if (type instanceof DecimalType d) {
            return new DataType.Decimal(Math.max(1, d.precision()), d.scale());
        }
        if (type instanceof ArrayType a) {
            return new DataType.ListOf(fromSpark(a.elementType(), column, handleId));
        }
        if (type instanceof StructType s) {
            return new DataType.Struct(fromSpark(s, handleId).fields());
        }
        throw new UnsupportedFormatException(handleId, ErrorLocation.UNKNOWN, "column '" + column + "' has Spark type "
                + type.simpleString() + ", which has no DataHandle type (boolean, int32, int64, float32, float64,"
                + " string, date, timestamp, decimal, binary, list, struct)");
    }

    /** A type name of the {@code schema} option ({@code int64}, {@code decimal(10,2)}, aliases too). */
    static Optional<org.apache.spark.sql.types.DataType> fromOptionName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("decimal(") && n.endsWith(")")) {
            String[] ps = n.substring(8, n.length() - 1).split(",");
            try {
                int precision = Integer.parseInt(ps[0].trim());
                int scale = ps.length > 1 ? Integer.parseInt(ps[1].trim()) : 0;
                return Optional.of(DataTypes.createDecimalType(precision, scale));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(switch (n) {
            case "boolean", "bool" -> DataTypes.BooleanType;
            case "int32", "int", "integer" -> DataTypes.IntegerType;
            case "int64", "long", "bigint" -> DataTypes.LongType;
            case "float32", "float" -> DataTypes.FloatType;
            case "float64", "double" -> DataTypes.DoubleType;
            case "string", "text", "varchar" -> DataTypes.StringType;
            case "date" -> DataTypes.DateType;
            case "timestamp" -> DataTypes.TimestampType;
            case "timestamp_local" -> DataTypes.TimestampNTZType;
            case "binary", "bytes" -> DataTypes.BinaryType;
            default -> null;
        });
    }
}
