package org.datahandle.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;

/**
 * Reads back the type names a commit record holds ({@link DataType#typeName()}: {@code int64},
 * {@code decimal(10,2)}, {@code list<string>}, {@code struct<a:int32,b:list<date>>}).
 */
final class TypeNames {
    private final String text;
    private int pos;

    private TypeNames(String text) {
        this.text = text;
    }

    /** The schema of recorded columns; empty when there are none or one does not parse. */
    static Optional<Schema> schema(List<String> names, List<String> types) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Optional<DataType> type = parse(types.get(i));
            if (type.isEmpty()) {
                return Optional.empty();
            }
            fields.add(Field.of(names.get(i), type.get()));
        }
        return Optional.of(Schema.of(fields));
    }

    static Optional<DataType> parse(String typeName) {
        if (typeName == null) {
            return Optional.empty();
        }
        TypeNames p = new TypeNames(typeName.trim());
        try {
            DataType t = p.type();
            return p.pos == p.text.length() ? Optional.of(t) : Optional.empty();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private DataType type() {
        if (text.startsWith("list<", pos)) {
            pos += 5;
            DataType element = type();
            expect('>');
            return new DataType.ListOf(element);
        }
        if (text.startsWith("struct<", pos)) {
            pos += 7;
            List<Field> fields = new ArrayList<>();
            while (text.charAt(pos) != '>') {
                int colon = text.indexOf(':', pos);
                String name = text.substring(pos, colon);
                pos = colon + 1;
                fields.add(Field.of(name, type()));
                if (text.charAt(pos) == ',') {
                    pos++;
                }
            }
            pos++;
            return new DataType.Struct(fields);
        }
        if (text.startsWith("decimal(", pos)) {
            int close = text.indexOf(')', pos);
            String[] ps = text.substring(pos + 8, close).split(",");
            pos = close + 1;
            return new DataType.Decimal(Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()));
        }
        int end = pos;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        String word = text.substring(pos, end);
        pos = end;
        return switch (word) {
            case "boolean" -> DataType.BOOLEAN;
            case "int32" -> DataType.INT32;
            case "int64" -> DataType.INT64;
            case "float32" -> DataType.FLOAT32;
            case "float64" -> DataType.FLOAT64;
            case "string" -> DataType.STRING;
            case "date" -> DataType.DATE;
            case "binary" -> DataType.BINARY;
            case "timestamp" -> DataType.TIMESTAMP;
            case "timestamp_local" -> DataType.TIMESTAMP_LOCAL;
            default -> throw new IllegalArgumentException("unknown type '" + word + "'");
        };
    }

    private void expect(char c) {
        if (text.charAt(pos) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos);
        }
        pos++;
    }
}
