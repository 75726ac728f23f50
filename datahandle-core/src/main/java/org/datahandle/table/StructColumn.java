package org.datahandle.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code struct<...>} values: one child column per field, all of the struct column's size. */
public final class StructColumn extends ColumnBase implements Column {
    private final DataType.Struct type;
    private final List<Column> children;

    private StructColumn(DataType.Struct type, int size, List<Column> children, long @Nullable [] nulls, int nullCount) {
        super(size, nulls, nullCount);
        this.type = type;
        this.children = List.copyOf(children);
    }

    @Override
    public DataType.Struct type() {
        return type;
    }

    /** The column of field {@code index}; rows where the struct is null are null there too. */
    public Column field(int index) {
        return children.get(index);
    }

    /** A {@link LinkedHashMap} of field name to boxed value, in field order, or null. */
    @Override
    public @Nullable Map<String, Object> get(int row) {
        if (isNull(row)) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int f = 0; f < children.size(); f++) {
            map.put(type.fields().get(f).name(), children.get(f).get(row));
        }
        return map;
    }

    @Override
    public long heapBytes() {
        long bytes = 48 + NullMask.bytes(nulls);
        for (Column c : children) {
            bytes += c.heapBytes();
        }
        return bytes;
    }

    public static Builder builder(DataType.Struct type, int capacity) {
        return new Builder(type, capacity);
    }

    /**
     * Appends structs. Codecs append one value to every {@link #field(int)} builder, then call
     * {@link #endStruct()}.
     */
    public static final class Builder extends BuilderState implements Column.Builder {
        private final DataType.Struct structType;
        private final List<Column.Builder> children = new ArrayList<>();
        /** The children's row counts read as fields: endStruct runs once per row, often millions of times. */
        private final BuilderState[] childStates;

        private Builder(DataType.Struct type, int capacity) {
            super(type);
            this.structType = type;
            for (Field f : type.fields()) {
                children.add(Column.builder(f.type(), capacity));
            }
            childStates = children.stream().map(c -> (BuilderState) c).toArray(BuilderState[]::new);
        }

        /** The builder of field {@code index}. */
        public Column.Builder field(int index) {
            return children.get(index);
        }

        /** Ends a row whose fields were each appended once since the previous row. */
        public Builder endStruct() {
            checkOpen();
            for (int f = 0; f < childStates.length; f++) {
                if (childStates[f].size != size + 1) {
                    throw new IllegalStateException("field '" + structType.fields().get(f).name() + "' has "
                            + children.get(f).size() + " values, expected " + (size + 1));
                }
            }
            size++;
            return this;
        }

        /** Ends {@code count} rows at once: every field must have had {@code count} values appended. */
        public Builder endStructs(int count) {
            checkOpen();
            for (int f = 0; f < childStates.length; f++) {
                if (count < 0 || childStates[f].size != size + count) {
                    throw new IllegalStateException("field '" + structType.fields().get(f).name() + "' has "
                            + children.get(f).size() + " values, expected " + (size + count));
                }
            }
            size += count;
            return this;
        }

        @Override
        public Builder appendNull() {
            checkOpen();
            nulls.setNull(size);
            for (Column.Builder c : children) {
                c.appendNull();
            }
            return endStruct();
        }

        /** Accepts a {@code Map<String,?>} by field name (absent keys are null; unknown keys are an error). */
        @Override
        public Builder appendValue(@Nullable Object value) {
            if (value == null) {
                return appendNull();
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw wrongValue(value, "a java.util.Map of field name to value");
            }
            for (Object key : map.keySet()) {
                if (structType.fields().stream().noneMatch(f -> f.name().equals(key))) {
                    throw new IllegalArgumentException("struct has no field '" + key + "'; fields are "
                            + structType.fields().stream().map(Field::name).toList());
                }
            }
            for (int f = 0; f < children.size(); f++) {
                children.get(f).appendValue(map.get(structType.fields().get(f).name()));
            }
            return endStruct();
        }

        @Override
        public Builder appendRange(Column source, int from, int to) {
            StructColumn src = source(source, from, to, StructColumn.class);
            for (int f = 0; f < children.size(); f++) {
                children.get(f).appendRange(src.children.get(f), from, to);
            }
            nulls.copyFrom(src, from, to, size);
            size += to - from;
            return this;
        }

        @Override
        public StructColumn build() {
            finish();
            List<Column> built = new ArrayList<>();
            for (Column.Builder c : children) {
                built.add(c.build());
            }
            return new StructColumn(structType, size, built, nulls.build(size), nulls.count());
        }
    }
}
