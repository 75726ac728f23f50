package org.datahandle.formats.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.UUID;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.datahandle.UnsupportedFormatException;
import org.datahandle.table.BinaryColumn;
import org.datahandle.table.BooleanColumn;
import org.datahandle.table.DataType;
import org.datahandle.table.DecimalColumn;
import org.datahandle.table.DoubleColumn;
import org.datahandle.table.FloatColumn;
import org.datahandle.table.IntColumn;
import org.datahandle.table.LongColumn;
import org.datahandle.table.StringColumn;

/** The mapping of Parquet primitive types (physical plus logical annotation) to DataHandle types. */
final class Leaves {
    /** Julian day number of 1970-01-01, for INT96 timestamps. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private Leaves() {}

    /**
     * The reading of a primitive column.
     *
     * @param where the handle and file, for the error of an unsupported type
     * @param column the dotted column path
     * @throws UnsupportedFormatException naming the column when its type has no DataHandle type
     */
    static Leaf of(PrimitiveType p, Where where, String column) {
        return of(p, where, column, false);
    }

    /**
     * @param binaryAsString read unannotated BYTE_ARRAY columns (legacy writers' strings) as UTF-8
     *     strings, checked like STRING columns
     */
    static Leaf of(PrimitiveType p, Where where, String column, boolean binaryAsString) {
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.UnknownLogicalTypeAnnotation) {
            // UNKNOWN marks a column that is always null; its physical type is as good as any.
            logical = null;
        }
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            return decimal(p, d, where, column);
        }
        switch (p.getPrimitiveTypeName()) {
            case BOOLEAN:
                if (logical == null) {
                    return new Leaf(DataType.BOOLEAN, b -> new BooleanLeaf((BooleanColumn.Builder) b), Leaf.Fast.BOOLEAN);
                }
                break;
            case INT32:
                if (logical == null) {
                    return new Leaf(DataType.INT32, b -> new IntLeaf((IntColumn.Builder) b), Leaf.Fast.INT);
                }
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return new Leaf(DataType.DATE, b -> new IntLeaf((IntColumn.Builder) b), Leaf.Fast.INT);
                }
                if (logical instanceof IntLogicalTypeAnnotation i) {
                    if (i.isSigned() || i.getBitWidth() < 32) {
                        return new Leaf(DataType.INT32, b -> new IntLeaf((IntColumn.Builder) b), Leaf.Fast.INT);
                    }
                    return new Leaf(DataType.INT64, b -> new UnsignedIntLeaf((LongColumn.Builder) b));
                }
                break;
            case INT64:
                if (logical == null) {
                    return new Leaf(DataType.INT64, b -> new LongLeaf((LongColumn.Builder) b, 1, 1), Leaf.Fast.LONG);
                }
                if (logical instanceof IntLogicalTypeAnnotation i) {
                    if (i.isSigned()) {
                        return new Leaf(DataType.INT64, b -> new LongLeaf((LongColumn.Builder) b, 1, 1), Leaf.Fast.LONG);
                    }
                    // Every uint64 fits 20 digits; int64 would turn the top half negative.
                    return new Leaf(DataType.decimal(20, 0), b -> new UnsignedLongLeaf((DecimalColumn.Builder) b));
                }
                if (logical instanceof TimestampLogicalTypeAnnotation t) {
                    DataType type = t.isAdjustedToUTC() ? DataType.TIMESTAMP : DataType.TIMESTAMP_LOCAL;
                    switch (t.getUnit()) {
                        case MILLIS:
                            return new Leaf(type, b -> new LongLeaf((LongColumn.Builder) b, 1000, 1));
                        case MICROS:
                            return new Leaf(type, b -> new LongLeaf((LongColumn.Builder) b, 1, 1), Leaf.Fast.LONG);
                        case NANOS:
                            return new Leaf(type, b -> new LongLeaf((LongColumn.Builder) b, 1, 1000));
                        default:
                            break;
                    }
                }
                break;
            case INT96:
                // Legacy Impala/Hive/Spark timestamps: nanoseconds of the day, then the Julian day.
                return new Leaf(DataType.TIMESTAMP, b -> new Int96Leaf((LongColumn.Builder) b));
            case FLOAT:
                if (logical == null) {
                    return new Leaf(DataType.FLOAT32, b -> new FloatLeaf((FloatColumn.Builder) b), Leaf.Fast.FLOAT);
                }
                break;
            case DOUBLE:
                if (logical == null) {
                    return new Leaf(DataType.FLOAT64, b -> new DoubleLeaf((DoubleColumn.Builder) b), Leaf.Fast.DOUBLE);
                }
                break;
            case BINARY:
                if (logical == null && binaryAsString) {
                    return new Leaf(DataType.STRING, b -> new StringLeaf((StringColumn.Builder) b, column), Leaf.Fast.STRING);
                }
                if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return new Leaf(DataType.STRING, b -> new StringLeaf((StringColumn.Builder) b, column), Leaf.Fast.STRING);
                }
                // Geometry and geography are WKB bytes.
                if (logical == null || logical instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.GeometryLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.GeographyLogicalTypeAnnotation) {
                    return new Leaf(DataType.BINARY, b -> new BinaryLeaf((BinaryColumn.Builder) b), Leaf.Fast.BINARY);
                }
                break;
            case FIXED_LEN_BYTE_ARRAY:
                if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
                    return new Leaf(DataType.FLOAT32, b -> new Float16Leaf((FloatColumn.Builder) b));
                }
                if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    return new Leaf(DataType.STRING, b -> new UuidLeaf((StringColumn.Builder) b));
                }
                if (logical == null || logical instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation) {
                    return new Leaf(DataType.BINARY, b -> new BinaryLeaf((BinaryColumn.Builder) b), Leaf.Fast.BINARY);
                }
                break;
            default:
                break;
        }
        throw unsupported(p, where, column);
    }

    private static Leaf decimal(PrimitiveType p, DecimalLogicalTypeAnnotation d, Where where, String column) {
        if (d.getPrecision() < 1 || d.getPrecision() > 76 || d.getScale() < 0 || d.getScale() > d.getPrecision()) {
            throw where.unsupported("column '" + column + "' is decimal("
                    + d.getPrecision() + "," + d.getScale() + "); DataHandle decimals have 1 to 76 digits and a scale "
                    + "between 0 and the precision");
        }
        DataType.Decimal type = DataType.decimal(d.getPrecision(), d.getScale());
        switch (p.getPrimitiveTypeName()) {
            case INT32:
            case INT64:
            case BINARY:
            case FIXED_LEN_BYTE_ARRAY:
                return new Leaf(type, b -> new DecimalLeaf((DecimalColumn.Builder) b, type, column));
            default:
                throw unsupported(p, where, column);
        }
    }

    private static UnsupportedFormatException unsupported(PrimitiveType p, Where where, String column) {
        return where.unsupported("column '" + column + "' has Parquet type " + p.getPrimitiveTypeName()
                + (p.getLogicalTypeAnnotation() == null ? "" : " " + abbreviate(p.getLogicalTypeAnnotation().toString()))
                + ", which DataHandle does not support (supported: boolean, int32/int64 with INT, DATE, TIMESTAMP "
                + "or DECIMAL, int96, float, double, binary/STRING/ENUM/JSON/BSON/GEOMETRY/GEOGRAPHY, fixed with DECIMAL/FLOAT16/UUID)");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static final class BooleanLeaf extends LeafConverter {
        private final BooleanColumn.Builder b;

        BooleanLeaf(BooleanColumn.Builder b) {
            this.b = b;
        }

        @Override
        public void addBoolean(boolean value) {
            b.append(value);
            written = true;
        }
    }

    private static final class IntLeaf extends LeafConverter {
        private final IntColumn.Builder b;

        IntLeaf(IntColumn.Builder b) {
            this.b = b;
        }

        @Override
        public void addInt(int value) {
            b.append(value);
            written = true;
        }
    }

    private static final class UnsignedIntLeaf extends LeafConverter {
        private final LongColumn.Builder b;

        UnsignedIntLeaf(LongColumn.Builder b) {
            this.b = b;
        }

        @Override
        public void addInt(int value) {
            b.append(Integer.toUnsignedLong(value));
            written = true;
        }
    }

    /** int64, and timestamps scaled to microseconds (× {@code multiply}, then ÷ {@code divide}, flooring). */
    private static final class LongLeaf extends LeafConverter {
        private final LongColumn.Builder b;
        private final long multiply;
        private final long divide;

        LongLeaf(LongColumn.Builder b, long multiply, long divide) {
            this.b = b;
            this.multiply = multiply;
            this.divide = divide;
        }

        @Override
        public void addLong(long value) {
            long v = value;
            if (multiply != 1) {
                try {
                    v = Math.multiplyExact(v, multiply);
                } catch (ArithmeticException e) {
                    throw new ParquetDecodingException("timestamp " + value + " ms is out of the microsecond range", e);
                }
            }
            if (divide != 1) {
                v = Math.floorDiv(v, divide);
            }
            b.append(v);
            written = true;
        }
    }

    private static final class UnsignedLongLeaf extends LeafConverter {
        private final DecimalColumn.Builder b;

        UnsignedLongLeaf(DecimalColumn.Builder b) {
            this.b = b;
        }

        @Override
        public void addLong(long value) {
            BigInteger v = BigInteger.valueOf(value);
            b.appendUnscaled(value >= 0 ? v : v.add(BigInteger.ONE.shiftLeft(64)));
            written = true;
        }
    }

    private static final class Int96Leaf extends LeafConverter {
        private final LongColumn.Builder b;

        Int96Leaf(LongColumn.Builder b) {
            this.b = b;
        }

        @Override
        public void addBinary(Binary value) {
            if (value.length() != 12) {
                throw new ParquetDecodingException("INT96 value has " + value.length() + " bytes, expected 12");
            }
            ByteBuffer buf = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long nanosOfDay = buf.getLong(buf.position());
            long julianDay = Integer.toUnsignedLong(buf.getInt(buf.position() + 8));
            b.append((julianDay - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + Math.floorDiv(nanosOfDay, 1000));
            written = true;
        }
    }

    private static final class FloatLeaf extends LeafConverter {
        private final FloatColumn.Builder b;

        FloatLeaf(FloatColumn.Builder b) {
            this.b = b;
        }

        @Override
        public void addFloat(float value) {
            b.append(value);
            written = true;
        }
    }

    private static final class Float16Leaf extends LeafConverter {
        private final FloatColumn.Builder b;

        Float16Leaf(FloatColumn.Builder b) {
            this.b = b;
        }

        @Override
        public void addBinary(Binary value) {
            if (value.length() != 2) {
                throw new ParquetDecodingException("FLOAT16 value has " + value.length() + " bytes, expected 2");
            }
            byte[] bytes = value.getBytesUnsafe();
            b.append(halfToFloat((short) ((bytes[0] & 0xFF) | (bytes[1] << 8))));
            written = true;
        }
    }

    /** IEEE 754 binary16 to binary32 (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static final class DoubleLeaf extends LeafConverter {
        private final DoubleColumn.Builder b;

        DoubleLeaf(DoubleColumn.Builder b) {
            this.b = b;
        }

        @Override
        public void addDouble(double value) {
            b.append(value);
            written = true;
        }
    }

    /**
     * UTF-8 strings, checked once per value (once per dictionary entry for dictionary pages), since
     * StringColumn trusts its input.
     */
    private static final class StringLeaf extends LeafConverter {
        private final StringColumn.Builder b;
        private final String column;
        private final CharsetDecoder decoder = UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private byte[][] dictionary;

        StringLeaf(StringColumn.Builder b, String column) {
            this.b = b;
            this.column = column;
        }

        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(Dictionary dict) {
            byte[][] entries = new byte[dict.getMaxId() + 1][];
            for (int i = 0; i < entries.length; i++) {
                byte[] bytes = dict.decodeToBinary(i).getBytes();
                check(bytes, bytes.length);
                entries[i] = bytes;
            }
            dictionary = entries;
        }

        @Override
        public void addValueFromDictionary(int dictionaryId) {
            byte[] bytes = dictionary[dictionaryId];
            b.appendUtf8(bytes, 0, bytes.length);
            written = true;
        }

        @Override
        public void addBinary(Binary value) {
            byte[] bytes = value.getBytesUnsafe();
            int length = value.length();
            check(bytes, length);
            b.appendUtf8(bytes, 0, length);
            written = true;
        }

        private void check(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                if (bytes[i] < 0) {
                    try {
                        decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length));
                    } catch (CharacterCodingException e) {
                        throw new ParquetDecodingException("column '" + column + "' holds invalid UTF-8 in a string value", e);
                    }
                    return;
                }
            }
        }
    }

    private static final class UuidLeaf extends LeafConverter {
        private final StringColumn.Builder b;

        UuidLeaf(StringColumn.Builder b) {
            this.b = b;
        }

        @Override
        public void addBinary(Binary value) {
            if (value.length() != 16) {
                throw new ParquetDecodingException("UUID value has " + value.length() + " bytes, expected 16");
            }
            ByteBuffer buf = value.toByteBuffer();
            b.append(new UUID(buf.getLong(buf.position()), buf.getLong(buf.position() + 8)).toString());
            written = true;
        }
    }

    private static final class BinaryLeaf extends LeafConverter {
        private final BinaryColumn.Builder b;

        BinaryLeaf(BinaryColumn.Builder b) {
            this.b = b;
        }

        @Override
        public void addBinary(Binary value) {
            b.append(value.getBytesUnsafe(), 0, value.length());
            written = true;
        }
    }

    /** Decimals from int32, int64 or big-endian two's complement bytes, checked against the precision. */
    private static final class DecimalLeaf extends LeafConverter {
        private final DecimalColumn.Builder b;
        private final DataType.Decimal type;
        private final String column;
        private final BigInteger limit;
        private final long longLimit;

        DecimalLeaf(DecimalColumn.Builder b, DataType.Decimal type, String column) {
            this.b = b;
            this.type = type;
            this.column = column;
            this.limit = BigInteger.TEN.pow(type.precision());
            this.longLimit = type.precision() <= 18 ? limit.longValueExact() : Long.MAX_VALUE;
        }

        @Override
        public void addInt(int value) {
            addLong(value);
        }

        @Override
        public void addLong(long value) {
            if (type.precision() <= 18 && (value >= longLimit || value <= -longLimit)) {
                throw tooWide(BigInteger.valueOf(value));
            }
            b.appendUnscaled(BigInteger.valueOf(value));
            written = true;
        }

        @Override
        public void addBinary(Binary value) {
            if (value.length() == 0) {
                throw new ParquetDecodingException("column '" + column + "' holds an empty decimal value");
            }
            BigInteger v = new BigInteger(value.getBytesUnsafe(), 0, value.length());
            if (v.abs().compareTo(limit) >= 0) {
                throw tooWide(v);
            }
            b.appendUnscaled(v);
            written = true;
        }

        private ParquetDecodingException tooWide(BigInteger unscaled) {
            return new ParquetDecodingException("column '" + column + "' holds unscaled value " + unscaled
                    + ", which has more than the " + type.precision() + " digits of " + type.typeName());
        }
    }
}
