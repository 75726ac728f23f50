package org.datahandle.table;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a {@link Field}. Primitive types are the constants of {@link Primitive}; decimal,
 * timestamp, list and struct carry parameters.
 *
 * <p>{@link #typeName()} is the spelling used in YAML ({@code schema: {id: int64, price: decimal(10,2)}})
 * and in error messages; {@link #parse(String)} reads it back.
 */
public sealed interface DataType permits DataType.Primitive, DataType.Decimal, DataType.Timestamp,
        DataType.ListOf, DataType.Struct {

    Primitive BOOLEAN = Primitive.BOOLEAN;
    Primitive INT32 = Primitive.INT32;
    Primitive INT64 = Primitive.INT64;
    Primitive FLOAT32 = Primitive.FLOAT32;
    Primitive FLOAT64 = Primitive.FLOAT64;
    Primitive STRING = Primitive.STRING;
    Primitive DATE = Primitive.DATE;
    Primitive BINARY = Primitive.BINARY;
    /** Instant on the UTC time line (Parquet {@code isAdjustedToUTC=true}), microsecond precision. */
    Timestamp TIMESTAMP = new Timestamp(true);
    /** Local date-time with no zone (Parquet {@code isAdjustedToUTC=false}), microsecond precision. */
    Timestamp TIMESTAMP_LOCAL = new Timestamp(false);

    /** The YAML spelling of this type: {@code int64}, {@code decimal(10,2)}, {@code list<string>}. */
    String typeName();

    /** Types with no parameters. */
    enum Primitive implements DataType {
        BOOLEAN, INT32, INT64, FLOAT32, FLOAT64, STRING, DATE, BINARY;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String typeName() {
            return toString();
        }
    }

    /** Exact decimal with {@code precision} digits, {@code scale} of them after the point. */
    record Decimal(int precision, int scale) implements DataType {
        public Decimal {
            if (precision < 1 || precision > 76) {
                throw new IllegalArgumentException("decimal precision must be 1..76, was " + precision);
            }
            if (scale < 0 || scale > precision) {
                throw new IllegalArgumentException("decimal scale must be 0.." + precision + ", was " + scale);
            }
        }

        @Override
        public String typeName() {
            return "decimal(" + precision + "," + scale + ")";
        }

        @Override
        public String toString() {
            return typeName();
        }
    }

    /**
     * A point in time with microsecond precision.
     *
     * @param utc true for an instant ({@code timestamp}), false for a local date-time ({@code timestamp_local})
     */
    record Timestamp(boolean utc) implements DataType {
        @Override
        public String typeName() {
            return utc ? "timestamp" : "timestamp_local";
        }

        @Override
        public String toString() {
            return typeName();
        }
    }

    /** A list whose elements all have one type; elements may be null. */
    record ListOf(DataType element) implements DataType {
        public ListOf {
            requireNonNull(element, "element is null");
        }

        @Override
        public String typeName() {
            return "list<" + element.typeName() + ">";
        }

        @Override
        public String toString() {
            return typeName();
        }
    }

    /** A record of named, typed fields. */
    record Struct(List<Field> fields) implements DataType {
        public Struct {
            fields = List.copyOf(fields);
        }

        @Override
        public String typeName() {
            StringBuilder sb = new StringBuilder("struct<");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(fields.get(i).name()).append(':').append(fields.get(i).type().typeName());
            }
            return sb.append('>').toString();
        }

        @Override
        public String toString() {
            return typeName();
        }
    }

    static Decimal decimal(int precision, int scale) {
        return new Decimal(precision, scale);
    }

    static ListOf listOf(DataType element) {
        return new ListOf(element);
    }

    static Struct struct(List<Field> fields) {
        return new Struct(fields);
    }

    /**
     * Reads a YAML type name: {@code boolean int32 int64 float32 float64 string date timestamp
     * timestamp_local binary decimal(p,s)}, and the aliases {@code int long float double bool text}.
     * Nested types ({@code list<..>}, {@code struct<..>}) are not spelled in YAML.
     */
    static Optional<DataType> parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Matcher m = DecimalSyntax.PATTERN.matcher(n);
        if (m.matches()) {
            int precision = Integer.parseInt(m.group(1));
            int scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            if (precision < 1 || precision > 76 || scale > precision) {
                return Optional.empty();
            }
            return Optional.of(new Decimal(precision, scale));
        }
        return Optional.ofNullable(switch (n) {
            case "boolean", "bool" -> BOOLEAN;
            case "int32", "int", "integer" -> INT32;
            case "int64", "long", "bigint" -> INT64;
            case "float32", "float" -> FLOAT32;
            case "float64", "double" -> FLOAT64;
            case "string", "text", "varchar" -> STRING;
            case "date" -> DATE;
            case "timestamp" -> TIMESTAMP;
            case "timestamp_local" -> TIMESTAMP_LOCAL;
            case "binary", "bytes" -> BINARY;
            default -> null;
        });
    }

    /** The names {@link #parse(String)} accepts, for error messages. */
    static List<String> yamlNames() {
        return List.of("boolean", "int32", "int64", "float32", "float64", "string", "date", "timestamp",
                "timestamp_local", "binary", "decimal(p,s)");
    }
}

final class DecimalSyntax {
    static final Pattern PATTERN = Pattern.compile("decimal\\((\\d{1,3})(?:\\s*,\\s*(\\d{1,3}))?\\)");

    private DecimalSyntax() {}
}
