package org.datahandle.table;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The ordered, named, typed columns of a {@link Table}. Immutable; column names are unique. */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, Integer> indexByName;

    private Schema(List<Field> fields) {
        this.fields = List.copyOf(fields);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            Integer previous = index.put(this.fields.get(i).name(), i);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate column name '" + this.fields.get(i).name()
                        + "' at positions " + previous + " and " + i);
            }
        }
        this.indexByName = Map.copyOf(index);
    }

    public static Schema of(List<Field> fields) {
        return new Schema(fields);
    }

    public static Schema of(Field... fields) {
        return new Schema(Arrays.asList(fields));
    }

    public List<Field> fields() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public Field field(int index) {
        return fields.get(index);
    }

    public Optional<Field> field(String name) {
        Integer i = indexByName.get(name);
        return i == null ? Optional.empty() : Optional.of(fields.get(i));
    }

    /** Position of the named column. */
    public OptionalInt indexOf(String name) {
        Integer i = indexByName.get(name);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
