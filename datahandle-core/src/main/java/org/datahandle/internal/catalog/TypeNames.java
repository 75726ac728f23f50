package org.datahandle.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;

/**
 * Reads back {@link DataType#typeName()} as commit records store it, nested types included
 * ({@code list<int64>}, {@code struct<id:int32,name:string>}). Nullability is not spelled, so struct
 * fields read as nullable.
 */
final class TypeNames {
    private final String text;
    private int at;

    private TypeNames(String text) {
        this.text = text;
    }

    static Optional<DataType> parse(String name) {
        TypeNames p = new TypeNames(name.trim());
        try {
            DataType t = p.type(0);
            return p.at == p.text.length() ? Optional.of(t) : Optional.empty();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private DataType type(int depth) {
        if (depth > 64) {
            throw new IllegalArgumentException("too deep");
        }
        if (text.startsWith("list<", at)) {
            at += 5;
            DataType element = type(depth + 1);
            expect('>');
            return new DataType.ListOf(element);
        }
        if (text.startsWith("struct<", at)) {
            at += 7;
            List<Field> fields = new ArrayList<>();
            if (text.charAt(at) != '>') {
                do {
                    int colon = text.indexOf(':', at);
                    if (colon < 0) {
                        throw new IllegalArgumentException("no ':'");
                    }
                    String fieldName = text.substring(at, colon);
                    at = colon + 1;
                    fields.add(Field.of(fieldName, type(depth + 1)));
                } while (text.charAt(at++) == ',');
                at--;
            }
            expect('>');
            return new DataType.Struct(fields);
        }
        int end = at;
        while (end < text.length() && ",>".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        // decimal(p,s) holds a comma: take it whole
        if (text.startsWith("decimal(", at)) {
            end = text.indexOf(')', at) + 1;
        }
        String primitive = text.substring(at, end);
        at = end;
        return DataType.parse(primitive).orElseThrow(() -> new IllegalArgumentException(primitive));
    }

    private void expect(char c) {
        if (text.charAt(at) != c) {
            throw new IllegalArgumentException("expected " + c);
        }
        at++;
    }
}
