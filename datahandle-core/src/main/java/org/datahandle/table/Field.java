package org.datahandle.table;

import static java.util.Objects.requireNonNull;

/**
 * A named, typed column of a {@link Schema}.
 *
 * @param name the column name, unique within its schema
 * @param type the column type
 * @param nullable whether the column may hold nulls
 */
public record Field(String name, DataType type, boolean nullable) {
    public Field {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    /** A nullable field. */
    public static Field of(String name, DataType type) {
        return new Field(name, type, true);
    }

    @Override
    public String toString() {
        return name + ": " + type.typeName() + (nullable ? "" : " not null");
    }
}
