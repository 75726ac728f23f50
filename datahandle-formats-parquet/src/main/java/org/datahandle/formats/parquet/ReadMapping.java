package org.datahandle.formats.parquet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.datahandle.table.DataType;
import org.datahandle.table.Field;
import org.datahandle.table.Schema;

/**
 * The mapping of a Parquet schema to a DataHandle schema, shared by the type computation and the
 * converter tree so that both read nesting the same way:
 * <ul>
 *   <li>a group annotated LIST is a {@code list<..>}, in the 3-level form or the legacy 2-level forms
 *       (the backward-compatibility rules of the Parquet LogicalTypes spec);
 *   <li>a group annotated MAP (or MAP_KEY_VALUE) is a {@code list<struct<key,value>>};
 *   <li>any other group is a {@code struct<..>};
 *   <li>a repeated field without LIST is a {@code list<..>} of its type.
 * </ul>
 */
final class ReadMapping {
    private final Where where;
    private final boolean binaryAsString;

    /** @param where "handle 'h': path", the prefix of unsupported-type messages */
    ReadMapping(Where where) {
        this(where, false);
    }

    /**
     * @param where "handle 'h': path", the prefix of unsupported-type messages
     * @param binaryAsString whether unannotated BYTE_ARRAY columns read as strings
     */
    ReadMapping(Where where, boolean binaryAsString) {
        this.where = where;
        this.binaryAsString = binaryAsString;
    }

    /** How a primitive column is read. */
    Leaf leaf(PrimitiveType p, String path) {
        return Leaves.of(p, where, path, binaryAsString);
    }

    /**
     * The paths of the MAP groups of {@code message} (see {@link MapColumns}), read as
     * {@code list<struct<key,value>>}, in schema order.
     */
    Set<String> mapPaths(MessageType message) {
        Set<String> paths = new LinkedHashSet<>();
        for (Type t : message.getFields()) {
            collectMaps(t, new ArrayList<>(List.of(t.getName())), paths);
        }
        return paths;
    }

    private void collectMaps(Type t, List<String> path, Set<String> paths) {
        if (t.isPrimitive()) {
            return;
        }
        GroupType g = t.asGroupType();
        List<String> here = t.isRepetition(Type.Repetition.REPEATED) ? append(path, MapColumns.ELEMENT) : path;
        if (isList(g)) {
            Type repeated = g.getFieldCount() == 1 ? g.getType(0) : null;
            if (repeated == null || repeated.isPrimitive()) {
                return;
            }
            if (repeatedIsElement(g, repeated)) {
                collectInside(repeated.asGroupType(), append(here, MapColumns.ELEMENT), paths);
            } else {
                collectMaps(repeated.asGroupType().getType(0), append(here, MapColumns.ELEMENT), paths);
            }
            return;
        }
        if (isMap(g)) {
            paths.add(MapColumns.path(here));
            if (g.getFieldCount() == 1 && !g.getType(0).isPrimitive()) {
                collectInside(g.getType(0).asGroupType(), append(here, MapColumns.ELEMENT), paths);
            }
            return;
        }
        collectInside(g, here, paths);
    }

    /** The fields of a struct (or of a map's key-value group) at {@code path}. */
    private void collectInside(GroupType g, List<String> path, Set<String> paths) {
        for (Type child : g.getFields()) {
            collectMaps(child, append(path, child.getName()), paths);
        }
    }

    private static List<String> append(List<String> path, String name) {
        List<String> p = new ArrayList<>(path);
        p.add(name);
        return p;
    }

    Schema schemaOf(MessageType message) {
        List<Field> fields = new ArrayList<>();
        for (Type t : message.getFields()) {
            fields.add(fieldOf(t, t.getName()));
        }
        return Schema.of(fields);
    }

    Field fieldOf(Type t, String path) {
        return new Field(t.getName(), typeOf(t, path), t.isRepetition(Type.Repetition.OPTIONAL));
    }

    /** The type of a field, its own repetition included (a repeated field is a list). */
    DataType typeOf(Type t, String path) {
        DataType value = valueTypeOf(t, path);
        return t.isRepetition(Type.Repetition.REPEATED) ? DataType.listOf(value) : value;
    }

    /** The type of one occurrence of a field, ignoring its repetition. */
    DataType valueTypeOf(Type t, String path) {
        if (t.isPrimitive()) {
            return leaf(t.asPrimitiveType(), path).type();
        }
        GroupType g = t.asGroupType();
        if (isList(g)) {
            Type repeated = repeatedChild(g, path);
            if (repeatedIsElement(g, repeated)) {
                return DataType.listOf(valueTypeOf(repeated, path + "." + repeated.getName()));
            }
            Type element = repeated.asGroupType().getType(0);
            return DataType.listOf(typeOf(element, path + "." + repeated.getName() + "." + element.getName()));
        }
        if (isMap(g)) {
            Type repeated = repeatedChild(g, path);
            return DataType.listOf(valueTypeOf(repeated, path + "." + repeated.getName()));
        }
        if (g.getFieldCount() == 0) {
            throw where.unsupported("column '" + path + "' is a group with no fields");
        }
        List<Field> fields = new ArrayList<>();
        for (Type child : g.getFields()) {
            fields.add(fieldOf(child, path + "." + child.getName()));
        }
        return DataType.struct(fields);
    }

    static boolean isList(GroupType g) {
        return g.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation;
    }

    /**
     * A MAP group; also a non-repeated MAP_KEY_VALUE group with one repeated field (old writers put
     * that annotation on the map itself). Impala and Hive put MAP_KEY_VALUE on the repeated
     * {@code key_value} group inside a MAP, where it is just the struct of key and value.
     */
    static boolean isMap(GroupType g) {
        LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
            return true;
        }
        return a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation
                && !g.isRepetition(Type.Repetition.REPEATED)
                && g.getFieldCount() == 1
                && g.getType(0).isRepetition(Type.Repetition.REPEATED);
    }

    /** The single repeated field of a LIST or MAP group. */
    Type repeatedChild(GroupType g, String path) {
        if (g.getFieldCount() != 1 || !g.getType(0).isRepetition(Type.Repetition.REPEATED)) {
            throw where.unsupported("column '" + path + "' is annotated "
                    + g.getLogicalTypeAnnotation() + " but does not have exactly one repeated field: " + g);
        }
        return g.getType(0);
    }

    /**
     * Whether the repeated field of a LIST is itself the element (legacy 2-level lists) rather than a
     * wrapper around it: a primitive, a group of several fields, or a one-field group named
     * {@code array} or {@code <list>_tuple}.
     */
    static boolean repeatedIsElement(GroupType list, Type repeated) {
        if (repeated.isPrimitive()) {
            return true;
        }
        GroupType r = repeated.asGroupType();
        return r.getFieldCount() != 1
                || r.getName().equals("array")
                || r.getName().equals(list.getName() + "_tuple");
    }
}
